// Reading an export's files: gzip rotations, the oldest-first order of a rotated queue_log, and
// Vigie's own CSV and JSON told from the exports that need an importer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { isVigieOwnFile, orderForImport, readImportSources, readSourceText, rotationOf } from './import-input';

const SAMPLES = path.resolve(import.meta.dirname, '../../samples');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-import-input-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('readSourceText', () => {
  it('reads plain text, and unpacks a gzip file as logrotate leaves it', () => {
    const text = '1764749000|1764749000.12|sales|NONE|ENTERQUEUE||0612345678|1\n';
    fs.writeFileSync(path.join(dir, 'queue_log'), text);
    fs.writeFileSync(path.join(dir, 'queue_log.2.gz'), zlib.gzipSync(Buffer.from(text)));
    expect(readSourceText(path.join(dir, 'queue_log'))).toBe(text);
    expect(readSourceText(path.join(dir, 'queue_log.2.gz'))).toBe(text);
  });

  it('names each source by the path as typed, in the order the format reads them', () => {
    fs.writeFileSync(path.join(dir, 'queue_log.1'), 'older\n');
    const sources = readImportSources([path.join(dir, 'queue_log'), path.join(dir, 'queue_log.1')], 'asterisk-queue-log');
    expect(sources.map((s) => s.name)).toEqual([path.join(dir, 'queue_log.1'), path.join(dir, 'queue_log')]);
    expect(sources[0]!.text).toBe('older\n');
  });
});

describe('rotation order', () => {
  it('knows the live file, numbered rotations (gzipped or not) and dated ones', () => {
    expect(rotationOf('/var/log/asterisk/queue_log')).toEqual({ base: '/var/log/asterisk/queue_log', age: 0 });
    expect(rotationOf('/var/log/asterisk/queue_log.1')).toEqual({ base: '/var/log/asterisk/queue_log', age: 1 });
    expect(rotationOf('queue_log.12.gz')).toEqual({ base: 'queue_log', age: 12 });
    expect(rotationOf('queue_log-20261201').age).toBeGreaterThan(rotationOf('queue_log-20261202').age);
    expect(rotationOf('queue_log-20261202').age).toBeGreaterThan(0);
  });

  it('reads a rotated queue_log oldest first, whatever order the files were typed in', () => {
    expect(orderForImport(['queue_log', 'queue_log.1', 'queue_log.3.gz', 'queue_log.2.gz'], 'asterisk-queue-log')).toEqual([
      'queue_log.3.gz',
      'queue_log.2.gz',
      'queue_log.1',
      'queue_log',
    ]);
    expect(orderForImport(['queue_log', 'queue_log-20261202', 'queue_log-20261201'], 'asterisk-queue-log')).toEqual([
      'queue_log-20261201',
      'queue_log-20261202',
      'queue_log',
    ]);
  });

  it('keeps separate series in their order, and every other format exactly as typed', () => {
    expect(orderForImport(['b/queue_log', 'a/queue_log.1', 'a/queue_log', 'b/queue_log.1'], 'asterisk-queue-log')).toEqual([
      'b/queue_log.1',
      'b/queue_log',
      'a/queue_log.1',
      'a/queue_log',
    ]);
    expect(orderForImport(['Master.csv', 'Master.csv.1'], 'asterisk-cdr')).toEqual(['Master.csv', 'Master.csv.1']);
    expect(orderForImport(['calls.json', 'events.json'], 'twilio')).toEqual(['calls.json', 'events.json']);
  });
});

describe('isVigieOwnFile', () => {
  it('recognises the samples of Vigie\'s own CSV and JSON', () => {
    expect(isVigieOwnFile(fs.readFileSync(path.join(SAMPLES, 'calls.csv'), 'utf8'))).toBe(true);
    expect(isVigieOwnFile(fs.readFileSync(path.join(SAMPLES, 'calls.json'), 'utf8'))).toBe(true);
  });

  it('takes snake_case headers, a BOM, evaluations and a bare array of records', () => {
    expect(isVigieOwnFile('\uFEFFexternal_id,started_at,direction,queue\nc-1,2026-11-02T09:00:00Z,inbound,sales\n')).toBe(true);
    expect(isVigieOwnFile('externalId,evaluatedAt,formCode,score.greeting\n')).toBe(true);
    expect(isVigieOwnFile('[\n  { "externalId": "c-1", "startedAt": "2026-11-02T09:00:00Z" }\n]')).toBe(true);
    expect(isVigieOwnFile('{ "evaluations": [] }')).toBe(true);
  });

  it('leaves every telephony export to the importers', () => {
    expect(isVigieOwnFile('1764749000|1764749000.12|sales|NONE|ENTERQUEUE||0612345678|1\n')).toBe(false);
    expect(isVigieOwnFile('"","0612345678","600","from-trunk","""Caller"" <0612345678>","SIP/trunk-0001"\n')).toBe(false);
    expect(isVigieOwnFile('{"ContactId":"c1","Channel":"VOICE"}\n{"ContactId":"c2","Channel":"VOICE"}\n')).toBe(false);
    expect(isVigieOwnFile('{ "conversations": [] }')).toBe(false);
    expect(isVigieOwnFile('[{ "sid": "CA1", "status": "completed" }]')).toBe(false);
    expect(isVigieOwnFile(fs.readFileSync(path.join(SAMPLES, 'csv/pbx-fr.csv'), 'utf8'))).toBe(false);
  });
});
