// The live status of each queue from what the tracker holds: callers waiting now, the longest
// wait, and agents by state, in the shape of POST /api/v1/queue-status.
import type { QueueStatusInput } from '@/lib/queue-status/input';
import { DAY_SECONDS } from './fields';
import type { MemberBook } from './members';
import type { OpenCall } from './state';

/**
 * An agent on a call (between CONNECT and its end, in any queue) is busy in every queue they are
 * in: one phone takes one call. Otherwise a paused member is away and the others are available.
 * Static members (queues.conf) log no ADDMEMBER: they count only while on a call from the queue.
 * queue_log does not log wrap-up, so agentsWrapUp is 0.
 */
export function queueStatusOf(queues: string[], open: Iterable<OpenCall>, members: MemberBook, nowMs: number): QueueStatusInput[] {
  const waiting = new Map<string, { count: number; longest: number }>();
  const onCall = new Set<string>();
  const onCallIn = new Map<string, Set<string>>();
  for (const call of open) {
    if (call.waitSeconds === undefined) {
      const w = waiting.get(call.queue) ?? { count: 0, longest: 0 };
      w.count++;
      const seconds = Math.min(DAY_SECONDS, Math.max(0, Math.floor((nowMs - call.enteredMs) / 1000)));
      if (seconds > w.longest) w.longest = seconds;
      waiting.set(call.queue, w);
    } else if (call.agent !== undefined) {
      onCall.add(call.agent);
      const agents = onCallIn.get(call.queue) ?? new Set<string>();
      agents.add(call.agent);
      onCallIn.set(call.queue, agents);
    }
  }
  return queues.map((queue) => {
    let available = 0;
    let busy = 0;
    let away = 0;
    const queueMembers = members.membersOf(queue);
    for (const [agent, paused] of queueMembers) {
      if (onCall.has(agent)) busy++;
      else if (paused) away++;
      else available++;
    }
    for (const agent of onCallIn.get(queue) ?? []) if (!queueMembers.has(agent)) busy++;
    const w = waiting.get(queue);
    return {
      queue,
      waiting: w?.count ?? 0,
      longestWaitSeconds: w?.longest ?? 0,
      agentsAvailable: available,
      agentsBusy: busy,
      agentsWrapUp: 0,
      agentsAway: away,
    };
  });
}
