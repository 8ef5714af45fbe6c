// The mapping form's values ↔ CsvMapping, and the schema's refusals taken back to their fields.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvMappingSchema } from '@/lib/importers/csv-mapping';
import { checkMappingValues, emptyMappingValues, mappingFromValues, valuesFromMapping } from './mapping-form-values';

const PBX = csvMappingSchema.parse(JSON.parse(readFileSync(join(process.cwd(), 'samples/csv/pbx-fr.mapping.json'), 'utf8')));

describe('the mapping form values', () => {
  it('give back the mapping they were filled from (the sample, and numbered columns with constants)', () => {
    expect(csvMappingSchema.parse(mappingFromValues(valuesFromMapping(PBX)))).toEqual(PBX);
    const numbered = { ...PBX, header: false, dateFormat: 'epoch-ms' as const, timeZone: undefined, fields: { ...PBX.fields, startedAt: { column: '1' }, externalId: { column: '2' }, direction: { constant: 'outbound' as const }, queue: { constant: 'Relance' }, agentRef: { column: '3' }, waitSeconds: { column: '4', unit: 'ms' as const }, talkSeconds: { column: '5', unit: 'min' as const }, holdSeconds: undefined, wrapSeconds: undefined, abandoned: { column: '6', true: ['1'], false: ['0'] }, resolved: undefined, csat: undefined, outcome: { column: '7' } } };
    const parsed = csvMappingSchema.parse(numbered);
    expect(csvMappingSchema.parse(mappingFromValues(valuesFromMapping(parsed)))).toEqual(parsed);
  });

  it('are refused field by field with the schema’s reasons', () => {
    const issues = checkMappingValues({ ...emptyMappingValues(), name: 'a/b', timeZone: 'Nowhere/City' });
    const fields = issues.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'timeZone', 'externalId', 'startedAt', 'queue', 'waitSeconds.column', 'talkSeconds.column', 'abandoned.column', 'abandoned.yes', 'abandoned.no']));
    expect(issues.find((i) => i.field === 'timeZone')!.key).toBe('Not a time zone: use an IANA name such as Europe/Paris.');
    const both = checkMappingValues({ ...valuesFromMapping(PBX), abandoned: { column: 'A', yes: 'Oui', no: 'oui, Non' } });
    expect(both).toEqual([{ field: 'abandoned.no', key: "Listed as both true and false: 'oui'." }]);
    expect(checkMappingValues(valuesFromMapping(PBX))).toEqual([]);
  });
});
