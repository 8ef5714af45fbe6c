// `vigie follow`'s loop: every interval, read the log's new complete lines, turn them into calls,
// keep them on disk, push them, and push the queues' live status. The order is what makes it safe:
// lines → importer → outbox → state saved (position + calls in progress + outbox) → push → sent
// records dropped → state saved. A crash anywhere resends at most what the server already has
// (it upserts by externalId), and loses nothing.
import path from 'node:path';
import { PushError, type PushTotals } from '../push/client';
import type { ImportRejection } from '@/lib/importers/types';
import { pushLine, refusedRecordLine, rejectedLine, clock } from './report';
import { backoffMs, callsEndpoint, postJson, queueStatusEndpoint } from './sender';
import { sourceFor, type FollowSource } from './sources';
import { emptyState, FollowStateError, loadState, saveState, type FollowFormat, type FollowState, type FollowTotals } from './state-store';
import { tailStep, type FilePosition } from './tailer';

export type FollowOptions = {
  format: FollowFormat;
  /** The log to follow. */
  path: string;
  /** The Vigie server (or its /api/v1/calls endpoint). */
  url: string;
  key: string;
  stateFile: string;
  /** How often the log is looked at and the queue status pushed (default 5 s). */
  intervalMs?: number;
  /** Push the queues' live status when the format gives it (default true). */
  queueStatus?: boolean;
  timeZone?: string;
  inboundContext?: string;
  defaultQueue?: string;
  /** Records kept unsent before reading pauses (default 200,000: about 50 MB of state). */
  outboxCap?: number;
  /** Records per POST (default and most 5,000). */
  chunkSize?: number;
  /** Bytes read from the log per read (default 4 MiB); a step reads at most 16 of them before pushing. */
  readBytes?: number;
  /** First retry delay after a failed push (default 1 s), doubled each time up to retryCapMs (default 60 s). */
  retryBaseMs?: number;
  retryCapMs?: number;
  out?: (line: string) => void;
  err?: (line: string) => void;
};

export type FollowSummary = FollowTotals & { open: number; outbox: number };

export const DEFAULT_OUTBOX_CAP = 200_000;
const READS_PER_STEP = 16;
/** Calls read ahead of the pushes while the server answers: four full POSTs. */
const READ_AHEAD = 20_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

const samePosition = (a: FilePosition | null, b: FilePosition | null) =>
  a === b || (a !== null && b !== null && a.dev === b.dev && a.ino === b.ino && a.offset === b.offset && a.line === b.line);

class Follower {
  private readonly logPath: string;
  private readonly state: FollowState;
  private readonly source: FollowSource;
  private readonly out: (line: string) => void;
  private readonly err: (line: string) => void;
  private lastNotice: string | null = null;
  private failures = 0;
  private nextPushAt = 0;
  private queues: number | null = null;
  private statusProblem: string | null = null;
  private nextStatusAt = 0;

  constructor(
    private readonly options: FollowOptions,
    private readonly signal: AbortSignal,
  ) {
    this.logPath = path.resolve(options.path);
    this.out = options.out ?? ((line) => console.log(line));
    this.err = options.err ?? ((line) => console.error(line));
    const saved = loadState(options.stateFile);
    if (saved && (saved.format !== options.format || saved.path !== this.logPath)) {
      throw new FollowStateError(
        `The state file ${options.stateFile} follows ${saved.path} (${saved.format}), not ${this.logPath} (${options.format}): give each log a --state of its own.`,
      );
    }
    this.state = saved ?? emptyState(options.format, this.logPath);
    this.source = sourceFor(options.format, this.state.tracker, options);
    this.queues = options.queueStatus !== false && this.source.queueStatus ? 0 : null;
  }

  private save() {
    saveState(this.options.stateFile, this.state);
  }

  /** Reads what the log gained, into the outbox, and saves. True when the whole log is read. */
  read(): boolean {
    const cap = this.options.outboxCap ?? DEFAULT_OUTBOX_CAP;
    // While the server answers, a backlog is read a batch at a time and sent before reading on, so
    // that the state rewritten after each acknowledged chunk stays small; while it is away, up to the cap.
    const limit = Date.now() >= this.nextPushAt ? Math.min(cap, READ_AHEAD) : cap;
    let changed = false;
    let more = true;
    for (let reads = 0; more && reads < READS_PER_STEP && this.state.outbox.length < limit && !this.signal.aborted; reads++) {
      const step = tailStep(this.logPath, this.state.file, this.options.readBytes ?? 4 * 1024 * 1024);
      const notice = step.notices.join('\n') || null;
      if (notice && notice !== this.lastNotice) this.err(`${clock(new Date())} ${notice}`);
      this.lastNotice = notice;
      if (step.lines.length > 0) {
        const fed = this.source.feed(step.lines, step.source, step.firstLine);
        for (const record of fed.records) this.state.outbox.push(record);
        this.logRejected(fed.rejected);
        changed = true;
      }
      if (!samePosition(step.position, this.state.file)) changed = true;
      this.state.file = step.position;
      more = step.more;
    }
    if (this.state.outbox.length >= cap && more) {
      this.noticeOnce(`${this.state.outbox.length} calls wait to be sent (at most ${cap} are kept): reading the log pauses until the server takes them`);
    }
    if (changed) {
      this.state.tracker = this.source.state();
      this.save();
    }
    return !more;
  }

