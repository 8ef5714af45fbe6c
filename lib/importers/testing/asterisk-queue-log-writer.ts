// Test support: writes CallRecords as the queue_log Asterisk would have logged them, for the
// round-trip property test and `vigie bench importers`. Events follow the "Queue Logs" event
// reference; the lines of all calls are interleaved by time, as in a real log.
import type { ImportedCall } from '@/lib/importers/types';

/** The Asterisk uniqueid of a record: from its ql: externalId when it has one, else made up. */
function callidOf(record: ImportedCall, epoch: string, index: number): string {
  const prefix = 'ql:';
  const suffix = `:${record.queue}:${epoch}`;
  const id = record.externalId;
  if (id.startsWith(prefix) && id.endsWith(suffix) && id.length > prefix.length + suffix.length) {
    const callid = id.slice(prefix.length, id.length - suffix.length);
    if (!callid.includes('|')) return callid;
  }
  return `${epoch.split('.')[0]}.${index}`;
}

/** An epoch as Asterisk writes it: whole seconds, or with the fraction newer versions log. */
const epochText = (ms: number): string => (ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(3));

/** The end of a call with an agent: the event and its parameters after holdtime|calltime. */
function endLine(record: ImportedCall, callid: string, wait: number, talk: number): string {
  switch (record.outcome) {
    case 'completed-caller':
      return `COMPLETECALLER|${wait}|${talk}|1`;
    case 'transferred-blind':
      return `BLINDTRANSFER|2000|from-internal|${wait}|${talk}|1`;
    case 'transferred-attended':
      return `ATTENDEDTRANSFER|BRIDGE|${callid}-bridge|${wait}|${talk}|1`;
    default:
      return `COMPLETEAGENT|${wait}|${talk}|1`;
  }
}

/** The caller's exit before an agent answered, by outcome. */
function exitLine(record: ImportedCall, wait: number): string {
  switch (record.outcome) {
    case 'timeout':
      return `EXITWITHTIMEOUT|1|1|${wait}`;
    case 'exit-key':
      return `EXITWITHKEY|1|1|1|${wait}`;
    case 'exit-empty':
      return `EXITEMPTY|1|1|${wait}`;
    default:
      return `ABANDON|1|1|${wait}`;
  }
}

/**
 * Deterministic lines for each record: ENTERQUEUE at startedAt, then CONNECT after the wait and
 * COMPLETEAGENT/COMPLETECALLER/BLINDTRANSFER/ATTENDEDTRANSFER after the talk, or, for an
 * abandoned record, a RINGNOANSWER of its agent (if it names one) and ABANDON/EXITWITHTIMEOUT/
 * EXITWITHKEY/EXITEMPTY after the wait. Hold, wrap-up and outbound calls have no place in a queue_log.
 */
export function writeAsteriskQueueLog(records: ImportedCall[]): string {
  const times: number[] = [];
  const lines: string[] = [];
  const event = (ms: number, text: string) => {
    times.push(ms);
    lines.push(text);
  };
  records.forEach((record, index) => {
    const enterMs = Date.parse(record.startedAt);
    const epoch = epochText(enterMs);
    const callid = callidOf(record, epoch, index);
    const head = `${callid}|${record.queue}`;
    const agent = record.agentRef ?? 'NONE';
    const wait = record.waitSeconds;
    const answeredMs = enterMs + wait * 1000;
    event(enterMs, `${epoch}|${head}|NONE|ENTERQUEUE||2167${String(index % 10_000_000).padStart(7, '0')}|1`);
    if (record.abandoned) {
      if (record.agentRef != null) event(enterMs + Math.floor(wait / 2) * 1000, `${epochText(enterMs + Math.floor(wait / 2) * 1000)}|${head}|${agent}|RINGNOANSWER|15000`);
      event(answeredMs, `${epochText(answeredMs)}|${head}|NONE|${exitLine(record, wait)}`);
      return;
    }
    event(answeredMs, `${epochText(answeredMs)}|${head}|${agent}|CONNECT|${wait}|${callid}1|3`);
    const endMs = answeredMs + record.talkSeconds * 1000;
    event(endMs, `${epochText(endMs)}|${head}|${agent}|${endLine(record, callid, wait, record.talkSeconds)}`);
  });
  // Sorted by time; a stable sort keeps each call's own events in their order at equal times.
  const order = times.map((_, i) => i).sort((a, b) => (times[a] as number) - (times[b] as number));
  const out: string[] = [];
  if (order.length > 0) out.push(`${epochText(times[order[0] as number] as number)}|NONE|NONE|NONE|QUEUESTART|`);
  for (const i of order) out.push(lines[i] as string);
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
