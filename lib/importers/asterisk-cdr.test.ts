import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callRecordSchema } from '@/lib/ingest/call-record.schema';
import { asteriskCdrImporter } from './asterisk-cdr';
import { asteriskCdrCallsArbitrary, CDR_ZONES, writeAsteriskCdr } from './testing/asterisk-cdr-writer';
import type { ImportResult } from './types';

const SAMPLES = path.resolve(import.meta.dirname, '../../samples');
const MASTER = readFileSync(path.join(SAMPLES, 'asterisk-cdr/Master.csv'), 'utf8');
const parse = (text: string, options: Parameters<typeof asteriskCdrImporter.parse>[1] = { timeZone: 'Europe/Paris' }) =>
  asteriskCdrImporter.parse([{ name: 'Master.csv', text }], options);

/** A cdr_csv line with the given fields changed (the defaults: an answered inbound call). */
function cdrLine(over: Partial<Record<'dcontext' | 'dstchannel' | 'lastapp' | 'lastdata' | 'start' | 'duration' | 'billsec' | 'disposition' | 'uniqueid', string>> = {}): string {
  const f = {
    dcontext: 'from-trunk', dstchannel: 'SIP/2001-0000001a', lastapp: 'Queue', lastdata: 'support,t', start: '2026-06-01 10:00:00',
    duration: '100', billsec: '80', disposition: 'ANSWERED', uniqueid: '1780300800.26', ...over,
  };
  return [
    '""', '"0612345678"', '"5000"', `"${f.dcontext}"`, '"""Client"" <0612345678>"', '"SIP/trunk-00000019"', `"${f.dstchannel}"`, `"${f.lastapp}"`, `"${f.lastdata}"`,
    `"${f.start}"`, '""', '""', f.duration, f.billsec, `"${f.disposition}"`, '"DOCUMENTATION"', `"${f.uniqueid}"`, '""',
  ].join(',');
}

function expectStorable(result: ImportResult) {
  for (const record of result.records) expect(() => callRecordSchema.parse(record)).not.toThrow();
}

describe('asterisk-cdr: round trip through cdr_csv', () => {
  it('gives back every call the format can hold, in any zone', () => {
    const input = fc.constantFrom(...CDR_ZONES).chain((zone) => fc.tuple(fc.constant(zone), asteriskCdrCallsArbitrary(zone)));
    fc.assert(
      fc.property(input, ([zone, calls]) => {
        const result = parse(writeAsteriskCdr(calls, { timeZone: zone }), { timeZone: zone });
        expect(result.rejected).toEqual([]);
        expect(result.held).toBe(0);
        expect(result.records).toEqual(calls);
        expectStorable(result);
      }),
      { numRuns: 150 },
    );
  });
});