  private noticeOnce(notice: string) {
    if (notice !== this.lastNotice) this.err(`${clock(new Date())} ${notice}`);
    this.lastNotice = notice;
  }

  private logRejected(rejected: ImportRejection[]) {
    this.state.totals.linesRejected += rejected.length;
    for (const r of rejected) this.err(`line not imported: ${rejectedLine(r)}`);
  }

  /** Sends the outbox, oldest first, chunk by chunk; each acknowledged chunk leaves it and the state is saved. */
  async push(): Promise<void> {
    if (this.state.outbox.length === 0 || Date.now() < this.nextPushAt) return;
    const chunkSize = Math.min(this.options.chunkSize ?? 5000, 5000);
    while (this.state.outbox.length > 0 && !this.signal.aborted) {
      const chunk = this.state.outbox.slice(0, chunkSize);
      const attempt = await postJson<PushTotals>(callsEndpoint(this.options.url), this.options.key, { records: chunk }, this.signal);
      if (this.signal.aborted) return;
      if (attempt.kind === 'refused') throw this.refused('calls', attempt.status, attempt.reason);
      if (attempt.kind === 'retry') {
        const delay = attempt.retryAfterMs ?? backoffMs(this.failures, this.options.retryBaseMs ?? 1000, this.options.retryCapMs ?? 60_000);
        this.failures++;
        this.nextPushAt = Date.now() + delay;
        this.err(
          `${clock(new Date())} cannot push (${attempt.reason}): ${this.state.outbox.length} calls kept in ${this.options.stateFile}, ` +
            `retry in ${(delay / 1000).toFixed(1)} s`,
        );
        return;
      }
      const answer = attempt.answer;
      this.failures = 0;
      this.state.outbox.splice(0, chunk.length);
      const totals = this.state.totals;
      totals.sent += chunk.length;
      totals.inserted += answer.inserted;
      totals.updated += answer.updated;
      totals.rejected += answer.rejected.length;
      this.save();
      for (const r of answer.rejected) this.err(refusedRecordLine(r));
      this.out(pushLine(new Date(), { ...answer, rejected: answer.rejected.length }, this.source.queueStatus ? this.source.openCalls() : null, this.queues));
    }
  }

  /** Pushes the queues' live state (never kept: a late status is worth nothing; the next interval sends a new one). */
  async pushStatus(): Promise<void> {
    if (!this.source.queueStatus || this.options.queueStatus === false || Date.now() < this.nextStatusAt) return;
    const queues = this.source.queueStatus(Date.now());
    if (queues.length === 0) return;
    const attempt = await postJson(queueStatusEndpoint(this.options.url), this.options.key, { at: new Date().toISOString(), queues }, this.signal);
    if (this.signal.aborted) return;
    if (attempt.kind === 'ok') {
      this.queues = queues.length;
      if (this.statusProblem) this.err(`${clock(new Date())} queue status pushed again`);
      this.statusProblem = null;
      return;
    }
    if (attempt.kind === 'refused' && (attempt.status === 401 || attempt.status === 403)) throw this.refused('queue status', attempt.status, attempt.reason);
    if (attempt.kind === 'retry' && attempt.retryAfterMs) this.nextStatusAt = Date.now() + attempt.retryAfterMs;
    if (this.statusProblem === null) this.err(`${clock(new Date())} queue status not pushed (${attempt.reason})`);
    this.statusProblem = attempt.reason;
  }

  /** A refusal no retry can fix (a revoked key, a wrong URL): saved, then said plainly, for systemd to restart and the journal to show. */
  private refused(what: string, status: number, reason: string): PushError {
    this.save();
    return new PushError(
      `The server refused the ${what} (${reason}). The ${this.state.outbox.length} calls not yet sent are kept in ${this.options.stateFile}; ` +
        'follow stops: check the key (revoked?) and the URL, then start it again.',
      status,
      0,
    );
  }

  stop(): FollowSummary {
    this.state.tracker = this.source.state();
    this.save();
    for (const note of this.source.notes()) this.out(`note: ${note}`);
    return this.summary();
  }

  summary(): FollowSummary {
    return { ...this.state.totals, open: this.source.openCalls(), outbox: this.state.outbox.length };
  }
}

/**
 * Follows the log until `signal` aborts (then saves and resolves with the totals), or until the
 * server refuses the key (a PushError, after saving). Everything read and not yet acknowledged is
 * in the state file, whatever happens.
 */
export async function runFollow(options: FollowOptions, { signal }: { signal: AbortSignal }): Promise<FollowSummary> {
  const follower = new Follower(options, signal);
  const interval = options.intervalMs ?? 5000;
  while (!signal.aborted) {
    const caughtUp = follower.read();
    // The live status of a log still being caught up with would describe the past.
    if (caughtUp) await follower.pushStatus();
    await follower.push();
    if (caughtUp || follower.summary().outbox >= (options.outboxCap ?? DEFAULT_OUTBOX_CAP)) await sleep(interval, signal);
    else await new Promise((r) => setImmediate(r));
  }
  return follower.stop();
}
