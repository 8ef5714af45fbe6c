// The mapping schema: what it takes, the defaults it fills in, and each refusal with its path.
import { describe, expect, it } from 'vitest';
import { csvMappingSchema, type CsvMappingInput } from './csv-mapping';

const valid: CsvMappingInput = {
  name: 'pbx export',
  dateFormat: 'dd/MM/yyyy HH:mm:ss',
  timeZone: 'Europe/Paris',
  fields: {
    externalId: { column: 'Call ID' },
    startedAt: { column: 'Date', timeColumn: 'Time' },
    direction: { column: 'Direction', inbound: ['In'], outbound: ['Out'] },
    queue: { constant: 'main' },
    waitSeconds: { column: 'Wait', unit: 'hh:mm:ss' },
    talkSeconds: { column: 'Talk', unit: 'ms' },
    abandoned: { column: 'Abandoned', true: ['Y'], false: ['N', ''] },
    outcome: { column: 'Result', values: { Vente: 'sale' } },
  },
};

/** The paths and messages of a refusal. */
function refusal(input: unknown): [string, string][] {
  const result = csvMappingSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => [i.path.join('.'), i.message]);
}

describe('csvMappingSchema', () => {
  it('takes a valid mapping and fills in the delimiter and the header row', () => {
    const parsed = csvMappingSchema.parse(valid);
    expect(parsed.delimiter).toBe(',');
    expect(parsed.header).toBe(true);
    expect(parsed.fields.abandoned.false).toEqual(['N', '']);
  });

  it('refuses a bad name, an unknown zone, and a local date format without a zone', () => {
    expect(refusal({ ...valid, name: 'a/b' })).toEqual([['name', expect.stringContaining('1 to 64 letters')]]);
    expect(refusal({ ...valid, name: 'x'.repeat(65) })).toHaveLength(1);
    expect(refusal({ ...valid, timeZone: 'Europe/Atlantis' })).toEqual([['timeZone', 'Not a time zone: use an IANA name such as Europe/Paris.']]);
    expect(refusal({ ...valid, timeZone: undefined })).toEqual([['timeZone', expect.stringContaining('carry no offset')]]);
    expect(refusal({ ...valid, timeZone: undefined, dateFormat: 'epoch-s', fields: { ...valid.fields, startedAt: { column: 'At' } } })).toEqual([]);
  });

  it('refuses a time column beside an ISO or epoch format', () => {
    expect(refusal({ ...valid, dateFormat: 'iso' })).toEqual([['fields.startedAt.timeColumn', expect.stringContaining('local date format')]]);
  });

  it('refuses column names without a header row, and values listed on both sides', () => {
    expect(refusal({ ...valid, header: false })[0]).toEqual(['fields.externalId.column', "Without a header row, columns are numbered from 1: 'Call ID' is not a column number."]);
    expect(refusal({ ...valid, fields: { ...valid.fields, abandoned: { column: 'A', true: ['Oui'], false: ['OUI', 'Non'] } } })).toEqual([
      ['fields.abandoned.false', "Listed as both true and false: 'oui'."],
    ]);
    expect(refusal({ ...valid, fields: { ...valid.fields, direction: { column: 'D', inbound: ['x'], outbound: ['X'] } } })).toEqual([
      ['fields.direction.outbound', "Listed as both inbound and outbound: 'x'."],
    ]);
  });

  it('refuses unknown units, formats, keys, empty lists and missing fields', () => {
    expect(refusal({ ...valid, fields: { ...valid.fields, talkSeconds: { column: 'Talk', unit: 'hours' } } })[0]![0]).toBe('fields.talkSeconds.unit');
    expect(refusal({ ...valid, dateFormat: 'yyyyMMdd' })[0]![0]).toBe('dateFormat');
    expect(refusal({ ...valid, delimiter: ':' })[0]![0]).toBe('delimiter');
    expect(refusal({ ...valid, extra: 1 })[0]![0]).toBe('');
    expect(refusal({ ...valid, fields: { ...valid.fields, abandoned: { column: 'A', true: [], false: ['N'] } } })).toEqual([['fields.abandoned.true', 'List at least one value meaning yes.']]);
    const { talkSeconds: _talk, ...withoutTalk } = valid.fields;
    expect(refusal({ ...valid, fields: withoutTalk })[0]![0]).toBe('fields.talkSeconds');
    expect(refusal({ ...valid, fields: { ...valid.fields, queue: { constant: '  ' } } })).toEqual([['fields.queue.constant', 'Must not be empty.']]);
  });
});
