// Drill: a PGlite data directory survives a killed server. Data is pushed and acknowledged, the
// server is killed (SIGKILL, no chance to close PGlite or remove its lock), then started again on
// the same directory: the stale lock is taken over, every acknowledged record is there, the
// dashboard figures are those of before, and the rollups still equal the raw records.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { lockFileOf } from '@/db/lock';
import { provisionDatabase } from '@/cli/bench/provision';
import { startVigie, type ServedVigie } from '@/cli/bench/server-process';
import { check, drillCalls, log, pushCalls, readKpis, recordDifferences, rollupDifferences, summarise, tempDir, type PushRecord } from './harness';

const BATCHES = 6;
const BATCH = 1000;
const FROM = '2026-10-15';
const TO = '2026-11-05';

export async function pgliteSurvivesKill(): Promise<string> {
  const work = tempDir('pglite-kill');
  const dataDir = path.join(work, 'data');
  const env = { DATABASE_URL: '', VIGIE_DATA_DIR: dataDir };
  let server: ServedVigie | null = null;
  try {
    const { sites, token } = await provisionDatabase({ driver: 'pglite', dataDir, owner: 'fault drill' }, { prefix: 'P', sites: 2 });
    server = await startVigie({ env });
    const sent = new Map<string, PushRecord[]>();
    for (const [i, site] of sites.entries()) {
      const records = drillCalls(BATCHES * BATCH, `${site.code}-call`, 300 + i);
      sent.set(site.code, records);
      for (let b = 0; b < BATCHES; b++) {
        const a = await pushCalls(server.url, site.key, records.slice(b * BATCH, (b + 1) * BATCH));
        check(a.status === 200, `push ${site.code} #${b}: HTTP ${a.status} ${JSON.stringify(a.body ?? a.error).slice(0, 300)}`);
      }
    }
    const before = await readKpis(server.url, token, FROM, TO);
    check(before.status === 200, `kpis before the kill: HTTP ${before.status}`);
    log(`${BATCHES * BATCH * sites.length} records acknowledged; network handled ${(before.body as { network: { handled: number } }).network.handled}`);

    await server.kill('SIGKILL');
    const port = server.port;
    server = null;
    const lock = JSON.parse(fs.readFileSync(lockFileOf(dataDir), 'utf8')) as { pid: number; owner: string };
    log(`killed; the lock file still names pid ${lock.pid} (${lock.owner})`);

    server = await startVigie({ env, port });
    log('started again on the same directory: the stale lock was taken over');
    const after = await readKpis(server.url, token, FROM, TO);
    check(after.status === 200, `kpis after the restart: HTTP ${after.status}`);
    check(JSON.stringify(after.body) === JSON.stringify(before.body), 'the KPI comparison differs from before the kill');

    // It takes writes again, and one of them may touch the days written before the kill.
    for (const site of sites) {
      const more = drillCalls(BATCH, `${site.code}-after`, 900);
      sent.get(site.code)!.push(...more);
      const a = await pushCalls(server.url, site.key, more);
      check(a.status === 200, `push after the restart: HTTP ${a.status}`);
    }
    await server.stop();
    server = null;

    const handle = await openDatabase({ driver: 'pglite', dataDir, owner: 'fault drill (check)' });
    try {
      const problems = [...(await recordDifferences(handle.db, sent)), ...(await rollupDifferences(handle.db))];
      check(problems.length === 0, `after the restart:\n      ${summarise(problems)}`);
    } finally {
      await handle.close();
    }
    return `${(BATCHES + 1) * BATCH * sites.length} records all present, KPIs identical across the kill, rollups = raw`;
  } finally {
    if (server) await server.kill('SIGKILL');
    fs.rmSync(work, { recursive: true, force: true });
  }
}