describe('asterisk-cdr: the sample Master.csv (Europe/Paris)', () => {
  const result = parse(MASTER);
  const byId = new Map(result.records.map((r) => [r.externalId, r]));

  it('reads 20 calls, rejects 3 lines, notes the repeated line and the hour lived twice', () => {
    expect(result.records).toHaveLength(20);
    expect(result.held).toBe(0);
    expect(result.rejected.map((r) => [r.line, r.reason])).toEqual([
      [14, 'start 2026-03-29 02:30:00 never happened in Europe/Paris: the clocks went forward over it'],
      [20, 'The line is not a CSV line as cdr_csv writes it: a quoted field is not closed (the line looks cut short)'],
      [21, "billsec is not a whole number of seconds: 'abc'"],
    ]);
    expect(result.notes).toEqual([
      '1 CDR line repeated an earlier one (same uniqueid and destination, or same start, source, destination and channel): the first kept',
      '1 call started during the hour that Europe/Paris lives twice when the clocks go back: each read as the first of the two instants',
    ]);
    expectStorable(result);
  });

  it('an answered queue call: wait from start to answer, talk = billsec, the agent from dstchannel', () => {
    expect(byId.get('cdr:1774684805.1:SIP/2001-00000002')).toEqual({
      externalId: 'cdr:1774684805.1:SIP/2001-00000002', startedAt: '2026-03-28T09:00:05+01:00', direction: 'inbound', queue: 'support',
      agentRef: 'SIP/2001', waitSeconds: 27, talkSeconds: 278, holdSeconds: 0, wrapSeconds: 0, abandoned: false, outcome: 'answered',
    });
    expect(byId.get('cdr:1774685400.3:PJSIP/agent-7-00000004')).toMatchObject({ agentRef: 'PJSIP/agent-7', queue: 'sales', waitSeconds: 45, talkSeconds: 720 });
  });

  it('callers who hang up while ringing are abandons with their wait, and no agent', () => {
    expect(byId.get('cdr:1774685700.5:5000')).toMatchObject({ abandoned: true, waitSeconds: 72, talkSeconds: 0, outcome: 'no answer' });
    const rangAgent = byId.get('cdr:1774686000.6:SIP/2002-00000007');
    expect(rangAgent).toMatchObject({ abandoned: true, waitSeconds: 18, talkSeconds: 0 });
    expect(rangAgent?.agentRef).toBeUndefined();
    expect(byId.get('cdr:1774696200.86:5000')).toMatchObject({ abandoned: true, waitSeconds: 3, direction: 'inbound' });
  });

  it('a queue the dialplan answered but no member took is an abandon', () => {
    expect(byId.get('cdr:1774686600.8:5001')).toMatchObject({ abandoned: true, waitSeconds: 95, talkSeconds: 0, queue: 'sales', outcome: 'answered' });
  });

  it('a transfer: two CDRs of one uniqueid are two legs with their own ids', () => {
    expect(byId.get('cdr:1774688400.31:SIP/2001-00000032')).toMatchObject({ agentRef: 'SIP/2001', queue: 'support', waitSeconds: 20, talkSeconds: 180 });
    expect(byId.get('cdr:1774688400.31:SIP/2003-00000033')).toMatchObject({
      startedAt: '2026-03-28T10:03:20+01:00', direction: 'inbound', agentRef: 'SIP/2003', queue: 'default', waitSeconds: 5, talkSeconds: 300, abandoned: false,
    });
  });

  it('outbound calls: the dialling phone is the agent; busy and failed calls are not abandons', () => {
    expect(byId.get('cdr:1774690200.40:SIP/trunk-00000041')).toMatchObject({ direction: 'outbound', agentRef: 'SIP/2001', queue: 'default', waitSeconds: 14, talkSeconds: 240, abandoned: false });
    expect(byId.get('cdr:1774690800.42:SIP/trunk-00000043')).toMatchObject({ direction: 'outbound', agentRef: 'SIP/2002', waitSeconds: 4, talkSeconds: 0, abandoned: false, outcome: 'busy' });
    expect(byId.get('cdr:1774691100.44:0698765403')).toMatchObject({ direction: 'outbound', waitSeconds: 0, talkSeconds: 0, abandoned: false, outcome: 'failed' });
  });

  it('lines without uniqueid (16 columns) take an id from start, src, dst and channel; 17 columns hold the uniqueid', () => {
    expect(byId.get('cdr:2026-03-28 11:00:00:0612345607:5000:SIP/trunk-00000050')).toMatchObject({ waitSeconds: 9, talkSeconds: 120, agentRef: 'SIP/2001' });
    expect(byId.get('cdr:1774692600.52:PJSIP/agent-7-00000053')).toMatchObject({ waitSeconds: 31, talkSeconds: 300 });
  });

  it('across the changes of offset: the offset in force at each start, the first instant of the hour lived twice', () => {
    expect(byId.get('cdr:1774745970.60:SIP/2002-00000061')?.startedAt).toBe('2026-03-29T01:59:30+01:00');
    expect(byId.get('cdr:1774746600.64:PJSIP/agent-7-00000065')?.startedAt).toBe('2026-03-29T03:10:00+02:00');
    expect(byId.get('cdr:1792884600.70:SIP/2002-00000071')?.startedAt).toBe('2026-10-25T01:30:00+02:00');
    expect(byId.get('cdr:1792888200.72:5000')).toMatchObject({ startedAt: '2026-10-25T02:30:00+02:00', abandoned: true, waitSeconds: 65 });
    expect(byId.get('cdr:1792895400.74:PJSIP/agent-7-00000075')?.startedAt).toBe('2026-10-25T03:30:00+01:00');
    expect(byId.get('cdr:1792918800.90:SIP/2002-00000091')?.startedAt).toBe('2026-10-25T10:00:00+01:00');
  });

  it('the same file read twice gives the same ids (a re-read or a rotated file counts no call twice)', () => {
    expect(parse(MASTER).records.map((r) => r.externalId)).toEqual(result.records.map((r) => r.externalId));
    const twice = parse(MASTER + MASTER);
    expect(twice.records).toEqual(result.records);
    // The 20 calls of the second copy, and the repeated line in each copy.
    expect(twice.notes[0]).toMatch(/^22 CDR lines repeated an earlier one/);
  });
});

