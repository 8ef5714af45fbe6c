// Twilio: the Call resource export (Calls list pages `{ "calls": [ … ] }`, arrays, or BulkExport's
// JSON lines) and TaskRouter Events (list pages `{ "events": [ … ] }`, arrays or JSON lines), given
// as separate files or together. One CallRecord per TaskRouter task (a queue leg), and one per
// parent Call that never became a task. docs/importers/twilio.md says which field becomes which.
import { readJsonRecords, type JsonRecord } from './genesys/json-records';
import { describeIssue, recordProblem } from './genesys/record-checks';
import { callSchema, eventSchema, type TwilioCall } from './twilio/schema';
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

type Located = { source: string; item: JsonRecord };

/** RFC 2822 ("Tue, 10 Nov 2026 09:15:02 +0000") from the API, ISO 8601 from BulkExport; null when absent. */
function instant(value: string | null | undefined): number | null | 'bad' {
  if (value == null || value === '') return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? 'bad' : at;
}

function parse(sources: ImportSource[], options: ImportOptions): ImportResult {
  const records: ImportedCall[] = [];
  const rejected: ImportRejection[] = [];
  const reject = ({ source, item }: Located, reason: string) => rejected.push({ source, ...item.where(), record: item.record, reason });

  const calls = new Map<string, { call: TwilioCall; at: Located; startMs: number | null; endMs: number | null }>();
  const tasks = new Map<string, { events: (TaskEvent & { order: number })[]; first: Located; attrs: unknown }>();
  const eventSids = new Set<string>();
  let duplicates = 0;
  let otherEvents = 0;

  for (const source of sources) {
    const read = readJsonRecords(source.text, LIST_KEYS);
    for (const p of read.problems) rejected.push({ source: source.name, ...p });
    for (const item of read.records) {
      const at: Located = { source: source.name, item };
      const value = item.value as Record<string, unknown> | null;
      const kind =
        item.key === 'calls' ? 'call' : item.key === 'events' ? 'event' : value && typeof value === 'object' && 'event_type' in value ? 'event' : value && typeof value === 'object' && ('start_time' in value || 'parent_call_sid' in value) ? 'call' : null;
      if (kind === null) {
        reject(at, 'This record is neither a Call nor a TaskRouter Event');
        continue;
      }
      if (kind === 'call') {
        const checked = callSchema.safeParse(value);
        if (!checked.success) {
          reject(at, describeIssue('The call', checked.error.issues[0], value));
          continue;
        }
        const call = checked.data;
        const startMs = instant(call.start_time);
        const endMs = instant(call.end_time);
        if (startMs === 'bad' || endMs === 'bad') {
          reject(at, `The call's ${startMs === 'bad' ? `start_time is not a date: '${call.start_time}'` : `end_time is not a date: '${call.end_time}'`}`);
          continue;
        }
        if (calls.has(call.sid)) duplicates++;
        else calls.set(call.sid, { call, at, startMs, endMs });
        continue;
      }
      const checked = eventSchema.safeParse(value);
      if (!checked.success) {
        reject(at, describeIssue('The event', checked.error.issues[0], value));
        continue;
      }
      const event = checked.data;
      if (!isTaskEvent(event.event_type)) {
        otherEvents++;
        continue;
      }
      if (event.sid) {
        if (eventSids.has(event.sid)) {
          duplicates++;
          continue;
        }
        eventSids.add(event.sid);
      }
      const data = event.event_data ?? {};
      const taskSid = typeof data.task_sid === 'string' && data.task_sid ? data.task_sid : event.resource_type === 'task' ? event.resource_sid : undefined;
      if (!taskSid) {
        reject(at, `The ${event.event_type} event names no task (event_data.task_sid is missing)`);
        continue;
      }
      const ms = event.event_date_ms != null && event.event_date_ms !== '' ? Number(event.event_date_ms) : instant(event.event_date);
      if (ms === null || ms === 'bad' || !Number.isFinite(ms)) {
        reject(at, `The ${event.event_type} event has no usable date (event_date_ms or event_date): '${event.event_date_ms ?? event.event_date ?? ''}'`);
        continue;
      }
      let task = tasks.get(taskSid);
      if (!task) {
        task = { events: [], first: at, attrs: undefined };
        tasks.set(taskSid, task);
      }
      if (task.attrs === undefined && data.task_attributes !== undefined) task.attrs = data.task_attributes;
      task.events.push({ type: event.event_type, at: ms, data, order: EVENT_ORDER[event.event_type] ?? 3 });
    }
  }

  const directionOf = (call: TwilioCall): 'inbound' | 'outbound' => (call.direction.startsWith('outbound') ? 'outbound' : 'inbound');
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
    if (found) usedCalls.add(found.call.sid);
    const known: KnownCall | undefined = found && { startMs: found.startMs, endMs: found.endMs, direction: directionOf(found.call) };
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
  for (const { call, at, startMs } of calls.values()) {
    if (usedCalls.has(call.sid)) continue;
    if (call.parent_call_sid) {
      childLegs++;
      continue;
    }
    const direction = directionOf(call);
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
    const started = startMs ?? instant(call.date_created);
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
