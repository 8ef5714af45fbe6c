// The mapped-CSV importer: records survive writeMappedCsv → parse for every shape of mapping, the
// French PBX sample reads to its hand-counted figures, bad lines are rejected with their line and
// reason (never a throw), and detect() takes delimited text but not Vigie's own CSV nor JSON.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The importer is held to the ingest's own schema: what POST /api/v1/calls would take.
import { callRecordSchema } from '@/lib/ingest/call-record.schema';
import { csvImporter } from './csv';
import { csvMappingSchema, type CsvMapping } from './csv-mapping';
import { csvMappingArbitrary, mappedRecordsArbitrary, writeMappedCsv } from './testing/csv-writer';
import type { ImportedCall } from './types';

/** What the comparison keeps: the instant of the start (its offset is the zone's, or the source's). */
const project = (r: ImportedCall) => ({ ...r, startedAt: Date.parse(r.startedAt) });

const parseWith = (mapping: unknown, text: string, name = 'export.csv') => csvImporter.parse([{ name, text }], { mapping });

describe('round trip: writeMappedCsv → csvImporter.parse', () => {
  it('gives back the records, none rejected, each one a valid CallRecord', () => {
    fc.assert(
      fc.property(
        csvMappingArbitrary.chain((mapping) => fc.tuple(fc.constant(mapping), mappedRecordsArbitrary(mapping))),
        ([mapping, records]) => {
          expect(csvMappingSchema.safeParse(mapping).success).toBe(true);
          const result = parseWith(mapping, writeMappedCsv(records, mapping));
          expect(result.rejected).toEqual([]);
          expect(result.records.map(project)).toEqual(records.map(project));
          for (const r of result.records) expect(callRecordSchema.safeParse(r).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

const SAMPLES = join(process.cwd(), 'samples');
const sampleText = (path: string) => readFileSync(join(SAMPLES, path), 'utf8');
const pbxMapping = () => JSON.parse(sampleText('csv/pbx-fr.mapping.json')) as unknown;

describe('samples/csv/pbx-fr.csv (README: 17 records, 7 rejected, 1 note)', () => {
  const result = parseWith(pbxMapping(), sampleText('csv/pbx-fr.csv'), 'pbx-fr.csv');
  const byId = new Map(result.records.map((r) => [r.externalId, r]));

  it('reads the hand-counted figures', () => {
    expect(result.records).toHaveLength(17);
    expect(result.held).toBe(0);
    expect(result.rejected.map((r) => r.line)).toEqual([18, 19, 20, 21, 22, 23, 24]);
    expect(result.notes).toEqual([expect.stringMatching(/^2 start times fell in the hour Europe\/Paris repeats/)]);
    for (const r of result.records) expect(callRecordSchema.safeParse(r).success).toBe(true);
  });

  it('gives each rejected line its reason', () => {
    expect(result.rejected.map((r) => r.reason)).toEqual([
      "start time '32/10/2026 10:00:00' is not a date: no such day in that month",
      "wait time is not a duration as hh:mm:ss: '00:0x:15'",
      "abandoned: 'Peut-être' is none of the values the mapping lists",
      "this line has 11 columns where the file's first line has 14",
      "direction: 'Interne' is none of the values the mapping lists",
      "talk time over a day: '25:00:01'",
      "start time '29/03/2026 02:30:00' does not exist in Europe/Paris (the clocks skipped it)",
    ]);
    expect(result.rejected[0]!.excerpt).toBe('32/10/2026;10:00:00;PBX-20261025-0009;Entrant;Support;4110;00:00:15;00:02:00;00:00:00;18;Non;Oui;;');
  });

  it('reads the night the clocks go back with the offset of each instant, the repeated hour as its first pass', () => {
    expect(byId.get('PBX-20261024-0008')!.startedAt).toBe('2026-10-24T23:58:10+02:00');
    expect(byId.get('PBX-20261025-0001')!.startedAt).toBe('2026-10-25T01:45:00+02:00');
    expect(byId.get('PBX-20261025-0002')!.startedAt).toBe('2026-10-25T02:10:00+02:00');
    expect(byId.get('PBX-20261025-0003')!.startedAt).toBe('2026-10-25T02:40:00+02:00');
    expect(byId.get('PBX-20261025-0004')!.startedAt).toBe('2026-10-25T03:05:00+01:00');
  });

  it('maps units, yes/no, directions and outcomes (regardless of case), and leaves out what is empty', () => {
    expect(byId.get('PBX-20261024-0001')).toEqual({
      externalId: 'PBX-20261024-0001',
      startedAt: '2026-10-24T08:59:41+02:00',
      direction: 'inbound',
      queue: 'Facturation',
      agentRef: '4102',
      waitSeconds: 12,
      talkSeconds: 271,
      holdSeconds: 0,
      wrapSeconds: 35,
      abandoned: false,
      resolved: true,
      csat: 5,
      outcome: 'sale',
    });
    expect(byId.get('PBX-20261024-0003')).toEqual({
      externalId: 'PBX-20261024-0003',
      startedAt: '2026-10-24T09:07:58+02:00',
      direction: 'inbound',
      queue: 'Support',
      waitSeconds: 3,
      talkSeconds: 0,
      holdSeconds: 0,
      wrapSeconds: 0,
      abandoned: true,
    });
    expect(byId.get('PBX-20261024-0004')).toMatchObject({ direction: 'outbound', talkSeconds: 157, resolved: false, outcome: 'info' });
    expect(byId.get('PBX-20261025-0008')).toMatchObject({ direction: 'inbound', queue: 'support', abandoned: false, resolved: true, outcome: 'info' });
    expect(result.records.filter((r) => r.abandoned)).toHaveLength(3);
    expect(result.records.filter((r) => r.direction === 'outbound')).toHaveLength(2);
  });
});

const BASE: CsvMapping = {
  name: 'base',
  delimiter: ',',
  header: true,
  dateFormat: 'iso',
  fields: {
    externalId: { column: 'id' },
    startedAt: { column: 'start' },
    direction: { constant: 'inbound' },
    queue: { column: 'queue' },
    waitSeconds: { column: 'wait', unit: 's' },
    talkSeconds: { column: 'talk', unit: 'ms' },
    abandoned: { column: 'abandoned', true: ['yes', '1'], false: ['no', '0'] },
  },
};
const HEAD = 'id,start,queue,wait,talk,abandoned';
const NUMBERED: CsvMapping = {
  ...BASE,
  header: false,
  fields: {
    ...BASE.fields,
    externalId: { column: '1' },
    startedAt: { column: '2' },
    queue: { column: '3' },
    waitSeconds: { column: '4', unit: 'hh:mm:ss' },
    talkSeconds: { column: '5', unit: 'min' },
    abandoned: { column: '6', true: ['yes'], false: ['no'] },
  },
};

describe('rejections', () => {
  it('refuses a whole file whose header lacks a mapped column: one rejection at line 1, no records', () => {
    const result = parseWith(BASE, 'id,start,queue,wait,abandoned\na,2026-01-05T09:00:00Z,q,1,no\n');
    expect(result.records).toEqual([]);
    expect(result.rejected).toEqual([
      { source: 'export.csv', line: 1, reason: expect.stringContaining("The mapping names the column 'talk', and the file has no column of that name"), excerpt: 'id,start,queue,wait,abandoned' },
    ]);
    const numbered = parseWith({ ...NUMBERED, fields: { ...NUMBERED.fields, externalId: { column: '9' } } }, 'a,2026-01-05T09:00:00Z,q,1,2,no\n');
    expect(numbered.rejected).toEqual([{ source: 'export.csv', line: 1, reason: "The mapping names column '9', and the file has only 6 columns.", excerpt: 'a,2026-01-05T09:00:00Z,q,1,2,no' }]);
  });

  it('refuses an invalid mapping with its reasons at line 0, and a missing one', () => {
    const result = parseWith({ ...BASE, dateFormat: 'dd/MM/yyyy HH:mm' }, `${HEAD}\n`);
    expect(result.rejected).toEqual([{ source: 'export.csv', line: 0, reason: expect.stringContaining('timeZone: Dates as dd/MM/yyyy HH:mm carry no offset') }]);
    expect(parseWith(undefined, `${HEAD}\n`).rejected[0]!.reason).toMatch(/needs a column mapping/);
  });

  it('rejects each bad line with its line number and reason, keeping the others', () => {
    const text = [
      HEAD,
      'a,2026-01-05T09:00:00+01:00,q,12.5,3000,YES',
      'b,yesterday,q,1,1,no',
      'c,2026-01-05T09:00:00Z,q,-1,1,no',
      '"d',
      'multi",2026-01-05T09:00:00Z,q,1,1,maybe',
      ',2026-01-05T09:00:00Z,q,1,1,no',
      'f,2026-01-05T09:00:00Z,,1,1,no',
      'g,2026-01-05T09:00:00,q,1,1,no',
      'h,2026-01-05T09:00:00Z,q,1,86400001,no',
      'i,2026-01-05T09:00:00Z,q,"1,5",0,0',
    ].join('\n');
    const result = parseWith(BASE, text);
    expect(result.records.map((r) => [r.externalId, r.waitSeconds, r.talkSeconds, r.abandoned])).toEqual([
      ['a', 12.5, 3, true],
      ['i', 1.5, 0, false],
    ]);
    expect(result.records[0]!.startedAt).toBe('2026-01-05T09:00:00+01:00');
    expect(result.rejected.map((r) => [r.line, r.reason])).toEqual([
      [3, "start time is not an ISO 8601 date-time: 'yesterday'"],
      [4, "wait time is not a number of seconds: '-1'"],
      [5, "abandoned: 'maybe' is none of the values the mapping lists"],
      [7, 'the call id is empty'],
      [8, 'the queue is empty'],
      [9, "start time '2026-01-05T09:00:00' has no offset and the mapping names no time zone"],
      [10, "talk time over a day: '86400001'"],
    ]);
  });

  it('never throws, whatever the text, and every record it gives is a valid CallRecord', () => {
    const pieces = fc.constantFrom(',', ';', '"', '\n', '\r\n', 'yes', 'no', '2026-01-05T09:00:00Z', '12', '00:01:02', 'é', '\uFEFF', '\u0000', 'x'.repeat(300));
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }).map((p) => p.join('')), fc.boolean(), (body, withHead) => {
        const text = withHead ? `${HEAD}\n${body}` : body;
        for (const mapping of [BASE, pbxMapping(), NUMBERED]) {
          const result = parseWith(mapping, text);
          for (const r of result.records) expect(callRecordSchema.safeParse(r).success).toBe(true);
          for (const r of result.rejected) expect(r.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('detect', () => {
  it("takes delimited text that is not Vigie's own CSV", () => {
    expect(csvImporter.detect(sampleText('csv/pbx-fr.csv'), 'pbx-fr.csv')).toBe(true);
    expect(csvImporter.detect('Call ID,Start,Queue\n1,2,3\n')).toBe(true);
  });

  it("refuses Vigie's own CSV, JSON, and text without a delimiter", () => {
    expect(csvImporter.detect(sampleText('calls.csv'), 'calls.csv')).toBe(false);
    expect(csvImporter.detect('external_id;started_at;direction\n')).toBe(false);
    expect(csvImporter.detect(sampleText('calls.json'), 'calls.json')).toBe(false);
    expect(csvImporter.detect('just one line of words\n')).toBe(false);
    expect(csvImporter.detect('')).toBe(false);
  });

  it('refuses the JSON samples of the other formats', () => {
    const jsonSamples = readdirSync(SAMPLES)
      .filter((d) => d !== 'csv' && statSync(join(SAMPLES, d)).isDirectory())
      .flatMap((d) => readdirSync(join(SAMPLES, d)).filter((f) => /\.jsonl?$/.test(f)).map((f) => join(d, f)));
    for (const path of jsonSamples) expect(csvImporter.detect(sampleText(path), path), path).toBe(false);
  });
});
