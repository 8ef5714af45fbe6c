// One Amazon Connect contact record (the "Contact records data model": ContactId, Channel,
// InitiationMethod, the timestamps, Queue, Agent, DisconnectReason…) checked with zod, and read
// as a Vigie call. Only the fields Vigie uses are checked; the many others are let through unread.
import { EARLIEST_INSTANT, LATEST_INSTANT, MAX_CALL_SECONDS } from '@/lib/ingest/call-record.schema';
import { z } from 'zod';
import type { ImportedCall } from '../types';

const MAX_SECONDS = MAX_CALL_SECONDS;
// The instants the call store accepts.
const EARLIEST = EARLIEST_INSTANT;
const LATEST = LATEST_INSTANT;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const timestamp = z.string().regex(ISO_WITH_ZONE, 'is not an ISO 8601 timestamp with Z or an offset');
const seconds = z.number().min(0, 'is negative').max(MAX_SECONDS, 'is over a day: a clock or export error, not a call');
const text = z.string().max(10_000);

export const contactRecordSchema = z.looseObject({
  ContactId: z.string().min(1).max(120),
  Channel: z.string().nullish(),
  InitiationMethod: z.string().nullish(),
  InitiationTimestamp: timestamp,
  ConnectedToSystemTimestamp: timestamp.nullish(),
  DisconnectTimestamp: timestamp.nullish(),
  LastUpdateTimestamp: timestamp.nullish(),
  DisconnectReason: text.nullish(),
  PreviousContactId: text.nullish(),
  NextContactId: text.nullish(),
  Queue: z
    .looseObject({
      Name: text.nullish(),
      ARN: text.nullish(),
      EnqueueTimestamp: timestamp.nullish(),
      DequeueTimestamp: timestamp.nullish(),
      Duration: seconds.nullish(),
    })
    .nullish(),
  Agent: z
    .looseObject({
      Username: text.nullish(),
      ARN: text.nullish(),
      ConnectedToAgentTimestamp: timestamp.nullish(),
      AgentInteractionDuration: seconds.nullish(),
      CustomerHoldDuration: seconds.nullish(),
      AfterContactWorkDuration: seconds.nullish(),
    })
    .nullish(),
});

export type ContactRecord = z.infer<typeof contactRecordSchema>;

/** The first problem zod found, in words, with the value at fault: "Agent.AgentInteractionDuration is not a number: 'seventy-five'". */
export function contactIssue(error: z.ZodError, input: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'This is not a contact record';
  const path = issue.path.join('.');
  let value: unknown = input;
  for (const key of issue.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
  const shown = JSON.stringify(value)?.slice(0, 60);
  if (issue.code === 'invalid_type' && value === undefined) return `${path || 'The record'} is missing`;
  if (issue.code === 'invalid_type') return `${path || 'The record'} is not ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}: ${shown}`;
  return `${path} ${issue.message}: ${shown}`;
}

/** InitiationMethod values of a contact Connect placed to the customer. */
const OUTBOUND_METHODS = new Set(['OUTBOUND', 'API', 'EXTERNAL_OUTBOUND', 'CAMPAIGN']);

export type ContactKind = 'call' | 'not-voice' | 'no-queue-no-agent' | 'in-progress';

export function contactKind(c: ContactRecord): ContactKind {
  if ((c.Channel ?? 'VOICE') !== 'VOICE') return 'not-voice';
  if (!c.Queue && !c.Agent) return 'no-queue-no-agent';
  if (!c.DisconnectTimestamp) return 'in-progress';
  return 'call';
}

export type ContactCall = { ok: true; call: ImportedCall } | { ok: false; reason: string };

const toIso = (ts: string) => new Date(Date.parse(ts)).toISOString();

/** A voice contact that reached a queue or an agent, as a call. */
export function contactCall(c: ContactRecord, defaultQueue: string): ContactCall {
  for (const value of [c.ContactId, c.Queue?.Name, c.Agent?.Username, c.DisconnectReason]) {
    if (value?.includes('\u0000')) return { ok: false, reason: 'The record contains a NUL character: the export is damaged here' };
  }
  const started = Date.parse(c.InitiationTimestamp);
  if (Number.isNaN(started)) return { ok: false, reason: `InitiationTimestamp is not a date: '${c.InitiationTimestamp}'` };
  if (started < EARLIEST || started >= LATEST) return { ok: false, reason: `InitiationTimestamp ${c.InitiationTimestamp} is outside the years 1900 to 2199` };
  const queue = c.Queue;
  const agent = c.Agent;
  const connected = Boolean(agent?.ConnectedToAgentTimestamp);
  const direction = OUTBOUND_METHODS.has(c.InitiationMethod ?? '') ? 'outbound' : 'inbound';
  let wait = queue?.Duration ?? undefined;
  if (wait === undefined && queue?.EnqueueTimestamp && queue.DequeueTimestamp) {
    wait = Math.max(0, (Date.parse(queue.DequeueTimestamp) - Date.parse(queue.EnqueueTimestamp)) / 1000);
  }
  const call: ImportedCall = {
    externalId: `ac:${c.ContactId}`,
    startedAt: toIso(c.InitiationTimestamp),
    direction,
    queue: (queue?.Name?.trim() || defaultQueue).slice(0, 100),
    waitSeconds: wait ?? 0,
    talkSeconds: connected ? (agent?.AgentInteractionDuration ?? 0) : 0,
    holdSeconds: connected ? (agent?.CustomerHoldDuration ?? 0) : 0,
    wrapSeconds: connected ? (agent?.AfterContactWorkDuration ?? 0) : 0,
    // The caller left a queue before any agent was connected (a contact offered to an agent who
    // never connected counts too). A contact Connect placed is no caller's abandon.
    abandoned: direction === 'inbound' && Boolean(queue) && !connected,
  };
  if (call.waitSeconds > MAX_SECONDS) return { ok: false, reason: 'The time in queue (from EnqueueTimestamp to DequeueTimestamp) is over a day' };
  const username = agent?.Username?.trim();
  if (connected && username) call.agentRef = username.slice(0, 128);
  const reason = c.DisconnectReason?.trim().toLowerCase();
  if (reason) call.outcome = reason.slice(0, 64);
  return { ok: true, call };
}
