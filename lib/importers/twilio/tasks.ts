// One TaskRouter task (its events, oldest first) and the Call it carries → one CallRecord.
// wait = reservation.accepted − task.created (task end − task.created when nobody accepted: abandoned),
// talk = task.wrapup − reservation.accepted, wrap = task.completed − task.wrapup.
import type { ImportedCall } from '../types';

/** What an event says of its task: the type, when, and the queue and worker it names (name, else sid). */
export type TaskEvent = {
  type: string;
  at: number;
  queue: string | undefined;
  worker: string | undefined;
};

export type KnownCall = { startMs: number | null; endMs: number | null; direction: 'inbound' | 'outbound' };

export type TaskOutcome =
  | { kind: 'call'; call: ImportedCall; moved: boolean; ringNoAnswer: number }
  | { kind: 'held' }
  | { kind: 'problem'; reason: string };

/** Events that end a task; a task without one is still running. */
const TERMINAL = new Set(['task.completed', 'task.canceled', 'task.deleted', 'task.system-deleted']);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** task_attributes is a JSON string in the events (an object in some exports): the call sid and direction. */
export function taskAttributes(raw: unknown): { callSid?: string; direction?: string } {
  let attrs: unknown = raw;
  if (typeof raw === 'string') {
    try {
      attrs = JSON.parse(raw);
    } catch {
      return {};
    }
  }
  if (!attrs || typeof attrs !== 'object') return {};
  const a = attrs as Record<string, unknown>;
  return { callSid: str(a.call_sid), direction: str(a.direction) };
}

export function taskCall(
  taskSid: string,
  events: TaskEvent[],
  call: KnownCall | undefined,
  attributes: { direction?: string },
  defaultQueue: string,
): TaskOutcome {
  let created: number | undefined;
  let accepted: number | undefined;
  let wrapup: number | undefined;
  let ended: number | undefined;
  let worker: string | undefined;
  let queue: string | undefined;
  let queueAtAccept: string | undefined;
  let queuesEntered = 0;
  let moved = false;
  let ringNoAnswer = 0;

  for (const e of events) {
    if (e.queue) queue = e.queue;
    switch (e.type) {
      case 'task.created':
        created ??= e.at;
        break;
      case 'task-queue.entered':
        queuesEntered++;
        break;
      case 'task-queue.moved':
        moved = true;
        break;
      case 'reservation.accepted':
        if (accepted === undefined) {
          accepted = e.at;
          worker = e.worker;
          queueAtAccept = queue;
        }
        break;
      case 'reservation.rejected':
      case 'reservation.timeout':
        ringNoAnswer++;
        break;
      case 'task.wrapup':
        wrapup ??= e.at;
        break;
      default:
        if (TERMINAL.has(e.type)) ended ??= e.at;
    }
  }
  if (created === undefined) return { kind: 'problem', reason: `Task ${taskSid} has no task.created event (it began before this export)` };
  if (ended === undefined) return { kind: 'held' };

  const direction =
    call?.direction ?? (attributes.direction === 'outbound' ? 'outbound' : 'inbound');
  const startedAt = new Date(call?.startMs ?? created).toISOString();
  const base = {
    externalId: `tw:${taskSid}`,
    startedAt,
    direction,
    queue: (queueAtAccept ?? queue ?? defaultQueue).slice(0, 100),
    holdSeconds: 0,
  } as const;
  moved ||= queuesEntered > 1;

  if (accepted === undefined) {
    // Nobody accepted before the task ended: the caller hung up waiting (or while a reservation rang).
    const wait = ended - created;
    if (wait < 0) return { kind: 'problem', reason: `Task ${taskSid} ends before it was created` };
    return {
      kind: 'call',
      call: { ...base, waitSeconds: wait / 1000, talkSeconds: 0, wrapSeconds: 0, abandoned: true },
      moved,
      ringNoAnswer,
    };
  }
  const talkEnd = wrapup ?? (call?.endMs != null && call.endMs >= accepted ? call.endMs : ended);
  const wait = accepted - created;
  const talk = talkEnd - accepted;
  const wrap = wrapup === undefined ? 0 : ended - wrapup;
  if (wait < 0 || talk < 0 || wrap < 0) return { kind: 'problem', reason: `Task ${taskSid} has its events out of order (accepted before created, or ended before wrap-up)` };
  return {
    kind: 'call',
    call: {
      ...base,
      ...(worker ? { agentRef: worker.slice(0, 128) } : {}),
      waitSeconds: wait / 1000,
      talkSeconds: talk / 1000,
      wrapSeconds: wrap / 1000,
      abandoned: false,
    },
    moved,
    ringNoAnswer,
  };
}
