// The queues of a demo site at an instant, read off the calls the demo drew for its day: who is
// waiting (and since when), which agents talk or wrap up, and a staffing planned on the calls of
// the hour around. So the wallboard's queue figures and its call counts tell one story.
import { QUEUES } from '@/db/seed/demo-network';
import type { DemoCallRecord } from '@/db/seed/demo-calls';
import type { QueueStatusValues } from '@/db/queries/queue-status';

/** A queue's figures as POST /api/v1/queue-status takes them. */
export type QueueState = QueueStatusValues;

/** Share of a planned agent's time spent on calls: the rest is the slack that answers the next one. */
const OCCUPANCY = 0.85;
const PLANNING_WINDOW_MS = 30 * 60_000;
/** Agents on a break, in training or in a meeting, as a share of those planned. */
const AWAY_SHARE = 0.1;

export function queueStatesAt(calls: readonly DemoCallRecord[], atMs: number): QueueState[] {
  const states = new Map<string, QueueState & { handleSeconds: number }>();
  for (const [queue] of QUEUES) {
    states.set(queue, { queue, waiting: 0, longestWaitSeconds: 0, agentsAvailable: 0, agentsBusy: 0, agentsWrapUp: 0, agentsAway: 0, handleSeconds: 0 });
  }
  for (const call of calls) {
    const state = states.get(call.queue);
    if (!state) continue;
    const start = Date.parse(call.startedAt);
    if (Math.abs(start - atMs) <= PLANNING_WINDOW_MS && !call.abandoned) state.handleSeconds += call.talkSeconds + call.holdSeconds + call.wrapSeconds;
    if (start > atMs) continue;
    const answered = start + call.waitSeconds * 1000;
    if (atMs < answered) {
      if (call.direction === 'inbound') {
        state.waiting += 1;
        state.longestWaitSeconds = Math.max(state.longestWaitSeconds, Math.floor((atMs - start) / 1000));
      }
      continue;
    }
    if (call.abandoned) continue;
    const talked = answered + (call.talkSeconds + call.holdSeconds) * 1000;
    if (atMs < talked) state.agentsBusy += 1;
    else if (atMs < talked + call.wrapSeconds * 1000) state.agentsWrapUp += 1;
  }
  return [...states.values()].map(({ handleSeconds, ...state }) => {
    // Agents the planning gives this hour: the calls' work over the window, at the target occupancy.
    const planned = Math.ceil(handleSeconds / ((2 * PLANNING_WINDOW_MS) / 1000) / OCCUPANCY) + 1;
    const onCalls = state.agentsBusy + state.agentsWrapUp;
    const agentsAway = Math.round(planned * AWAY_SHARE);
    // While callers wait, nobody is free; otherwise the planned agents not on a call are.
    const agentsAvailable = state.waiting > 0 ? 0 : Math.max(0, planned - agentsAway - onCalls);
    return { ...state, agentsAway, agentsAvailable };
  });
}
