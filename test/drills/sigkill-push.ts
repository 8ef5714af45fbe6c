// Drill: the server is killed (SIGKILL, every process) while sites are pushing; it is started
// again and the sites send the same files again with `vigie push`, as they would after an error.
// Each record must then be stored exactly once, and the rollups must equal those recomputed from
// the raw records: a batch is one transaction, so a killed batch leaves nothing behind.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type OpenOptions } from '@/db/client';
import { lockFileOf } from '@/db/lock';
import { provisionDatabase } from '@/cli/bench/provision';
import { startVigie, type ServedVigie } from '@/cli/bench/server-process';
import {
  check,
  drillCalls,
  freshDatabase,
  log,
  pushCalls,
  recordDifferences,
  rollupDifferences,
  SHARED_PG,
  sleep,
  summarise,
  tempDir,
  type PushAnswer,
  type PushRecord,
} from './harness';

const SITES = 4;
const PER_SITE = 5000;
const CHUNK = 2500;

type CliPush = { code: number | null; received: number; inserted: number; updated: number; rejected: number; output: string };

/** `vigie push` as a site runs it: its own process, its chunking and retries. */
function vigiePush(url: string, key: string, file: string): Promise<CliPush> {
  return new Promise((resolve) => {
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['cli/vigie.ts', 'push', '--url', url, '--key', key, '--chunk-size', String(CHUNK), file], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: '' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => {
      const m = /(\d+) calls received, (\d+) inserted, (\d+) updated, (\d+) rejected/.exec(output);
      resolve({
        code,
        received: Number(m?.[1] ?? -1),
        inserted: Number(m?.[2] ?? -1),
        updated: Number(m?.[3] ?? -1),
        rejected: Number(m?.[4] ?? -1),
        output,
      });
    });
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function sigkillDuringPush(driver: 'postgres' | 'pglite'): Promise<string> {
  const work = tempDir(`sigkill-${driver}`);
  const database = driver === 'postgres' ? await freshDatabase(SHARED_PG, 'sigkill') : null;
  const dataDir = path.join(work, 'data');
  const open: OpenOptions = database ? { driver: 'postgres', url: database.url, max: 2 } : { driver: 'pglite', dataDir, owner: 'fault drill' };
  const env = database ? { DATABASE_URL: database.url } : { DATABASE_URL: '', VIGIE_DATA_DIR: dataDir };
  let server: ServedVigie | null = null;
  try {
    const { sites } = await provisionDatabase(open, { prefix: 'K', sites: SITES });
    const sent = new Map<string, PushRecord[]>();
    sites.forEach((s, i) => sent.set(s.code, drillCalls(PER_SITE, `${s.code}-call`, 100 + i)));
    server = await startVigie({ env });
    log(`server up on ${driver} at ${server.url} (${server.pids().length} processes)`);

    // Each site sends its 5,000 records in two chunks, one after the other; the sites in parallel.
    const answered: { code: string; chunk: number; status: number; body: unknown }[] = [];
    const base = server.url;
    const pushing = sites.map(async (s) => {
      const records = sent.get(s.code)!;
      for (let chunk = 0; chunk * CHUNK < records.length; chunk++) {
        const a = await pushCalls(base, s.key, records.slice(chunk * CHUNK, (chunk + 1) * CHUNK));
        answered.push({ code: s.code, chunk, status: a.status, body: a.body });
        if (a.status !== 200) return;
      }
    });

    // The moment of the kill: some batch committed and another one being written.
    const killAt = await waitForMidIngest(driver, database?.url, answered);
    await server.kill('SIGKILL');
    const killed = server;
    server = null;
    check(killed.pids().length === 0, 'processes of the killed server are still running');
    await Promise.all(pushing);
    const acknowledged = answered.filter((a) => a.status === 200);
    const failed = answered.filter((a) => a.status !== 200);
    log(`SIGKILL ${killAt}; ${acknowledged.length} chunks acknowledged before it, ${failed.length} cut off`);
    check(failed.length > 0, 'the kill came after every push had been answered: nothing was in flight');

    if (driver === 'pglite') {
      const lock = JSON.parse(fs.readFileSync(lockFileOf(dataDir), 'utf8')) as { pid: number };
      check(!pidAlive(lock.pid), `the lock names pid ${lock.pid}, still alive`);
      log(`stale lock left by pid ${lock.pid}`);
    }

    server = await startVigie({ env, port: killed.port });
    log('server started again on the same database');

    // The retry: every site sends its whole file again, as `vigie push` would after the error.
    const files = sites.map((s) => {
      const file = path.join(work, `${s.code}.json`);
      fs.writeFileSync(file, JSON.stringify({ records: sent.get(s.code) }));
      return file;
    });
    const retries = await Promise.all(sites.map((s, i) => vigiePush(server!.url, s.key, files[i]!)));
    for (const [i, r] of retries.entries()) {
      check(r.code === 0, `vigie push for ${sites[i]!.code} exited with ${r.code}:\n${r.output.slice(-1500)}`);
      check(r.received === PER_SITE && r.rejected === 0, `vigie push for ${sites[i]!.code}: ${r.output.trim()}`);
      check(r.updated === 0, `${sites[i]!.code}: a retried unchanged record counted as updated (${r.updated})`);
    }
    const ackInserted = acknowledged.reduce((n, a) => n + (a.body as PushAnswer).inserted, 0);
    const retryInserted = retries.reduce((n, r) => n + r.inserted, 0);
    log(`retry inserted ${retryInserted}, the acknowledged chunks had inserted ${ackInserted}, of ${SITES * PER_SITE}`);
    check(retryInserted + ackInserted <= SITES * PER_SITE, 'more records inserted than were sent');

    await server.stop();
    server = null;
    const handle = await openDatabase(open);
    try {
      const problems = [...(await recordDifferences(handle.db, sent)), ...(await rollupDifferences(handle.db))];
      check(problems.length === 0, `after the retry:\n      ${summarise(problems)}`);
    } finally {
      await handle.close();
    }
    return `${SITES * PER_SITE} records each stored once, rollups = raw (${acknowledged.length} chunks committed before the kill, ${failed.length} lost and re-sent)`;
  } finally {
    if (server) await server.kill('SIGKILL');
    await database?.drop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Waits until a batch has committed and another is being written, and says what was seen. On
 * PostgreSQL the database shows it (pg_stat_activity); PGlite writes on the server's one thread, so
 * right after the first answer the next batch is being parsed or written.
 */
async function waitForMidIngest(driver: 'postgres' | 'pglite', url: string | undefined, answered: { status: number }[]): Promise<string> {
  const deadline = Date.now() + 120_000;
  if (driver === 'pglite' || !url) {
    while (!answered.some((a) => a.status === 200)) {
      check(Date.now() < deadline && answered.length === 0, `no push answered in time: ${JSON.stringify(answered)}`);
      await sleep(5);
    }
    await sleep(30);
    return 'just after the first acknowledged chunk';
  }
  const { default: postgres } = await import('postgres');
  const watch = postgres(url, { max: 1, onnotice: () => {} });
  try {
    for (;;) {
      check(Date.now() < deadline, 'no ingest seen in flight within 2 minutes');
      const [row] = await watch<{ committed: number; active: number }[]>`
        select (select count(*) from call_records)::int as committed,
               (select count(*) from pg_stat_activity
                 where datname = current_database() and pid <> pg_backend_pid() and state = 'active'
                   and (query ilike '%into call_records%' or query ilike '%into site_day%'))::int as active`;
      if (row && row.committed > 0 && row.active > 0) return `with ${row.committed} records committed and ${row.active} ingest statements running`;
      check(answered.every((a) => a.status === 200) && answered.length < (SITES * PER_SITE) / CHUNK, 'every push finished before the kill');
      await sleep(3);
    }
  } finally {
    await watch.end();
  }
}