describe('asterisk-cdr: options', () => {
  it('without a time zone, or with an unknown one, the whole input is refused on line 0', () => {
    expect(parse(MASTER, {})).toEqual({
      records: [], held: 0, notes: [],
      rejected: [{ source: 'Master.csv', line: 0, reason: 'This format needs a time zone (the PBX writes its local time without an offset): choose the zone of the PBX, e.g. Europe/Paris' }],
    });
    expect(parse(MASTER, { timeZone: 'Europe/Pariss' }).rejected).toEqual([
      { source: 'Master.csv', line: 0, reason: "Unknown time zone 'Europe/Pariss': give an IANA zone such as Europe/Paris or Africa/Casablanca" },
    ]);
    expect(asteriskCdrImporter.needs).toEqual(['timeZone']);
  });

  it('the inbound rule and the default queue are the site\'s to set', () => {
    const lines = [cdrLine({ dcontext: 'entrant-sda', lastapp: 'Dial', lastdata: 'SIP/2001' }), cdrLine({ dcontext: 'from-trunk', uniqueid: '1780300800.27' })].join('\n');
    const custom = parse(lines, { timeZone: 'Europe/Paris', inboundContext: '^entrant-', defaultQueue: 'accueil' });
    expect(custom.records.map((r) => [r.direction, r.queue])).toEqual([['inbound', 'accueil'], ['outbound', 'support']]);
    const invalid = parse(lines, { timeZone: 'Europe/Paris', inboundContext: '(unclosed' });
    expect(invalid.records).toEqual([]);
    expect(invalid.rejected[0]?.line).toBe(0);
    expect(invalid.rejected[0]?.reason).toMatch(/^The inbound context rule is not a valid regular expression \(\(unclosed\)/);
  });

  it('Morocco across its 2026 change: UTC+1, then UTC+0 from 20 September', () => {
    const lines = [cdrLine({ start: '2026-09-19 10:00:00' }), cdrLine({ start: '2026-09-21 10:00:00', uniqueid: '1790000000.2' })].join('\n');
    expect(parse(lines, { timeZone: 'Africa/Casablanca' }).records.map((r) => r.startedAt)).toEqual(['2026-09-19T10:00:00+01:00', '2026-09-21T10:00:00+00:00']);
  });
});

describe('asterisk-cdr: rejected lines', () => {
  it('name the line and the reason', () => {
    const lines = [
      cdrLine(),
      '"just","three","fields"',
      cdrLine({ duration: '-5', uniqueid: '1.3' }),
      cdrLine({ billsec: '200', uniqueid: '1.4' }),
      cdrLine({ disposition: 'MAYBE', uniqueid: '1.5' }),
      cdrLine({ start: '2026-02-30 10:00:00', uniqueid: '1.6' }),
      cdrLine({ duration: '90000', billsec: '10', uniqueid: '1.7' }),
      cdrLine({ start: '1850-01-01 10:00:00', uniqueid: '1.8' }),
      '"a"x,"b"',
      '',
      cdrLine({ uniqueid: '1.9' }).replace('"5000"', '"50\u000000"'),
      cdrLine({ lastdata: `${'q'.repeat(101)},t`, uniqueid: '1.10' }),
    ];
    const result = parse(lines.join('\r\n'));
    expect(result.records).toHaveLength(1);
    expect(result.rejected.map((r) => [r.line, r.reason])).toEqual([
      [2, 'The line has 3 fields; a cdr_csv line has 16 (accountcode … amaflags), 17 or 18 (with uniqueid and userfield) or 21 (with peeraccount, linkedid and sequence)'],
      [3, "duration is not a whole number of seconds: '-5'"],
      [4, 'billsec (200) is longer than duration (100)'],
      [5, "Unknown disposition 'MAYBE' (expected ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION)"],
      [6, `start is not a "YYYY-MM-DD HH:MM:SS" time: '2026-02-30 10:00:00'`],
      [7, 'duration is over a day (90000 s): a clock or export error, not a call'],
      [8, 'start 1850-01-01 10:00:00 is outside the years 1900 to 2199'],
      [9, 'The line is not a CSV line as cdr_csv writes it: text follows a closing quote'],
      [11, 'The line contains a NUL character: the file is damaged here'],
      [12, `The queue name is longer than 100 characters: '${'q'.repeat(40)}…'`],
    ]);
    expect(result.rejected.every((r) => r.source === 'Master.csv' && r.excerpt !== undefined && r.excerpt.length <= 200)).toBe(true);
  });

  it('never throw, whatever the bytes; every rejection points at a line of the file', () => {
    const sampleLines = MASTER.split('\n');
    const mutated = fc
      .tuple(fc.constantFrom(...sampleLines), fc.nat(400), fc.nat(40), fc.string({ maxLength: 8 }))
      .map(([line, at, cut, insert]) => line.slice(0, at % (line.length + 1)) + insert + line.slice((at % (line.length + 1)) + (cut % 5)));
    const text = fc.array(fc.oneof(mutated, fc.string({ maxLength: 200 }), fc.constantFrom(...sampleLines)), { maxLength: 30 }).map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(text, fc.constantFrom(...CDR_ZONES), (input, zone) => {
        const result = parse(input, { timeZone: zone });
        const lineCount = input.split('\n').length;
        for (const r of result.rejected) {
          expect(r.line).toBeGreaterThanOrEqual(1);
          expect(r.line).toBeLessThanOrEqual(lineCount);
          expect(r.reason.length).toBeGreaterThan(10);
        }
        expectStorable(result);
      }),
      { numRuns: 300 },
    );
  });
});

