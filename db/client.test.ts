import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secureDataDir } from './client';

const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-data-dir-'));
afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));

const modeOf = (dir: string) => fs.statSync(dir).mode & 0o777;

describe('the PGlite data directory', () => {
  it('is created readable by its owner only, parents included', () => {
    const dir = path.join(parent, 'new', 'data');
    secureDataDir(dir);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('is narrowed to its owner when it exists open to others, contents kept', () => {
    const dir = path.join(parent, 'old');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'kept'), 'rows');
    const warnings: string[] = [];
    secureDataDir(dir, (m) => warnings.push(m));
    expect(modeOf(dir)).toBe(0o700);
    expect(fs.readFileSync(path.join(dir, 'kept'), 'utf8')).toBe('rows');
    expect(warnings).toEqual([]);
  });
});
