// The launcher and the CLI refuse, with a plain message, to run on a Node whose tz data is older
// than the declared minimum. The machine's own Node (outside node_modules) is the older runtime
// at hand; where it is current, the same commands must not refuse on tz grounds.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINIMUM_TZ_VERSION, compareTzVersions } from './tz-data';

const root = path.resolve(import.meta.dirname, '../..');
const systemNode = (process.env.PATH ?? '')
  .split(path.delimiter)
  .filter((dir) => dir && !dir.includes('node_modules'))
  .map((dir) => path.join(dir, 'node'))
  .find((file) => fs.existsSync(file) && fs.realpathSync(file) !== fs.realpathSync(process.execPath));

function run(script: string, args: string[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-tz-'));
  try {
    return spawnSync(systemNode!, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), script, ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, VIGIE_DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0' },
    });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

describe.runIf(systemNode)('a runtime with older tz data', () => {
  const version = systemNode ? spawnSync(systemNode, ['-p', 'process.versions.tz'], { encoding: 'utf8' }).stdout.trim() : '';
  const outdated = !/^\d{4}[a-z]+$/.test(version) || compareTzVersions(version, MINIMUM_TZ_VERSION) < 0;

  it('makes the CLI refuse plainly, or run when its data is current', () => {
    const result = run('cli/vigie.ts', ['migrate']);
    if (outdated) {
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`needs IANA time-zone data ${MINIMUM_TZ_VERSION} or later`);
      expect(result.stderr).toContain(`has ${version}`);
    } else {
      expect(result.stderr).not.toContain('time-zone data');
    }
  });

  it('makes npm start refuse before touching the database', () => {
    if (!outdated) return;
    const result = run('scripts/start.ts', []);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`needs IANA time-zone data ${MINIMUM_TZ_VERSION} or later`);
  });
});
