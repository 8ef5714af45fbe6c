// The rejected lines of an import on disk: each reason above its line as it was, a JSON record by
// the excerpt the importer kept, and the records the server refused as they were sent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportedCall, ImportSource } from '@/lib/importers/types';
import { importRejectedText, rejectedPathFor, rejectedText, rejectionPlace, writeImportRejected } from './import-rejected-file';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-import-rejected-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const queueLog: ImportSource = {
  name: 'queue_log',
  text: ['1764749000|1.1|sales|NONE|ENTERQUEUE||0612345678|1', '1764749010|9.9|sales|SIP/200|CONNECT|5|1.1|3', 'garbage line'].join('\r\n') + '\r\n',
};
const ctr: ImportSource = { name: 'ctr.json', text: '[\n  {\n    "ContactId": "c1",\n    "Channel": "VOICE"\n  }\n]\n' };

describe('rejectionPlace', () => {
  it('names the file and the line, or the record of a JSON file', () => {
    expect(rejectionPlace({ source: 'queue_log', line: 12, reason: 'r' })).toBe('queue_log line 12');
    expect(rejectionPlace({ source: 'ctr.json', line: 2, record: 1, reason: 'r' })).toBe('ctr.json line 2 (record 1)');
    expect(rejectionPlace({ source: 'ctr.json', line: 0, record: 3, reason: 'r' })).toBe('ctr.json record 3');
    expect(rejectionPlace({ source: 'Master.csv', line: 0, reason: 'r' })).toBe('Master.csv');
  });
});

describe('rejectedText', () => {
  const lines = new Map([
    ['queue_log', queueLog.text.split(/\r?\n/)],
    ['ctr.json', ctr.text.split(/\r?\n/)],
  ]);

  it('gives the whole line, without its line end, when the excerpt is its start', () => {
    expect(rejectedText({ source: 'queue_log', line: 2, reason: 'r', excerpt: '1764749010|9.9' }, lines)).toBe('1764749010|9.9|sales|SIP/200|CONNECT|5|1.1|3');
    expect(rejectedText({ source: 'queue_log', line: 3, reason: 'r' }, lines)).toBe('garbage line');
  });

  it('gives the excerpt when the line alone is not the record', () => {
    const excerpt = '{\n    "ContactId": "c1",\n    "Channel": "VOICE"\n  }';
    expect(rejectedText({ source: 'ctr.json', line: 2, record: 1, reason: 'r', excerpt }, lines)).toBe(excerpt);
    expect(rejectedText({ source: 'ctr.json', line: 0, record: 1, reason: 'r', excerpt }, lines)).toBe(excerpt);
    expect(rejectedText({ source: 'ctr.json', line: 0, reason: 'r' }, lines)).toBeNull();
  });
});

describe('importRejectedText and writeImportRejected', () => {
  const record: ImportedCall = {
    externalId: 'ql:1.1:sales:1764749000',
    startedAt: '2025-12-03T08:03:20.000Z',
    direction: 'inbound',
    queue: 'sales',
    waitSeconds: 5,
    talkSeconds: 0,
    holdSeconds: 0,
    wrapSeconds: 0,
    abandoned: false,
  };

  it('writes each reason above its line, then what the server refused', () => {
    const text = importRejectedText(
      'asterisk-queue-log',
      [queueLog, ctr],
      [
        { source: 'queue_log', line: 3, reason: 'Not a queue_log line: 1 field of at least 5', excerpt: 'garbage line' },
        { source: 'queue_log', line: 0, reason: 'This format needs a time zone' },
      ],
      [{ index: 0, externalId: record.externalId, errors: [{ path: 'queue', message: 'unknown queue' }] }],
      [record],
    );
    expect(text.split('\n')).toEqual([
      '# vigie push --format asterisk-queue-log: what was left out, each reason above the line or record it is about',
      '# queue_log line 3: Not a queue_log line: 1 field of at least 5',
      'garbage line',
      '# queue_log: This format needs a time zone',
      `# refused by the server, ${record.externalId}: queue: unknown queue`,
      JSON.stringify(record),
      '',
    ]);
  });

  it('writes beside the first file, and nothing when nothing was left out', () => {
    const out = rejectedPathFor(path.join(dir, 'queue_log'));
    expect(out).toBe(path.join(dir, 'queue_log.rejected.txt'));
    expect(writeImportRejected(out, 'asterisk-queue-log', [queueLog], [], [], [])).toBeNull();
    expect(fs.existsSync(out)).toBe(false);
    expect(writeImportRejected(out, 'asterisk-queue-log', [queueLog], [{ source: 'queue_log', line: 3, reason: 'bad' }], [], [])).toBe(out);
    expect(fs.readFileSync(out, 'utf8')).toContain('# queue_log line 3: bad\ngarbage line\n');
  });
});
