// The queue_log events by what they mean for a call record (Asterisk "Queue Logs" event list).
// Events that end a call carry their wait and talk at fixed places; the rest are counted for the
// notes and change no record.

/** How an ended visit to a queue is reported in CallRecord.outcome. */
export const QUEUE_LOG_OUTCOMES = [
  'completed-agent',
  'completed-caller',
  'transferred-blind',
  'transferred-attended',
  'abandoned',
  'timeout',
  'exit-key',
  'exit-empty',
] as const;
export type QueueLogOutcome = (typeof QUEUE_LOG_OUTCOMES)[number];

/**
 * The caller left before an agent answered. `wait` is the index of waittime among the event's
 * parameters (0 = data1): ABANDON|position|origposition|waittime, EXITWITHKEY|key|position|origposition|waittime.
 */
export const EXIT_EVENTS: ReadonlyMap<string, { outcome: QueueLogOutcome; wait: number }> = new Map([
  ['ABANDON', { outcome: 'abandoned', wait: 2 }],
  ['EXITWITHTIMEOUT', { outcome: 'timeout', wait: 2 }],
  ['EXITWITHKEY', { outcome: 'exit-key', wait: 3 }],
  ['EXITEMPTY', { outcome: 'exit-empty', wait: 2 }],
]);

/**
 * The call with an agent ended. `hold` and `talk` are the indexes of holdtime and calltime among
 * the parameters: COMPLETEAGENT|holdtime|calltime|origposition,
 * BLINDTRANSFER|extension|context|holdtime|calltime|origposition (TRANSFER, before Asterisk 12, alike),
 * ATTENDEDTRANSFER|BRIDGE|bridge|holdtime|calltime|origposition (APP|app alike; LINK names two
 * channels, which moves the times one place on: see linkShift).
 */
export const END_EVENTS: ReadonlyMap<string, { outcome: QueueLogOutcome; hold: number; talk: number }> = new Map([
  ['COMPLETEAGENT', { outcome: 'completed-agent', hold: 0, talk: 1 }],
  ['COMPLETECALLER', { outcome: 'completed-caller', hold: 0, talk: 1 }],
  ['BLINDTRANSFER', { outcome: 'transferred-blind', hold: 2, talk: 3 }],
  // Asterisk before 12 logs a blind transfer as TRANSFER, with the same parameters.
  ['TRANSFER', { outcome: 'transferred-blind', hold: 2, talk: 3 }],
  ['ATTENDEDTRANSFER', { outcome: 'transferred-attended', hold: 2, talk: 3 }],
]);

/** ATTENDEDTRANSFER|LINK|channel1|channel2|holdtime|…: one more parameter before the times. */
export const linkShift = (event: string, data1: string | undefined): number => (event === 'ATTENDEDTRANSFER' && data1 === 'LINK' ? 1 : 0);

/** Lines about agents and members, not calls: they feed queueStatus(). */
export const AGENT_EVENTS = new Set([
  'ADDMEMBER',
  'REMOVEMEMBER',
  'PAUSE',
  'UNPAUSE',
  'PAUSEALL',
  'UNPAUSEALL',
  'PENALTY',
  'AGENTLOGIN',
  'AGENTLOGOFF',
  'AGENTCALLBACKLOGIN',
  'AGENTCALLBACKLOGOFF',
]);

/** Lines of the queue system itself. */
export const SYSTEM_EVENTS = new Set(['QUEUESTART', 'CONFIGRELOAD']);

/** A caller refused at the door: no ENTERQUEUE, so no visit and no record. */
export const REFUSED_EVENTS = new Set(['JOINEMPTY', 'JOINUNAVAIL']);

/** Details of a call that neither start nor end it (an agent's phone rang unanswered, the DID dialled…). */
export const DETAIL_EVENTS = new Set(['RINGNOANSWER', 'RINGCANCELED', 'DID', 'INFO', 'AGENTDUMP', 'SYSCOMPAT']);
