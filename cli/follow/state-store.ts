// The follower's memory on disk: where it is in the log, the importer's open calls, and the records
// read but not yet acknowledged by the server (the outbox). Written whole and atomically (a temporary
// file, fsync, rename, fsync of the directory), so that a crash or a power cut leaves either the old
// state or the new one, never half of one.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ImportedCall } from '@/lib/importers/types';
import type { FilePosition } from './tailer';

export const FOLLOW_FORMATS = ['asterisk-queue-log', 'asterisk-cdr'] as const;
export type FollowFormat = (typeof FOLLOW_FORMATS)[number];

const decimal = z.string().regex(/^\d+$/);

const filePositionSchema = z.object({
  dev: decimal,
  ino: decimal,
  offset: z.number().int().min(0),
  line: z.number().int().min(0),
  tail: z.string(),
});

const totalsSchema = z.object({
  /** Records the server acknowledged (inserted, updated, unchanged or rejected). */
  sent: z.number().int().min(0),
  inserted: z.number().int().min(0),
  updated: z.number().int().min(0),
  /** Records the server refused (logged with reasons, never resent). */
  rejected: z.number().int().min(0),
  /** Lines the importer could not use (logged with reasons). */
  linesRejected: z.number().int().min(0),
});
export type FollowTotals = z.infer<typeof totalsSchema>;

export const followStateSchema = z.object({
  version: z.literal(1),
  format: z.enum(FOLLOW_FORMATS),
  /** The log path this state follows: a state is never applied to another log. */
  path: z.string(),
  file: filePositionSchema.nullable(),
  /** The queue_log tracker's own state (open calls, agents); null for formats without one. */
  tracker: z.unknown(),
  /** Records read and not yet acknowledged, oldest first. The server validates them when they arrive. */
  outbox: z.array(z.looseObject({ externalId: z.string() })),
  totals: totalsSchema,
  savedAt: z.string(),
});

export type FollowState = Omit<z.infer<typeof followStateSchema>, 'outbox' | 'file'> & { file: FilePosition | null; outbox: ImportedCall[] };

export class FollowStateError extends Error {
  override name = 'UsageError';
}

export function emptyState(format: FollowFormat, logPath: string): FollowState {
  return {
    version: 1,
    format,
    path: logPath,
    file: null,
    tracker: null,
    outbox: [],
    totals: { sent: 0, inserted: 0, updated: 0, rejected: 0, linesRejected: 0 },
    savedAt: new Date(0).toISOString(),
  };
}

/**
 * The saved state, or null when there is none yet. A state file that cannot be read is an error,
 * not a fresh start: starting over would forget the outbox (calls read and never sent) and the
 * calls in progress, silently.
 */
export function loadState(file: string): FollowState | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new FollowStateError(`Cannot read the state file ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw corrupt(file, (error as Error).message);
  }
  const parsed = followStateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw corrupt(file, `${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  return parsed.data as FollowState;
}

function corrupt(file: string, detail: string) {
  return new FollowStateError(
    `The state file ${file} is not a state vigie follow wrote (${detail}). ` +
      'It holds the position in the log and the calls not yet sent, so it is not replaced silently: ' +
      'move it aside to start again from the beginning of the log (calls already sent are sent again and stored once).',
  );
}

/** Writes the state atomically: a reader (or a crash) sees the old file or the new, whole. */
export function saveState(file: string, state: FollowState): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify({ ...state, savedAt: new Date().toISOString() }));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  // The rename itself is durable only once the directory is.
  const dirFd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
}
