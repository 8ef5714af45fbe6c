// Twilio: the Call resource export (Calls list pages `{ "calls": [ … ] }`, arrays, or BulkExport's
// JSON lines) and TaskRouter Events (list pages `{ "events": [ … ] }`, arrays or JSON lines), given
// as separate files or together. One CallRecord per TaskRouter task (a queue leg), and one per
// parent Call that never became a task. docs/importers/twilio.md says which field becomes which.
import { readJsonRecords, type JsonPlace } from './json-records';
import { describeIssue, recordProblem } from './record-checks';
import { instant } from './twilio/instant';
import { checkCall, checkEvent } from './twilio/record-check';
import { taskAttributes, taskCall, type KnownCall, type TaskEvent } from './twilio/tasks';
import type { ImportedCall, Importer, ImportOptions, ImportRejection, ImportResult, ImportSource } from './types';

const LIST_KEYS = ['calls', 'events'] as const;
const RUNNING = new Set(['queued', 'ringing', 'in-progress']);
/** The order of same-millisecond events, so that a task reads created → accepted → wrap-up → completed. */
const EVENT_ORDER: Record<string, number> = {
  'task.created': 0,
  'task-queue.entered': 1,
  'reservation.created': 2,
  'reservation.accepted': 3,
  'task.wrapup': 4,
  'task.canceled': 5,
  'task.completed': 5,
};

