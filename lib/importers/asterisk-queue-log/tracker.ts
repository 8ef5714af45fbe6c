// Follows an Asterisk queue_log line by line: each visit of a call to a queue opens at ENTERQUEUE
// and becomes one record at the event that ends it. The same tracker reads a whole file for
// `vigie push` and a growing one for `vigie follow`, which keeps state() on disk between reads.
import type { ImportedCall, ImportRejection } from '@/lib/importers/types';
import type { QueueStatusInput } from '@/lib/queue-status/input';
import { AGENT_EVENTS, DETAIL_EVENTS, END_EVENTS, EXIT_EVENTS, REFUSED_EVENTS, SYSTEM_EVENTS, linkShift, type QueueLogOutcome } from './events';
import {
  DATA,
  DAY_MS,
  LATEST_MS,
  MAX_AGENT_LENGTH,
  MAX_QUEUE_LENGTH,
  clip,
  epochMs,
  excerptOf,
  externalIdOf,
  isNone,
  readSeconds,
} from './fields';
import { MemberBook } from './members';
import { emptyState, MAX_UNKNOWN, OTHER_UNKNOWN, queueLogTrackerStateSchema, type Counter, type OpenCall, type QueueLogTrackerState } from './state';
import { queueStatusOf } from './queue-status';

export type { QueueLogTrackerState } from './state';

type Output = { records: ImportedCall[]; rejected: ImportRejection[] };

export class QueueLogTracker {
  /** Keyed `callid|queue`: a field never holds a pipe. Map order is entry order. */
  private readonly open = new Map<string, OpenCall>();
  private readonly members: MemberBook;
  private readonly queues: Set<string>;
  private readonly counts: Record<Counter, number>;
  /** A Map, not an object: an event name may be anything, `__proto__` included. */
  private readonly unknown: Map<string, number>;
  private sweepDueMs: number | null;

  /** Throws when `state` is not one this class wrote: resuming from a corrupt file must not go unnoticed. */
  constructor(state?: QueueLogTrackerState) {
    const s = state === undefined ? emptyState() : queueLogTrackerStateSchema.parse(state);
    for (const call of s.open) this.open.set(`${call.callid}|${call.queue}`, call);
    this.members = new MemberBook(s.members);
    this.queues = new Set(s.queues);
    this.counts = { ...s.counts };
    this.unknown = new Map(s.unknown);
    this.sweepDueMs = s.sweepDueMs;
  }

  /** Feeds complete lines (without newline), numbered from firstLine (1-based). */
  feed(lines: string[], source: string, firstLine: number): Output {
    const out: Output = { records: [], rejected: [] };
    for (let i = 0; i < lines.length; i++) {
      let text = lines[i] ?? '';
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (text.trim() === '') continue;
      const reason = this.read(text, source, firstLine + i, out);
      if (reason !== null) out.rejected.push({ source, line: firstLine + i, reason, excerpt: excerptOf(text) });
    }
    return out;
  }

  /** Calls entered and not yet ended. */
  openCalls(): number {
    return this.open.size;
  }

  queueStatus(nowMs: number): QueueStatusInput[] {
    return queueStatusOf([...this.queues], this.open.values(), this.members, nowMs);
  }

  notes(): string[] {
    const c = this.counts;
    const notes: string[] = [];
    if (c.agent > 0) notes.push(`${lineCount(c.agent)} of agent events (ADDMEMBER, REMOVEMEMBER, PAUSE, UNPAUSE…) read, no call of their own`);
    if (c.system > 0) notes.push(`${lineCount(c.system)} of the queue system (QUEUESTART, CONFIGRELOAD) read`);
    if (c.ringNoAnswer > 0) notes.push(`${lineCount(c.ringNoAnswer)} of RINGNOANSWER read: an agent's phone rang unanswered, which ends no call`);
    if (c.refused > 0) notes.push(`${lineCount(c.refused)} of callers refused at the queue's door (JOINEMPTY, JOINUNAVAIL): they never entered a queue, so no record`);
    if (c.detail > 0) notes.push(`${lineCount(c.detail)} of call details (DID, INFO, RINGCANCELED…) read, no record of their own`);
    const unknown = [...this.unknown];
    if (unknown.length > 0) {
      const total = unknown.reduce((sum, [, n]) => sum + n, 0);
      notes.push(`${lineCount(total)} of events this importer does not know, skipped: ${unknown.map(([name, n]) => `${name} ×${n}`).join(', ')}`);
    }
    return notes;
  }

