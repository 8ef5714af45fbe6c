// Writes CallRecords as a Genesys Cloud analytics conversation details query response
// ({ "conversations": [ … ] }), the way the analytics API documents it: one conversation per
// record, with a customer, an acd participant for the queue and the answering agent. Test support
// for the round-trip property test and for the 100,000-call importer benchmark.
import type { ImportedCall } from '../types';

const iso = (ms: number) => new Date(ms).toISOString();
const CONVERSATION = /^gc:([^:]+):/;

/** A stable conversationId: the one in a `gc:` externalId, else one made from the position. */
function conversationIdOf(record: ImportedCall, index: number): string {
  const match = CONVERSATION.exec(record.externalId)?.[1];
  if (match) return match;
  return `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

type Segment = Record<string, string | boolean>;

/** The agent's voice session: alert, talk (split around the hold), wrap-up with its code. */
function agentSegments(record: ImportedCall, from: number, alertFrom: number): { segments: Segment[]; end: number } {
  const talk = Math.round(record.talkSeconds * 1000);
  const hold = Math.round(record.holdSeconds * 1000);
  const wrap = Math.round(record.wrapSeconds * 1000);
  const queueId = record.queue;
  const segments: Segment[] = [];
  const push = (start: number, end: number, segmentType: string, extra: Segment = {}) =>
    segments.push({ segmentStart: iso(start), segmentEnd: iso(end), queueId, segmentType, ...extra });
  if (alertFrom < from) push(alertFrom, from, record.direction === 'outbound' ? 'dialing' : 'alert');
  let at = from;
  if (hold > 0) {
    const first = Math.floor(talk / 2);
    push(at, at + first, 'interact');
    at += first;
    push(at, at + hold, 'hold');
    at += hold;
    push(at, at + talk - first, 'interact', { disconnectType: 'peer' });
    at += talk - first;
  } else {
    push(at, at + talk, 'interact', { disconnectType: 'peer' });
    at += talk;
  }
  if (wrap > 0 || record.outcome) {
    push(at, at + wrap, 'wrapup', record.outcome ? { wrapUpCode: record.outcome } : {});
    at += wrap;
  }
  return { segments, end: at };
}

function conversationOf(record: ImportedCall, index: number): object {
  const conversationId = conversationIdOf(record, index);
  const start = Date.parse(record.startedAt);
  const wait = Math.round(record.waitSeconds * 1000);
  const n = String(index).padStart(12, '0');
  const customerNumber = `tel:+2217${String(index % 100_000_000).padStart(8, '0')}`;
  const participants: object[] = [];
  let end = start + wait;

  if (record.direction === 'outbound') {
    // An agent's own call on behalf of a queue: no acd participant, the queueId on the agent's segments.
    const agent = agentSegments(record, start, start);
    end = agent.end;
    participants.push({
      participantId: `a0000000-0000-4000-8000-${n}`,
      ...(record.agentRef ? { userId: record.agentRef } : {}),
      purpose: 'agent',
      sessions: [{ mediaType: 'voice', direction: 'outbound', sessionId: `a1000000-0000-4000-8000-${n}`, dnis: customerNumber, segments: agent.segments }],
    });
  } else {
    participants.push({
      participantId: `c0000000-0000-4000-8000-${n}`,
      purpose: 'acd',
      sessions: [
        {
          mediaType: 'voice',
          direction: 'inbound',
          sessionId: `c1000000-0000-4000-8000-${n}`,
          metrics: [{ name: record.abandoned ? 'tAbandon' : 'tAcd', value: wait, emitDate: iso(start + wait) }],
          segments: [
            {
              segmentStart: iso(start),
              segmentEnd: iso(start + wait),
              queueId: record.queue,
              segmentType: 'interact',
              disconnectType: record.abandoned ? 'peer' : 'transfer',
            },
          ],
        },
      ],
    });
    if (!record.abandoned) {
      const answered = start + wait;
      const agent = agentSegments(record, answered, Math.max(start, answered - 4000));
      end = agent.end;
      participants.push({
        participantId: `a0000000-0000-4000-8000-${n}`,
        ...(record.agentRef ? { userId: record.agentRef } : {}),
        purpose: 'agent',
        sessions: [{ mediaType: 'voice', direction: 'inbound', sessionId: `a1000000-0000-4000-8000-${n}`, segments: agent.segments }],
      });
    }
  }
  participants.unshift({
    participantId: `b0000000-0000-4000-8000-${n}`,
    purpose: record.direction === 'outbound' ? 'external' : 'customer',
    sessions: [
      {
        mediaType: 'voice',
        direction: record.direction,
        sessionId: `b1000000-0000-4000-8000-${n}`,
        ani: customerNumber,
        segments: [{ segmentStart: iso(start), segmentEnd: iso(end), segmentType: 'interact', disconnectType: 'peer' }],
      },
    ],
  });
  return {
    conversationId,
    conversationStart: iso(start),
    conversationEnd: iso(end),
    originatingDirection: record.direction,
    participants,
  };
}

/** The records as one analytics details query response page. */
export function writeGenesys(records: ImportedCall[]): string {
  const lines = records.map((record, index) => JSON.stringify(conversationOf(record, index)));
  return `{"conversations":[\n${lines.join(',\n')}\n],"totalHits":${records.length}}\n`;
}