function detect(text: string): boolean {
  const head = text.slice(0, 4096);
  const calls = head.includes('"sid"') && head.includes('"parent_call_sid"') && head.includes('"start_time"');
  const events = head.includes('"event_type"') && (head.includes('"event_date_ms"') || head.includes('"event_data"'));
  return calls || events;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const isTaskEvent = (type: string) => type.startsWith('task.') || type.startsWith('task-queue.') || type.startsWith('reservation.');

type Located = { source: string; place: JsonPlace };

/** What is kept of a Call until the tasks are read: the fields used, not the whole record. */
type KeptCall = {
  sid: string;
  parentCallSid: string | null | undefined;
  status: string;
  direction: 'inbound' | 'outbound';
  to: string | null | undefined;
  duration: string | number | null | undefined;
  dateCreated: string | null | undefined;
  at: Located;
  startMs: number | null;
  endMs: number | null;
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function parse(sources: ImportSource[], options: ImportOptions): ImportResult {
  const records: ImportedCall[] = [];
  const rejected: ImportRejection[] = [];
  const reject = ({ source, place }: Located, reason: string) => rejected.push({ source, ...place.where(), record: place.record, reason });

  const calls = new Map<string, KeptCall>();
  // Each task's events, kept as the few fields taskCall reads: the events themselves are let go as read.
  const tasks = new Map<string, { events: (TaskEvent & { order: number })[]; first: Located; attrs: unknown }>();
  const eventSids = new Set<string>();
  let duplicates = 0;
  let otherEvents = 0;

  for (const source of sources) {
    const found: Located[] = [];
    const reasons: string[] = [];
    const refuse = (at: Located, reason: string) => {
      found.push(at);
      reasons.push(reason);
    };
    const problems = readJsonRecords(source.text, LIST_KEYS, (raw, key, place) => {
      const at: Located = { source: source.name, place };
      const value = raw as Record<string, unknown> | null;
      const kind =
        key === 'calls' ? 'call' : key === 'events' ? 'event' : value && typeof value === 'object' && 'event_type' in value ? 'event' : value && typeof value === 'object' && ('start_time' in value || 'parent_call_sid' in value) ? 'call' : null;
      if (kind === null) {
        refuse(at, 'This record is neither a Call nor a TaskRouter Event');
        return;
      }
      if (kind === 'call') {
        const checked = checkCall(value);
        if (!checked.ok) {
          refuse(at, describeIssue('The call', checked.issue, value));
          return;
        }
        const call = checked.data;
        const startMs = instant(call.start_time);
        const endMs = instant(call.end_time);
        if (startMs === 'bad' || endMs === 'bad') {
          refuse(at, `The call's ${startMs === 'bad' ? `start_time is not a date: '${call.start_time}'` : `end_time is not a date: '${call.end_time}'`}`);
          return;
        }
        if (calls.has(call.sid)) duplicates++;
        else
          calls.set(call.sid, {
            sid: call.sid,
            parentCallSid: call.parent_call_sid,
            status: call.status,
            direction: call.direction.startsWith('outbound') ? 'outbound' : 'inbound',
            to: call.to,
            duration: call.duration,
            dateCreated: call.date_created,
            at,
            startMs,
            endMs,
          });
        return;
      }
      const checked = checkEvent(value);
      if (!checked.ok) {
        refuse(at, describeIssue('The event', checked.issue, value));
        return;
      }
      const event = checked.data;
      if (!isTaskEvent(event.event_type)) {
        otherEvents++;
        return;
      }
      if (event.sid) {
        if (eventSids.has(event.sid)) {
          duplicates++;
          return;
        }
        eventSids.add(event.sid);
      }
      const data = event.event_data ?? {};
      const taskSid = typeof data.task_sid === 'string' && data.task_sid ? data.task_sid : event.resource_type === 'task' ? event.resource_sid : undefined;
      if (!taskSid) {
        refuse(at, `The ${event.event_type} event names no task (event_data.task_sid is missing)`);
        return;
      }
      const ms = event.event_date_ms != null && event.event_date_ms !== '' ? Number(event.event_date_ms) : instant(event.event_date);
      if (ms === null || ms === 'bad' || !Number.isFinite(ms)) {
        refuse(at, `The ${event.event_type} event has no usable date (event_date_ms or event_date): '${event.event_date_ms ?? event.event_date ?? ''}'`);
        return;
      }
      let task = tasks.get(taskSid);
      if (!task) {
        task = { events: [], first: at, attrs: undefined };
        tasks.set(taskSid, task);
      }
      if (task.attrs === undefined && data.task_attributes !== undefined) task.attrs = data.task_attributes;
      task.events.push({
        type: event.event_type,
        at: ms,
        queue: str(data.task_queue_name) ?? str(data.task_queue_sid),
        worker: str(data.worker_name) ?? str(data.worker_sid),
        order: EVENT_ORDER[event.event_type] ?? 3,
      });
    });
    // What could not be read as JSON comes first, then what was read and refused, as the file runs.
    for (const p of problems) rejected.push({ source: source.name, ...p });
    found.forEach((at, i) => reject(at, reasons[i]!));
  }

  const defaultQueue = options.defaultQueue ?? 'direct';
  const usedCalls = new Set<string>();
  let held = 0;
  let moved = 0;
  let ringNoAnswer = 0;

  for (const [taskSid, task] of tasks) {
    // The Events list runs newest first: read each task oldest first.
    task.events.sort((a, b) => a.at - b.at || a.order - b.order);
    const attributes = taskAttributes(task.attrs);
    const found = attributes.callSid ? calls.get(attributes.callSid) : undefined;
    if (found) usedCalls.add(found.sid);
    const known: KnownCall | undefined = found && { startMs: found.startMs, endMs: found.endMs, direction: found.direction };
    const outcome = taskCall(taskSid, task.events, known, attributes, defaultQueue);
    if (outcome.kind === 'held') held++;
    else if (outcome.kind === 'problem') reject(task.first, outcome.reason);
    else {
      if (outcome.moved) moved++;
      ringNoAnswer += outcome.ringNoAnswer;
      const problem = recordProblem(outcome.call);
      if (problem) reject(task.first, `Task ${taskSid}: ${problem}`);
      else records.push(outcome.call);
    }
  }

  let childLegs = 0;
  let agentLegs = 0;
  let unanswered = 0;
  let direct = 0;
  for (const call of calls.values()) {
    const { at, startMs } = call;
    if (usedCalls.has(call.sid)) continue;
    if (call.parentCallSid) {
      childLegs++;
      continue;
    }
    const direction = call.direction;
    // The leg Twilio places to an agent's browser or SIP phone is not a customer's call.
    if (direction === 'outbound' && /^(client|sip):/i.test(call.to ?? '')) {
      agentLegs++;
      continue;
    }
    if (RUNNING.has(call.status)) {
      held++;
      continue;
    }
    if (call.status !== 'completed') {
      unanswered++;
      continue;
    }
    const talk = Number(call.duration ?? 0);
    const started = startMs ?? instant(call.dateCreated);
    if (!Number.isFinite(talk) || talk < 0) {
      reject(at, `The call's duration is not a number of seconds: '${call.duration}'`);
      continue;
    }
    if (started === null || started === 'bad') {
      reject(at, 'The completed call has no start_time');
      continue;
    }
    const record: ImportedCall = {
      externalId: `tw:${call.sid}`,
      startedAt: new Date(started).toISOString(),
      direction,
      queue: direction === 'outbound' ? 'outbound' : defaultQueue,
      waitSeconds: 0,
      talkSeconds: talk,
      holdSeconds: 0,
      wrapSeconds: 0,
      abandoned: false,
    };
    const problem = recordProblem(record);
    if (problem) reject(at, `Call ${call.sid}: ${problem}`);
    else {
      direct++;
      records.push(record);
    }
  }

  const notes: string[] = [];
  if (direct > 0) notes.push(`${plural(direct, 'call')} without a TaskRouter task (IVR only, direct or outbound) kept in the queue "${defaultQueue}" (inbound) or "outbound".`);
  if (childLegs > 0) notes.push(`${plural(childLegs, 'child call leg')} (parent_call_sid set) read as part of their parent call, not as calls of their own.`);
  if (agentLegs > 0) notes.push(`${plural(agentLegs, 'call')} to an agent's client: or sip: endpoint read as agent legs, not customer calls.`);
  if (unanswered > 0) notes.push(`${plural(unanswered, 'call')} without a task ended unanswered (busy, no-answer, canceled, failed): no call of their own.`);
  if (moved > 0) notes.push(`${plural(moved, 'task')} moved to another queue: counted once, in the queue where an agent accepted it (or the last one).`);
  if (ringNoAnswer > 0) notes.push(`${plural(ringNoAnswer, 'reservation')} rejected or timed out before an agent accepted: the wait runs on.`);
  if (otherEvents > 0) notes.push(`${plural(otherEvents, 'event')} about workers, activities or workflows read: no call of their own.`);
  if (duplicates > 0) notes.push(`${plural(duplicates, 'call or event', 'calls or events')} appeared more than once: read once.`);
  if (held > 0) notes.push(`${plural(held, 'call')} still in progress were held back.`);
  return { records, rejected, held, notes };
}

export const twilioImporter: Importer = {
  format: 'twilio',
  label: 'Twilio calls and TaskRouter events (JSON)',
  detect,
  needs: [],
  parse,
};