  state(): QueueLogTrackerState {
    return {
      version: 1,
      open: [...this.open.values()].map((call) => ({ ...call })),
      members: this.members.toJSON(),
      queues: [...this.queues],
      counts: { ...this.counts },
      unknown: [...this.unknown],
      sweepDueMs: this.sweepDueMs,
    };
  }

  /** Reads one non-blank line; returns the reason it is rejected, or null. */
  private read(text: string, source: string, line: number, out: Output): string | null {
    const f = text.split('|');
    if (f.length < DATA) return `Not a queue_log line: expected time|callid|queue|agent|event|…, found ${f.length} field${f.length === 1 ? '' : 's'}`;
    const [epoch = '', callid = '', queue = '', agent = '', event = ''] = f;
    const ms = epochMs(epoch);
    if (ms === null) return `The time is not a Unix epoch: '${clip(epoch, 40)}'`;
    if (ms >= LATEST_MS) return `The time ${clip(epoch, 40)} is after the year 2199: a clock error`;
    if (text.includes('\u0000')) return 'The line holds a NUL character';
    if (this.sweepDueMs !== null && ms > this.sweepDueMs) this.sweep(ms, out.rejected);

    if (event === 'ENTERQUEUE') return this.enter(epoch, ms, callid, queue, text, source, line, out.rejected);
    const exit = EXIT_EVENTS.get(event);
    const end = END_EVENTS.get(event);
    if (exit !== undefined || end !== undefined || event === 'CONNECT') {
      if (isNone(callid)) return `${event} without a call id`;
      if (isNone(queue)) return `${event} names no queue`;
      const call = this.open.get(`${callid}|${queue}`);
      if (call === undefined) return `${event} for a call that never entered queue ${queue} in this log (the log may start mid-call, e.g. after a rotation)`;
      if (event === 'CONNECT') return this.connect(call, f[DATA], agent);
      if (exit !== undefined) {
        const raw = f[DATA + exit.wait];
        // Older Asterisk wrote EXITWITHKEY without its waittime: the time since the entry says it.
        const wait = raw === undefined || raw === '' ? Math.max(0, Math.round((ms - call.enteredMs) / 1000)) : readSeconds(raw, event, 'waittime');
        if (typeof wait === 'string') return wait;
        return this.finish(call, wait, 0, exit.outcome, undefined, out.records);
      }
      if (end === undefined) return null;
      const shift = linkShift(event, f[DATA]);
      const talk = readSeconds(f[DATA + end.talk + shift], event, 'calltime');
      if (typeof talk === 'string') return talk;
      // A call whose CONNECT was lost still logs its holdtime here.
      const wait = call.waitSeconds ?? readSeconds(f[DATA + end.hold + shift], event, 'holdtime');
      if (typeof wait === 'string') return wait;
      const agentRef = call.waitSeconds !== undefined ? call.agent : agentRefOf(agent);
      return this.finish(call, wait, talk, end.outcome, agentRef, out.records);
    }
    if (AGENT_EVENTS.has(event)) {
      this.counts.agent++;
      return this.agentEvent(event, queue, agent);
    }
    if (event === 'RINGNOANSWER') this.counts.ringNoAnswer++;
    else if (DETAIL_EVENTS.has(event)) this.counts.detail++;
    else if (SYSTEM_EVENTS.has(event)) this.counts.system++;
    else if (REFUSED_EVENTS.has(event)) this.counts.refused++;
    else this.countUnknown(event);
    return null;
  }

  private enter(epoch: string, ms: number, callid: string, queue: string, text: string, source: string, line: number, rejected: ImportRejection[]): string | null {
    if (isNone(callid)) return 'ENTERQUEUE without a call id';
    if (isNone(queue)) return 'ENTERQUEUE names no queue';
    if (queue.length > MAX_QUEUE_LENGTH) return `The queue name is longer than ${MAX_QUEUE_LENGTH} characters`;
    const key = `${callid}|${queue}`;
    const earlier = this.open.get(key);
    if (earlier !== undefined) {
      this.open.delete(key);
      rejected.push({
        source: earlier.source,
        line: earlier.line,
        excerpt: earlier.excerpt,
        reason: `Call ${callid} entered queue ${queue} again at ${iso(ms)} before this visit ended: this visit is dropped, not guessed`,
      });
    }
    this.open.set(key, { callid, queue, enteredAt: epoch, enteredMs: ms, source, line, excerpt: excerptOf(text) });
    this.queues.add(queue);
    const due = ms + DAY_MS;
    if (this.sweepDueMs === null || due < this.sweepDueMs) this.sweepDueMs = due;
    return null;
  }

