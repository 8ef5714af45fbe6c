// Test support: fast-check records a queue_log can carry, and the projection of a record onto
// what a queue_log keeps, for the round-trip property test.
import fc from 'fast-check';
import type { ImportedCall } from '@/lib/importers/types';

const CONNECTED = ['completed-agent', 'completed-caller', 'transferred-blind', 'transferred-attended'] as const;
const EXITED = ['abandoned', 'timeout', 'exit-key', 'exit-empty'] as const;

/** A field of a queue_log line: no pipe, no line break, no NUL; not NONE, which means "none". */
const field = (maxLength: number) =>
  fc
    .string({ minLength: 1, maxLength, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_/@.: éà') })
    .filter((s) => s !== 'NONE' && s.trim() !== '');

const QUEUES = fc.oneof(fc.constantFrom('support-fr', 'sales-fr', 'billing'), field(40));
const AGENTS = fc.oneof(fc.constantFrom('PJSIP/2001', 'SIP/2002', 'Local/2003@from-queue/n', 'Amira Ben Salah'), field(60));

/** Whole seconds in November 2026, or with milliseconds as newer Asterisk versions log them. */
const ENTER_MS = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 10, 1) / 1000, max: Date.UTC(2026, 11, 1) / 1000 }).map((s) => s * 1000),
  fc.integer({ min: Date.UTC(2026, 10, 1), max: Date.UTC(2026, 11, 1) }),
);

const visit = fc.record({
  queue: QUEUES,
  agent: AGENTS,
  enterMs: ENTER_MS,
  // Wait and talk together stay within a day: a call open longer is dropped as never ended.
  wait: fc.integer({ min: 0, max: 3_600 }),
  talk: fc.integer({ min: 0, max: 80_000 }),
  connected: fc.boolean(),
  connectedOutcome: fc.constantFrom(...CONNECTED),
  exitOutcome: fc.constantFrom(...EXITED),
  ringing: fc.boolean(),
});

/** Records a queue_log represents exactly, each with its own Asterisk uniqueid in the externalId. */
export const queueLogRecordsArbitrary = fc.array(visit, { maxLength: 40 }).map((visits) =>
  visits.map((v, index): ImportedCall => {
    const epoch = v.enterMs % 1000 === 0 ? String(v.enterMs / 1000) : (v.enterMs / 1000).toFixed(3);
    const callid = `${Math.floor(v.enterMs / 1000)}.${index}`;
    const base = {
      externalId: `ql:${callid}:${v.queue}:${epoch}`,
      startedAt: new Date(v.enterMs).toISOString(),
      direction: 'inbound' as const,
      queue: v.queue,
      waitSeconds: v.wait,
      holdSeconds: 0,
      wrapSeconds: 0,
    };
    if (v.connected) return { ...base, agentRef: v.agent, talkSeconds: v.talk, abandoned: false, outcome: v.connectedOutcome };
    // An abandoned record may name the agent whose phone rang: the log keeps the ring, not the agent.
    return { ...base, ...(v.ringing ? { agentRef: v.agent } : {}), talkSeconds: 0, abandoned: true, outcome: v.exitOutcome };
  }),
);

/** What a queue_log keeps of a record: no agent for a call nobody answered. */
export function projectQueueLogRecord(record: ImportedCall): ImportedCall {
  const { agentRef, ...rest } = record;
  return record.abandoned || agentRef == null ? rest : { ...rest, agentRef };
}
