import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reconnectDelaySeconds, secureDataDir } from './client';

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

describe('the PostgreSQL pool after failed connection attempts', () => {
  it('waits at most a second before connecting again, however many attempts failed during an outage', () => {
    for (const failures of [1, 5, 10, 40, 200]) {
      for (let i = 0; i < 50; i++) {
        const delay = reconnectDelaySeconds(failures);
        expect(delay).toBeGreaterThan(0);
        expect(delay).toBeLessThanOrEqual(1);
      }
    }
  });

  it('tries again within a tenth of a second after a first failure', () => {
    for (let i = 0; i < 50; i++) expect(reconnectDelaySeconds(1)).toBeLessThanOrEqual(0.1);
  });
});
