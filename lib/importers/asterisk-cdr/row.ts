// One Master.csv line (already split into fields) as a call, or the reason it is not one. The
// column order is cdr_csv's: 16 fixed columns, then uniqueid (loguniqueid=yes), userfield
// (loguserfield=yes), then peeraccount, linkedid, sequence (newcdrcolumns=yes).
import { EARLIEST_INSTANT, LATEST_INSTANT, MAX_CALL_SECONDS } from '@/lib/ingest/call-record.schema';
import type { ImportedCall } from '../types';
import { isoWithOffset, parseWallClock, type ZoneClock } from '../wall-clock';

export const CDR_COLUMNS = [
  'accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata',
  'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'amaflags',
] as const;

const DISPOSITIONS = new Set(['ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'CONGESTION']);
const MAX_SECONDS = MAX_CALL_SECONDS;
// The instants the call store accepts.
const EARLIEST = EARLIEST_INSTANT;
const LATEST = LATEST_INSTANT;
const MAX_ID = 128;
const INTEGER = /^\d+$/;
const WALL_OR_EMPTY = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})?$/;
// An Asterisk uniqueid: "<epoch>.<n>", optionally after the system name (systemname in asterisk.conf).
const UNIQUEID = /^([A-Za-z0-9_.-]+-)?\d+\.\d+$/;
// A channel name ends in "-<sequence>" (SIP/2001-0000001a, PJSIP/agent-7-00000004, DAHDI/1-1) and
// for Local channels ";1" or ";2"; what is before is the peer: the endpoint the agent answers on.
const CHANNEL_SUFFIX = /-[0-9A-Za-z]+(;\d+)?$/;

export type CdrContext = {
  clock: ZoneClock;
  inbound: RegExp;
  defaultQueue: string;
};

export type CdrRow =
  | { ok: true; call: ImportedCall; ambiguous: boolean }
  | { ok: false; reason: string };

/** The peer of a channel name: SIP/2001-0000001a → SIP/2001, Local/2001@from-queue-00000012;1 → Local/2001@from-queue. */
export function channelPeer(channel: string): string {
  const peer = channel.replace(CHANNEL_SUFFIX, '');
  return peer === '' ? channel : peer;
}

/** The queue a Queue() application was given: its first argument ("support,t,,,300" → "support"). */
export function queueOfLastData(lastdata: string): string {
  const comma = lastdata.indexOf(',');
  return (comma < 0 ? lastdata : lastdata.slice(0, comma)).trim();
}

/** uniqueid and userfield by the number of columns; 17 columns hold one of the two, told apart by its shape. */
function optionalColumns(fields: string[]): { uniqueid: string | undefined } {
  if (fields.length === 16) return { uniqueid: undefined };
  if (fields.length === 17) return { uniqueid: UNIQUEID.test(fields[16]!) ? fields[16] : undefined };
  return { uniqueid: fields[16] || undefined };
}

/** A short stable hash (FNV-1a, 2×32 bits) for ids whose parts would pass 128 characters. */
function stableHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** cdr:<uniqueid>:<dstchannel or dst> — one uniqueid has one CDR per leg (a transfer writes two). */
export function cdrExternalId(uniqueid: string | undefined, f: { start: string; src: string; dst: string; channel: string; dstchannel: string }): string {
  const id = uniqueid !== undefined ? `cdr:${uniqueid}:${f.dstchannel || f.dst}` : `cdr:${f.start}:${f.src}:${f.dst}:${f.channel}`;
  return id.length <= MAX_ID ? id : `cdr:h:${stableHash(id)}`;
}

export function readCdrRow(fields: string[], ctx: CdrContext): CdrRow {
  const count = fields.length;
  if (count < 16 || count === 19 || count === 20 || count > 21) {
    return { ok: false, reason: `The line has ${count} fields; a cdr_csv line has 16 (accountcode … amaflags), 17 or 18 (with uniqueid and userfield) or 21 (with peeraccount, linkedid and sequence)` };
  }
  const [, src, dst, dcontext, , channel, dstchannel, lastapp, lastdata, start, answer, end, durationText, billsecText, disposition] = fields as [
    string, string, string, string, string, string, string, string, string, string, string, string, string, string, string,
  ];
  if (!INTEGER.test(durationText)) return { ok: false, reason: `duration is not a whole number of seconds: '${durationText}'` };
  if (!INTEGER.test(billsecText)) return { ok: false, reason: `billsec is not a whole number of seconds: '${billsecText}'` };
  const duration = Number(durationText);
  const billsec = Number(billsecText);
  if (duration > MAX_SECONDS) return { ok: false, reason: `duration is over a day (${duration} s): a clock or export error, not a call` };
  if (billsec > duration) return { ok: false, reason: `billsec (${billsec}) is longer than duration (${duration})` };
  if (!DISPOSITIONS.has(disposition)) return { ok: false, reason: `Unknown disposition '${disposition}' (expected ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION)` };
  if (!WALL_OR_EMPTY.test(answer)) return { ok: false, reason: `answer is not a "YYYY-MM-DD HH:MM:SS" time: '${answer}'` };
  if (!WALL_OR_EMPTY.test(end)) return { ok: false, reason: `end is not a "YYYY-MM-DD HH:MM:SS" time: '${end}'` };
  const wall = parseWallClock(start);
  if (wall === null) return { ok: false, reason: `start is not a "YYYY-MM-DD HH:MM:SS" time: '${start}'` };
  const reading = ctx.clock.read(wall);
  if (reading.kind === 'nonexistent') {
    return { ok: false, reason: `start ${start} never happened in ${ctx.clock.zone}: the clocks went forward over it` };
  }
  if (reading.ms < EARLIEST || reading.ms >= LATEST) return { ok: false, reason: `start ${start} is outside the years 1900 to 2199` };

  const inbound = ctx.inbound.test(dcontext);
  // Answered by someone: the disposition says so, the call was up a second or more, and it was
  // bridged to a destination channel (a Queue() the dialplan answered but no member took has none).
  const answered = disposition === 'ANSWERED' && billsec > 0 && dstchannel !== '';
  const queue = (lastapp === 'Queue' ? queueOfLastData(lastdata) : '') || ctx.defaultQueue;
  if (queue.length > 100) return { ok: false, reason: `The queue name is longer than 100 characters: '${queue.slice(0, 40)}…'` };
  const { uniqueid } = optionalColumns(fields);
  const call: ImportedCall = {
    externalId: cdrExternalId(uniqueid, { start, src, dst, channel, dstchannel }),
    startedAt: isoWithOffset(start, reading.offsetMinutes),
    direction: inbound ? 'inbound' : 'outbound',
    queue,
    waitSeconds: answered ? duration - billsec : duration,
    talkSeconds: answered ? billsec : 0,
    holdSeconds: 0,
    wrapSeconds: 0,
    abandoned: inbound && !answered,
    outcome: disposition.toLowerCase(),
  };
  // The agent: on an inbound call the member the queue bridged the caller to; on an outbound call
  // the phone that dialled (the channel), answered or not. An unanswered inbound call has none,
  // even when a member's phone rang.
  const agentChannel = inbound ? (answered ? dstchannel : '') : channel;
  if (agentChannel !== '') call.agentRef = channelPeer(agentChannel).slice(0, 128);
  return { ok: true, call, ambiguous: reading.kind === 'ambiguous' };
}
