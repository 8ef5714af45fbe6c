// Test support: CallRecords written as Asterisk's cdr_csv writes Master.csv (every text field
// quoted with inner quotes doubled, duration and billsec as bare integers, loguniqueid and
// loguserfield on), with the fast-check arbitrary of the calls that format can hold.
import fc from 'fast-check';
import { zoneClock } from '../wall-clock';
import type { ImportedCall } from '../types';

const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
const ID = /^cdr:([^:]+):(.+)$/;

/**
 * One line per record. Inbound: the trunk channel runs Queue(<queue>) and an answered call is bridged
 * to `<agentRef>-<sequence>`. Outbound: `<agentRef>-<sequence>` dials the trunk. An unanswered call's
 * disposition is its outcome when that is one of cdr_csv's ("no answer", "busy", "failed",
 * "congestion"), else NO ANSWER. An externalId `cdr:<uniqueid>:<leg>` is written back as its uniqueid
 * and its dstchannel (answered) or dst (not answered); other ids get a uniqueid from the position.
 */
export function writeAsteriskCdr(records: ImportedCall[], options: { timeZone: string }): string {
  const clock = zoneClock(options.timeZone);
  const lines: string[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const inbound = r.direction === 'inbound';
    const answered = r.talkSeconds > 0 && !r.abandoned && (!inbound || Boolean(r.agentRef));
    const id = ID.exec(r.externalId);
    const sequence = (i + 1).toString(16).padStart(8, '0');
    const uniqueid = id ? id[1]! : `${1_700_000_000 + i}.${i}`;
    const caller = `06${String(10_000_000 + (i % 90_000_000)).padStart(8, '0')}`;
    const agent = r.agentRef ?? 'PJSIP/2001';
    // Inbound: the trunk calls the queue, which bridges to the agent. Outbound: the agent's phone dials the trunk.
    const channel = inbound ? `PJSIP/trunk-${sequence}` : `${agent}-${sequence}`;
    const bridged = inbound ? `${agent}-${sequence}` : `PJSIP/trunk-${sequence}`;
    const dstchannel = answered ? (id && id[2]!.includes('/') ? id[2]! : bridged) : '';
    const dst = !answered && id ? id[2]! : inbound ? '5000' : caller;
    const start = Date.parse(r.startedAt);
    const wait = Math.round(r.waitSeconds);
    const talk = answered ? Math.round(r.talkSeconds) : 0;
    const fields = [
      quote(''),
      quote(inbound ? caller : '2001'),
      quote(dst),
      quote(inbound ? 'ext-queues' : 'from-internal'),
      quote(inbound ? `"Client ${i}" <${caller}>` : `"Agent" <2001>`),
      quote(channel),
      quote(dstchannel),
      quote(inbound ? 'Queue' : 'Dial'),
      quote(inbound ? `${r.queue},t,,,300` : `PJSIP/${dst}@trunk,60`),
      quote(clock.wallText(start)),
      quote(answered ? clock.wallText(start + wait * 1000) : ''),
      quote(clock.wallText(start + (wait + talk) * 1000)),
      String(wait + talk),
      String(talk),
      quote(answered ? 'ANSWERED' : unansweredDisposition(r.outcome)),
      quote('DOCUMENTATION'),
      quote(uniqueid),
      quote(''),
    ];
    lines[i] = fields.join(',');
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function unansweredDisposition(outcome: string | null | undefined): string {
  const upper = (outcome ?? '').toUpperCase();
  return upper === 'BUSY' || upper === 'FAILED' || upper === 'CONGESTION' ? upper : 'NO ANSWER';
}

/** Zones the arbitrary draws from: with and without summer time, half-hour offsets, Morocco's 2026 change. */
export const CDR_ZONES = ['Europe/Paris', 'Africa/Casablanca', 'America/New_York', 'Asia/Kolkata', 'UTC', 'Australia/Adelaide'] as const;

const HOUR_MS = 3_600_000;

/** Instants at least three hours from any change of offset: their wall-clock reading names them alone. */
function clearOfOffsetChanges(ms: number, zone: string): boolean {
  const clock = zoneClock(zone);
  return clock.offsetAt(ms - 3 * HOUR_MS) === clock.offsetAt(ms + 3 * HOUR_MS);
}

/**
 * Calls a Master.csv holds, for one zone: whole seconds, no hold or wrap-up, answered calls bridged
 * for a second or more; an inbound call's agent only when answered, an outbound call's always (the
 * phone that dialled); outbound calls carry no queue (Dial, not Queue) so they have the default one;
 * the outcome is the disposition in lower case.
 */
export function asteriskCdrCallsArbitrary(zone: string): fc.Arbitrary<ImportedCall[]> {
  const call = fc
    .record({
      uniqueid: fc.tuple(fc.integer({ min: 1_500_000_000, max: 2_000_000_000 }), fc.nat(99_999)).map(([s, n]) => `${s}.${n}`),
      start: fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2040, 0, 1) / 1000 }).map((s) => s * 1000),
      inbound: fc.boolean(),
      answered: fc.boolean(),
      queue: fc.stringMatching(/^[a-z][a-z0-9-]{0,19}$/),
      agent: fc.oneof(fc.stringMatching(/^(SIP|PJSIP|IAX2)\/[0-9]{3,5}$/), fc.stringMatching(/^PJSIP\/agent-[a-z]{1,8}$/)),
      sequence: fc.stringMatching(/^[0-9a-f]{8}$/),
      dst: fc.stringMatching(/^[0-9]{3,6}$/),
      wait: fc.integer({ min: 0, max: 3_600 }),
      talk: fc.integer({ min: 1, max: 20_000 }),
      failure: fc.constantFrom('no answer', 'busy', 'failed', 'congestion'),
    })
    .filter((c) => clearOfOffsetChanges(c.start, zone))
    .map((c): ImportedCall => {
      const clock = zoneClock(zone);
      const wall = clock.wallText(c.start);
      const offset = clock.offsetAt(c.start);
      const sign = offset < 0 ? '-' : '+';
      const abs = Math.abs(offset);
      const startedAt = `${wall.slice(0, 10)}T${wall.slice(11)}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
      const base = {
        startedAt,
        direction: c.inbound ? ('inbound' as const) : ('outbound' as const),
        queue: c.inbound ? c.queue : 'default',
        holdSeconds: 0,
        wrapSeconds: 0,
      };
      // The agent: the member bridged to on an answered inbound call, the dialling phone on an outbound one.
      const agent = c.inbound ? (c.answered ? { agentRef: c.agent } : {}) : { agentRef: c.agent };
      if (c.answered) {
        const leg = c.inbound ? `${c.agent}-${c.sequence}` : `PJSIP/trunk-${c.sequence}`;
        return { ...base, ...agent, externalId: `cdr:${c.uniqueid}:${leg}`, waitSeconds: c.wait, talkSeconds: c.talk, abandoned: false, outcome: 'answered' };
      }
      return { ...base, ...agent, externalId: `cdr:${c.uniqueid}:${c.dst}`, waitSeconds: c.wait, talkSeconds: 0, abandoned: c.inbound, outcome: c.failure };
    });
  return fc.uniqueArray(call, { maxLength: 40, selector: (c) => c.externalId });
}
