// Vigie's own files read for an upload: the REST API's JSON body or a bare array, CSV through the
// shared CSV reader, each record with its file and rank; a file that cannot be read at all refuses
// the upload with the file's name in the reason.
import { describe, expect, it } from 'vitest';
import { DomainError } from '@/server/errors';
import { readVigieFiles } from './upload-vigie';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_REQUEST');
    return (error as DomainError).message;
  }
  throw new Error('expected a refusal');
}

describe('readVigieFiles', () => {
  it('reads JSON bodies and bare arrays, and CSV, numbering the records of each file from 1', () => {
    const records = readVigieFiles('calls', [
      { name: 'a.json', text: '{"records":[{"externalId":"A1"},{"externalId":"A2"}]}' },
      { name: 'b.json', text: ' \n[{"externalId":"B1"}]' },
      { name: 'c.csv', text: 'externalId,startedAt,direction\nC1,2026-11-02T09:00:00Z,inbound\n' },
    ]);
    expect(records.map((r) => [r.source, r.record, (r.value as { externalId: string }).externalId])).toEqual([
      ['a.json', 1, 'A1'],
      ['a.json', 2, 'A2'],
      ['b.json', 1, 'B1'],
      ['c.csv', 1, 'C1'],
    ]);
    expect(readVigieFiles('evaluations', [{ name: 'e.json', text: '{"evaluations":[{"externalId":"E1"}]}' }])).toHaveLength(1);
  });

  it('refuses a file it cannot read, naming it', () => {
    expect(refusal(() => readVigieFiles('calls', [{ name: 'a.json', text: '{"records": [' }]))).toMatch(/^a\.json: not valid JSON/);
    expect(refusal(() => readVigieFiles('calls', [{ name: 'a.json', text: '{"evaluations": []}' }]))).toBe('a.json: expected an array of calls, or an object with a "records" array');
    expect(refusal(() => readVigieFiles('calls', [{ name: 'c.csv', text: 'externalId,queue\nX,billing\n' }]))).toMatch(/^c\.csv: Missing column\(s\): startedAt, direction/);
    expect(refusal(() => readVigieFiles('calls', [{ name: 'c.csv', text: 'externalId,startedAt,direction\n' }]))).toBe('c.csv: the file has no call records.');
  });
});
