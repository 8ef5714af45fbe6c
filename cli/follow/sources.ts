// What the follower feeds its new lines to, per format: the queue_log tracker (calls span many lines
// and many polls, so it keeps the calls in progress between them, and knows the queues' live
// state), or the CDR importer (each Master.csv line is a whole call).
import { asteriskCdrImporter } from '@/lib/importers/asterisk-cdr';
import { QueueLogTracker, type QueueLogTrackerState } from '@/lib/importers/asterisk-queue-log/tracker';
import type { ImportedCall, ImportRejection } from '@/lib/importers/types';
import type { QueueStatusInput } from '@/lib/queue-status/input';
import { FollowStateError, type FollowFormat } from './state-store';

export type FollowSource = {
  feed(lines: string[], source: string, firstLine: number): { records: ImportedCall[]; rejected: ImportRejection[] };
  /** Calls begun and not yet ended: held back until they end. */
  openCalls(): number;
  /** The queues' live state, when the format gives it. */
  queueStatus: ((nowMs: number) => QueueStatusInput[]) | null;
  notes(): string[];
  /** What to save so that a restart continues the calls in progress (JSON). */
  state(): unknown;
};

export type SourceOptions = { timeZone?: string; inboundContext?: string; defaultQueue?: string };

function queueLogSource(saved: unknown): FollowSource {
  let tracker: QueueLogTracker;
  try {
    tracker = new QueueLogTracker(saved === null || saved === undefined ? undefined : (saved as QueueLogTrackerState));
  } catch (error) {
    throw new FollowStateError(`The state file's queue_log calls in progress cannot be read back: ${(error as Error).message}`);
  }
  return {
    feed: (lines, source, firstLine) => tracker.feed(lines, source, firstLine),
    openCalls: () => tracker.openCalls(),
    queueStatus: (nowMs) => tracker.queueStatus(nowMs),
    notes: () => tracker.notes(),
    state: () => tracker.state(),
  };
}

function cdrSource(options: SourceOptions): FollowSource {
  const notes = new Set<string>();
  return {
    feed(lines, source, firstLine) {
      const result = asteriskCdrImporter.parse([{ name: source, text: lines.join('\n') }], {
        timeZone: options.timeZone,
        inboundContext: options.inboundContext,
        defaultQueue: options.defaultQueue,
      });
      for (const note of result.notes) notes.add(note);
      // The importer numbers the lines of the text it was given: these start at firstLine.
      const rejected = result.rejected.map((r) => (r.line > 0 ? { ...r, line: r.line + firstLine - 1 } : r));
      return { records: result.records, rejected };
    },
    openCalls: () => 0,
    queueStatus: null,
    notes: () => [...notes],
    state: () => null,
  };
}

export function sourceFor(format: FollowFormat, saved: unknown, options: SourceOptions): FollowSource {
  return format === 'asterisk-queue-log' ? queueLogSource(saved) : cdrSource(options);
}
