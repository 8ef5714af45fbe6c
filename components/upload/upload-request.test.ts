// The upload page's request for the chosen files and settings: the format's needs decide which
// options go (the time zone only where times carry no offset, the mapping only for a mapped CSV),
// and nothing is sent while the format or the mapping is still to be chosen.
import { describe, expect, it } from 'vitest';
import { uploadRequest, type FormatOption, type UploadSettings } from './upload-request';

const FORMATS: FormatOption[] = [
  { value: 'asterisk-queue-log', label: 'Asterisk queue_log', needs: [] },
  { value: 'asterisk-cdr', label: 'Asterisk CDR', needs: ['timeZone'] },
  { value: 'csv', label: 'CSV', needs: ['mapping'] },
  { value: 'vigie', label: 'Vigie CSV/JSON', needs: [] },
];
const files = [{ name: 'queue_log', text: '1|2|3|4|ENTERQUEUE' }];
const base: UploadSettings = { kind: 'calls', format: 'asterisk-queue-log', timeZone: 'Africa/Tunis', mapping: '' };

describe('uploadRequest', () => {
  it('sends the format and only the options it needs', () => {
    expect(uploadRequest(files, base, FORMATS)).toEqual({ input: { kind: 'calls', files, format: 'asterisk-queue-log' } });
    expect(uploadRequest(files, { ...base, format: 'asterisk-cdr', mapping: 'left-over' }, FORMATS)).toEqual({
      input: { kind: 'calls', files, format: 'asterisk-cdr', options: { timeZone: 'Africa/Tunis' } },
    });
    expect(uploadRequest(files, { ...base, format: 'csv', mapping: 'pbx-fr' }, FORMATS)).toEqual({
      input: { kind: 'calls', files, format: 'csv', options: { mapping: 'pbx-fr' } },
    });
  });

  it('waits for a format, and for the mapping of a CSV export', () => {
    expect(uploadRequest(files, { ...base, format: null }, FORMATS)).toEqual({ waitingFor: 'format' });
    expect(uploadRequest(files, { ...base, format: 'csv' }, FORMATS)).toEqual({ waitingFor: 'mapping' });
  });
});