  private connect(call: OpenCall, holdtime: string | undefined, agent: string): string | null {
    if (call.waitSeconds !== undefined) return `A second CONNECT for call ${call.callid} in queue ${call.queue}, already answered`;
    const wait = readSeconds(holdtime, 'CONNECT', 'holdtime');
    if (typeof wait === 'string') return wait;
    if (agent.length > MAX_AGENT_LENGTH) return `The agent name is longer than ${MAX_AGENT_LENGTH} characters`;
    call.waitSeconds = wait;
    const ref = agentRefOf(agent);
    if (ref !== undefined) call.agent = ref;
    return null;
  }

  private finish(call: OpenCall, wait: number, talk: number, outcome: QueueLogOutcome, agentRef: string | undefined, records: ImportedCall[]): null {
    this.open.delete(`${call.callid}|${call.queue}`);
    const abandoned = EXIT_OUTCOMES.has(outcome);
    const record: ImportedCall = {
      externalId: externalIdOf(call.callid, call.queue, call.enteredAt),
      startedAt: iso(call.enteredMs),
      direction: 'inbound',
      queue: call.queue,
      waitSeconds: wait,
      talkSeconds: talk,
      holdSeconds: 0,
      wrapSeconds: 0,
      abandoned,
      outcome,
    };
    if (!abandoned && agentRef !== undefined && agentRef.length <= MAX_AGENT_LENGTH) record.agentRef = agentRef;
    records.push(record);
    return null;
  }

  private agentEvent(event: string, queue: string, agent: string): string | null {
    if (event === 'ADDMEMBER' || event === 'REMOVEMEMBER') {
      if (isNone(queue)) return `${event} names no queue`;
      if (isNone(agent)) return `${event} names no member`;
      if (queue.length > MAX_QUEUE_LENGTH) return `The queue name is longer than ${MAX_QUEUE_LENGTH} characters`;
      this.queues.add(queue);
      if (event === 'ADDMEMBER') this.members.add(queue, agent);
      else this.members.remove(queue, agent);
      return null;
    }
    if (event === 'PAUSE' || event === 'UNPAUSE' || event === 'PAUSEALL' || event === 'UNPAUSEALL') {
      if (isNone(agent)) return `${event} names no member`;
      const paused = event === 'PAUSE' || event === 'PAUSEALL';
      // PAUSEALL (and a PAUSE naming no queue) applies to every queue the member is in.
      if (event.endsWith('ALL') || isNone(queue)) this.members.pauseEverywhere(agent, paused);
      else if (queue.length <= MAX_QUEUE_LENGTH) {
        this.queues.add(queue);
        this.members.pause(queue, agent, paused);
      }
    }
    return null;
  }

  /** Drops the calls open for more than 24 hours of log time: the state must not grow without end. */
  private sweep(nowMs: number, rejected: ImportRejection[]): void {
    let due: number | null = null;
    for (const [key, call] of this.open) {
      if (nowMs - call.enteredMs > DAY_MS) {
        this.open.delete(key);
        rejected.push({
          source: call.source,
          line: call.line,
          excerpt: call.excerpt,
          reason: `Entered queue ${call.queue} at ${iso(call.enteredMs)} and never ended within 24 hours: dropped, not guessed`,
        });
      } else if (due === null || call.enteredMs + DAY_MS < due) due = call.enteredMs + DAY_MS;
    }
    this.sweepDueMs = due;
  }

  private countUnknown(event: string): void {
    const name = clip(event, 40);
    const key = this.unknown.has(name) || this.unknown.size < MAX_UNKNOWN ? name : OTHER_UNKNOWN;
    this.unknown.set(key, (this.unknown.get(key) ?? 0) + 1);
  }
}

const EXIT_OUTCOMES: ReadonlySet<QueueLogOutcome> = new Set(['abandoned', 'timeout', 'exit-key', 'exit-empty']);

const iso = (ms: number): string => new Date(ms).toISOString();

const lineCount = (n: number): string => `${n} line${n === 1 ? '' : 's'}`;

/** The agent field as CallRecord.agentRef: as written, but NONE (or nothing) is no agent. */
const agentRefOf = (agent: string): string | undefined => (isNone(agent) ? undefined : agent);
