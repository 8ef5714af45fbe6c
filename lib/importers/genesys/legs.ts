// One Genesys Cloud conversation → its queue legs. The acd participant's voice session is the
// time in a queue; the agent sessions that follow with the same queueId are who answered it and
// for how long. Pure: times are read from the segments, never from the clock.
import { isoMs } from '../record-checks';
import type { ImportedCall } from '../types';
import type { GenesysConversation, GenesysSegment } from './schema';

/** disconnectType values that hand the call on rather than end it: the leg was not abandoned. */
const TRANSFERS = new Set([
  'transfer',
  'conferenceTransfer',
  'consultTransfer',
  'forwardTransfer',
  'noAnswerTransfer',
  'notAvailableTransfer',
]);

const AGENT_PURPOSES = new Set(['agent', 'user']);

export type ConversationResult =
  | { kind: 'calls'; calls: ImportedCall[]; problems: string[]; flowOuts: number; unanswered: number }
  | { kind: 'held' }
  | { kind: 'other-media'; mediaTypes: string[] }
  | { kind: 'no-queue-no-agent' };

type Leg = { queueId: string; start: number; startText: string; end: number; disconnectType?: string };
/** An agent's voice session, its figures worked out once: when it was first connected, and the time in each state. */
type AgentSession = {
  userId?: string;
  queueId?: string;
  start: number;
  startText: string;
  segments: GenesysSegment[];
  interactAt: number;
  talkMs: number;
  holdMs: number;
  wrapMs: number;
};

const ms = isoMs;

/** Milliseconds spent in segments of this type (segmentEnd is known: held conversations never get here). */
function spent(segments: GenesysSegment[], type: string): number {
  let total = 0;
  for (const s of segments) if (s.segmentType === type && s.segmentEnd) total += ms(s.segmentEnd) - ms(s.segmentStart);
  return total;
}

function firstInteract(segments: GenesysSegment[]): number {
  for (const s of segments) if (s.segmentType === 'interact') return ms(s.segmentStart);
  return Number.POSITIVE_INFINITY;
}

function lastWrapUpCode(segments: GenesysSegment[]): string | undefined {
  let code: string | undefined;
  for (const s of segments) if (s.segmentType === 'wrapup' && s.wrapUpCode) code = s.wrapUpCode;
  return code;
}

export type LegOptions = { defaultQueue?: string };

export function conversationLegs(conversation: GenesysConversation, options: LegOptions): ConversationResult {
  const legs: Leg[] = [];
  const agents: AgentSession[] = [];
  const otherMedia = new Set<string>();
  let voice = false;
  let open = conversation.conversationEnd === undefined;

  for (const participant of conversation.participants) {
    for (const session of participant.sessions) {
      if (session.mediaType !== 'voice') {
        otherMedia.add(session.mediaType);
        continue;
      }
      voice = true;
      const segments = session.segments;
      const first = segments[0];
      const last = segments.at(-1);
      if (!first || !last) continue;
      for (const s of segments) if (s.segmentEnd === undefined) open = true;
      if (participant.purpose === 'acd') {
        const queued = segments.find((s) => s.queueId);
        if (!queued?.queueId) continue;
        legs.push({
          queueId: queued.queueId,
          start: ms(first.segmentStart),
          startText: first.segmentStart,
          end: last.segmentEnd ? ms(last.segmentEnd) : Number.NaN,
          disconnectType: last.disconnectType,
        });
      } else if (AGENT_PURPOSES.has(participant.purpose)) {
        agents.push({
          userId: participant.userId,
          queueId: segments.find((s) => s.queueId)?.queueId,
          start: ms(first.segmentStart),
          startText: first.segmentStart,
          segments,
          interactAt: firstInteract(segments),
          talkMs: spent(segments, 'interact'),
          holdMs: spent(segments, 'hold'),
          wrapMs: spent(segments, 'wrapup'),
        });
      }
    }
  }
  if (!voice) return { kind: 'other-media', mediaTypes: [...otherMedia] };
  if (open) return { kind: 'held' };

  const direction = conversation.originatingDirection === 'outbound' ? 'outbound' : 'inbound';
  const calls: ImportedCall[] = [];
  const problems: string[] = [];
  const order = new Map<string, number>();
  const nextN = (label: string) => {
    const n = (order.get(label) ?? 0) + 1;
    order.set(label, n);
    return n;
  };
  let flowOuts = 0;
  let unanswered = 0;

  if (legs.length > 0) {
    legs.sort((a, b) => a.start - b.start);
    // Each agent session belongs to the latest leg of its queue that began before the agent was alerted.
    const answering = new Map<Leg, AgentSession>();
    for (const agent of agents.sort((a, b) => a.interactAt - b.interactAt)) {
      if (agent.interactAt === Number.POSITIVE_INFINITY) continue;
      let owner: Leg | undefined;
      for (const leg of legs) if (leg.queueId === agent.queueId && leg.start <= agent.start) owner = leg;
      if (owner && !answering.has(owner)) answering.set(owner, agent);
    }
    for (const leg of legs) {
      const externalId = `gc:${conversation.conversationId}:${leg.queueId}:${nextN(leg.queueId)}`;
      const waitMs = leg.end - leg.start;
      if (waitMs < 0) {
        problems.push(`Queue leg ${externalId} ends before it starts`);
        continue;
      }
      const agent = answering.get(leg);
      const base = { externalId, startedAt: leg.startText, direction, queue: leg.queueId, waitSeconds: waitMs / 1000 } as const;
      if (agent) {
        const code = lastWrapUpCode(agent.segments);
        calls.push({
          ...base,
          ...(agent.userId ? { agentRef: agent.userId } : {}),
          talkSeconds: agent.talkMs / 1000,
          holdSeconds: agent.holdMs / 1000,
          wrapSeconds: agent.wrapMs / 1000,
          abandoned: false,
          ...(code ? { outcome: code.slice(0, 64) } : {}),
        });
      } else {
        // No agent answered: handed on to another queue or flow (a transfer), or the caller left.
        const handedOn = leg.disconnectType !== undefined && TRANSFERS.has(leg.disconnectType);
        if (handedOn) flowOuts++;
        calls.push({ ...base, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, abandoned: !handedOn });
      }
    }
    return { kind: 'calls', calls, problems, flowOuts, unanswered };
  }

  if (agents.length === 0) return { kind: 'no-queue-no-agent' };
  // No queue: an agent's own outbound call, or a call put straight through to a user.
  const label = direction === 'outbound' ? 'outbound' : 'direct';
  for (const agent of agents.sort((a, b) => a.start - b.start)) {
    if (agent.interactAt === Number.POSITIVE_INFINITY) {
      unanswered++;
      continue;
    }
    const id = agent.queueId ?? label;
    const code = lastWrapUpCode(agent.segments);
    calls.push({
      externalId: `gc:${conversation.conversationId}:${id}:${nextN(id)}`,
      startedAt: agent.startText,
      direction,
      queue: agent.queueId ?? (direction === 'inbound' && options.defaultQueue ? options.defaultQueue : label),
      ...(agent.userId ? { agentRef: agent.userId } : {}),
      waitSeconds: 0,
      talkSeconds: agent.talkMs / 1000,
      holdSeconds: agent.holdMs / 1000,
      wrapSeconds: agent.wrapMs / 1000,
      abandoned: false,
      ...(code ? { outcome: code.slice(0, 64) } : {}),
    });
  }
  return { kind: 'calls', calls, problems, flowOuts, unanswered };
}
