// Recognition of an upload's format: Vigie's own CSV and JSON before any importer (whatever their
// header's case or spelling), each telephony sample as its format, the files of one export together,
// and no guess when nothing, or two different formats, are recognised.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recogniseUpload, recogniseVigie, unrecognisedReason } from './upload-recognise';

const sample = (path: string) => ({ name: path.split('/').pop()!, text: readFileSync(join(process.cwd(), 'samples', path), 'utf8') });

describe("Vigie's own files", () => {
  it('CSV of calls or evaluations by the header, with a BOM, quotes or snake_case', () => {
    expect(recogniseVigie(sample('calls.csv').text)).toEqual({ kind: 'calls', syntax: 'csv' });
    expect(recogniseVigie('\uFEFF"external_id","started_at","direction"\r\nA,2026-11-02T09:00:00Z,inbound\r\n')).toEqual({ kind: 'calls', syntax: 'csv' });
    expect(recogniseVigie('externalId,evaluatedAt,formCode,agentRef,score.greeting\n')).toEqual({ kind: 'evaluations', syntax: 'csv' });
  });

  it('JSON as the REST API takes it, and not a column mapping that names the same fields', () => {
    expect(recogniseVigie(sample('calls.json').text)).toEqual({ kind: 'calls', syntax: 'json' });
    expect(recogniseVigie('[{"externalId":"E1","evaluatedAt":"2026-11-02T09:00:00Z"}]')).toEqual({ kind: 'evaluations', syntax: 'json' });
    expect(recogniseVigie(sample('csv/pbx-fr.mapping.json').text)).toBeNull();
  });

  it('not a vendor export', () => {
    for (const path of ['asterisk-queue-log/queue_log', 'asterisk-cdr/Master.csv', 'csv/pbx-fr.csv', 'genesys/conversations.json', 'twilio/calls.json', 'amazon-connect/export-array.json']) {
      expect(recogniseVigie(sample(path).text), path).toBeNull();
    }
  });
});

describe('an upload', () => {
  it('takes the format of its files', () => {
    expect(recogniseUpload([sample('asterisk-queue-log/queue_log')])).toMatchObject({ format: 'asterisk-queue-log', kind: null });
    expect(recogniseUpload([sample('calls.csv')])).toMatchObject({ format: 'vigie', kind: 'calls' });
    expect(recogniseUpload([sample('twilio/calls.json'), sample('twilio/events.json')])).toMatchObject({ format: 'twilio' });
  });

  it('is not vetoed by a file nothing recognises', () => {
    const recognition = recogniseUpload([sample('asterisk-queue-log/queue_log'), { name: 'notes.txt', text: 'A note\n' }]);
    expect(recognition.format).toBe('asterisk-queue-log');
    expect(recognition.files).toEqual([
      { name: 'queue_log', format: 'asterisk-queue-log' },
      { name: 'notes.txt', format: null },
    ]);
  });

  it('has no format when nothing is recognised, or two formats are, and says which', () => {
    const unknown = recogniseUpload([{ name: 'notes.txt', text: 'A note\nAnother\n' }]);
    expect(unknown.format).toBeNull();
    expect(unrecognisedReason(unknown)).toBe('Vigie does not recognise this file: choose its format.');
    const mixed = recogniseUpload([sample('asterisk-queue-log/queue_log'), sample('calls.csv')]);
    expect(mixed).toMatchObject({ format: null, kind: null });
    expect(unrecognisedReason(mixed)).toBe(
      'These files are in different formats: queue_log (Asterisk queue_log), calls.csv (Vigie CSV/JSON). Upload them one format at a time, or choose the format.',
    );
  });
});
