// Starts Vigie exactly as a user would (`npm start`, here `tsx scripts/start.ts`, on the build that
// `npm run build` made) on a free port and a fresh data directory, waits until it answers, and
// stops every process it started afterwards (start.ts runs `next start` in a group of its own).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startVigie } from '../cli/bench/server-process';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-e2e-'));
  // The demo seed runs on first start: minutes on a busy machine.
  // The tests stand for the one proxy in front (VIGIE_TRUSTED_PROXIES=1): the X-Forwarded-For entry
  // they append gives a test an address, and so a sign-in limit, of its own. The live demo
  // simulator stays off (VIGIE_DEMO_LIVE=0): the tests that read the demo expect it to hold still;
  // the simulator has tests of its own (server/demo/simulator.test.ts).
  const served = await startVigie({ env: { VIGIE_DATA_DIR: dataDir, DATABASE_URL: '', VIGIE_TRUSTED_PROXIES: '1', VIGIE_DEMO_LIVE: '0' }, readyTimeoutMs: 8 * 60_000 });
  console.log(
    served
      .output()
      .split('\n')
      .filter((l) => l.startsWith('[vigie]'))
      .join('\n'),
  );
  // localhost, as NEXTAUTH_URL defaults to: the session cookie is set for that host.
  project.provide('baseUrl', `http://localhost:${served.port}`);

  return async () => {
    await served.stop(5_000);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
