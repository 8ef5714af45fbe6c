// The rejected-rows file on disk: the site's lines as they were, and the reasons safe to open in a
// spreadsheet.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeRejected } from './rejected-file';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-rejected-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeRejected', () => {
  it('copies the rejected lines and neutralises a reason a spreadsheet would run', () => {
    const file = path.join(dir, 'calls.csv');
    const csvRows = ['externalId,queue,outcome', 'c-1,sales,sold', 'c-2,sales,=HYPERLINK("http://x")', 'c-3,care,-1'];
    const written = writeRejected(file, { kind: 'calls', format: 'csv', records: [{}, {}, {}], csvRows }, [
      { index: 2, externalId: 'c-3', errors: [{ path: '', message: '-1 is not an outcome' }] },
      { index: 1, externalId: 'c-2', errors: [{ path: '', message: '=HYPERLINK("http://x") is not an outcome' }, { path: 'queue', message: 'unknown' }] },
    ]);
    expect(written).toBe(path.join(dir, 'calls.rejected.csv'));
    expect(fs.readFileSync(written!, 'utf8').split('\n')).toEqual([
      'externalId,queue,outcome,errors',
      `c-2,sales,=HYPERLINK("http://x"),"'=HYPERLINK(""http://x"") is not an outcome; queue: unknown"`,
      `c-3,care,-1,'-1 is not an outcome`,
      '',
    ]);
  });

  it('writes nothing when nothing was rejected', () => {
    expect(writeRejected(path.join(dir, 'none.csv'), { kind: 'calls', format: 'csv', records: [], csvRows: ['h'] }, [])).toBeNull();
    expect(fs.existsSync(path.join(dir, 'none.rejected.csv'))).toBe(false);
  });
});