describe('asterisk-cdr: detect', () => {
  it('recognises Master.csv, with or without the optional columns', () => {
    expect(asteriskCdrImporter.detect(MASTER)).toBe(true);
    expect(asteriskCdrImporter.detect(MASTER.split('\n').slice(10).join('\n'))).toBe(true);
  });

  it("refuses other formats' text", () => {
    const others = [
      '1700000000|1700000000.1|support|NONE|ENTERQUEUE||0612345678|1\n',
      'externalId,startedAt,direction,queue,agentRef,waitSeconds,talkSeconds,holdSeconds,wrapSeconds,abandoned\n',
      '{"conversations":[{"conversationId":"c1","participants":[]}]}',
      '',
    ];
    // Every other sample in samples/ (other formats' folders and the Vigie CSV/JSON at the top).
    for (const entry of readdirSync(SAMPLES)) {
      const full = path.join(SAMPLES, entry);
      if (entry === 'asterisk-cdr') continue;
      const files = statSync(full).isDirectory() ? readdirSync(full).map((f) => path.join(full, f)) : [full];
      for (const file of files) if (!file.endsWith('.md')) others.push(readFileSync(file, 'utf8'));
    }
    for (const text of others) expect(asteriskCdrImporter.detect(text)).toBe(false);
  });
});
