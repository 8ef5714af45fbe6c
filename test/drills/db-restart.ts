// Drill: the PostgreSQL server goes away under a running Vigie and comes back. While it is away,
// every request gets a prompt 503 with a JSON error (no hang, no 500, no dead process); once it is
// back, the same server answers again without a restart. Twice: a clean shutdown, then a crash
// (immediate stop) in the middle of a push, whose retry must leave the rollups exact.
import { openDatabase } from '@/db/client';
import { withDatabase } from '@/db/testing-url';
import { provisionDatabase, signInCookie } from '@/cli/bench/provision';
import { startVigie, type ServedVigie } from '@/cli/bench/server-process';
import {
  call,
  check,
  drillCalls,
  log,
  PrivateCluster,
  pushCalls,
  readComparison,
  readKpis,
  recordDifferences,
  rollupDifferences,
  sleep,
  summarise,
  type Answer,
  type PushRecord,
} from './harness';

const FROM = '2026-10-15';
const TO = '2026-11-05';
/** How long a request may take while the database is away before it counts as a hang. */
const OUTAGE_ANSWER_MS = 10_000;
/** How long after the database is back the server may take to answer again. */
const RECOVERY_MS = 20_000;

type Probe = { name: string; run: () => Promise<Answer> };

function describe(a: Answer): string {
  return a.status ? `HTTP ${a.status} ${JSON.stringify(a.body).slice(0, 200)}` : (a.error ?? 'no answer');
}

/** What each session of the cluster is doing (a hang's culprit waits on a lock or sits idle in a transaction). */
async function sessionsOf(url: string): Promise<string> {
  const { default: postgres } = await import('postgres');
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const rows = await sql<{ pid: number; state: string | null; wait: string | null; xact: string | null; query: string | null }[]>`
      select pid, state, wait_event_type || ':' || wait_event as wait, (now() - xact_start)::text as xact, left(query, 160) as query
      from pg_stat_activity where datname = 'vigie' and pid <> pg_backend_pid() order by pid`;
    return rows.map((r) => `      ${r.pid} ${r.state ?? '-'} ${r.wait ?? '-'} xact ${r.xact ?? '-'}: ${(r.query ?? '').replace(/\s+/g, ' ')}`).join('\n') || '      none';
  } catch (error) {
    return `      (not readable: ${(error as Error).message})`;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

export async function databaseRestart(): Promise<string> {
  const cluster = new PrivateCluster('restart');
  let server: ServedVigie | null = null;
  const notes: string[] = [];
  try {
    await cluster.init();
    const { default: postgres } = await import('postgres');
    const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
    await admin.unsafe('create database vigie');
    await admin.end();
    const url = withDatabase(cluster.url, 'vigie');
    const { sites, token, reader } = await provisionDatabase({ driver: 'postgres', url, max: 2 }, { prefix: 'R', sites: 2 });
    const site = sites[0]!;
    const sent = new Map<string, PushRecord[]>([[site.code, []]]);
    const batches: PushRecord[][] = [];
    let seq = 0;
    const nextBatch = (n: number) => {
      const batch = drillCalls(n, `${site.code}-b${seq}`, 500 + seq++);
      batches.push(batch);
      sent.get(site.code)!.push(...batch);
      return batch;
    };

    server = await startVigie({ env: { DATABASE_URL: url } });
    const base = server.url;
    const processes = server.pids().length;
    const cookie = await signInCookie(base, reader);
    const probes: Probe[] = [
      { name: 'GET /api/health', run: () => call(`${base}/api/health`, { timeoutMs: OUTAGE_ANSWER_MS + 5000 }) },
      { name: 'POST /api/v1/calls', run: () => pushCalls(base, site.key, nextBatch(200), OUTAGE_ANSWER_MS + 5000) },
      { name: 'GET /api/v1/kpis', run: () => readKpis(base, token, FROM, TO, OUTAGE_ANSWER_MS + 5000) },
      { name: 'tRPC kpi.comparison', run: () => readComparison(base, cookie, FROM, TO, OUTAGE_ANSWER_MS + 5000) },
    ];
    const allOk = async (when: string) => {
      for (const p of probes) {
        const a = await p.run();
        check(a.status === 200, `${when}: ${p.name} answered ${describe(a)}`);
      }
    };
    await allOk('before the outage');
    log('all requests answer 200 with the database up');

    const duringOutage = async (what: string) => {
      for (const p of probes) {
        const a = await p.run();
        const json = typeof a.body === 'object' && a.body !== null;
        check(a.status === 503 && json, `${what}: ${p.name} answered ${describe(a)} in ${a.ms.toFixed(0)} ms (want a 503 with a JSON error)`);
        check(a.ms < OUTAGE_ANSWER_MS, `${what}: ${p.name} took ${a.ms.toFixed(0)} ms`);
        log(`${what}: ${p.name} → 503 in ${a.ms.toFixed(0)} ms`);
      }
      check(server!.pids().length === processes, `${what}: the server lost processes (${server!.pids().length} of ${processes} left)`);
    };
    const recover = async (what: string) => {
      const started = Date.now();
      for (;;) {
        const a = await call(`${base}/api/health`, { timeoutMs: 5000 });
        if (a.status === 200) break;
        check(Date.now() - started < RECOVERY_MS, `${what}: still ${describe(a)} ${RECOVERY_MS / 1000} s after the database came back`);
        await sleep(200);
      }
      await allOk(`after ${what}`);
      const ms = Date.now() - started;
      log(`after ${what}: everything answers 200 again, ${ms} ms after the database was back`);
      return ms;
    };

    // 1. A clean shutdown of the database (clients disconnected), then a start.
    cluster.stop('fast');
    await duringOutage('database stopped');
    cluster.start();
    notes.push(`clean stop: 503s, back in ${await recover('a clean stop')} ms`);

    // 2. A crash of the database while a big batch is being written.
    const big = nextBatch(5000);
    const inFlight = pushCalls(base, site.key, big, 60_000);
    const watch = postgres(url, { max: 1, onnotice: () => {} });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [row] = await watch<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and state = 'active'
          and (query ilike '%into call_records%' or query ilike '%into site_day%')`;
      if (row && row.n > 0) break;
      check(Date.now() < deadline, 'the big batch never reached the database');
      await sleep(2);
    }
    await watch.end({ timeout: 1 }).catch(() => {});
    cluster.stop('immediate');
    const cut = await inFlight;
    check(cut.status === 503 && typeof cut.body === 'object', `the push cut by the crash answered ${describe(cut)} (want a 503 with a JSON error)`);
    log(`crash during a 5,000-record push: it answered 503 in ${cut.ms.toFixed(0)} ms`);
    await duringOutage('database crashed');
    cluster.start();
    notes.push(`crash mid-push: 503s, back in ${await recover('a crash')} ms`);

    // What a site does next: it sends again everything it was not sure of.
    for (const batch of batches) {
      const a = await pushCalls(base, site.key, batch);
      check(a.status === 200, `retry: HTTP ${describe(a)}`);
    }
    // A driver fault thrown outside any request (e.g. a write to a socket that just closed) does
    // not kill Next's process, but it leaves a connection that never answers again.
    const uncaught = server.output().match(/.*uncaught.*/gi) ?? [];
    check(uncaught.length === 0, `the server logged an uncaught exception:\n      ${uncaught.join('\n      ')}`);
    await server.stop();
    server = null;
    const handle = await openDatabase({ driver: 'postgres', url, max: 2 });
    try {
      const problems = [...(await recordDifferences(handle.db, sent)), ...(await rollupDifferences(handle.db))];
      check(problems.length === 0, `after the retries:\n      ${summarise(problems)}`);
    } finally {
      await handle.close();
    }
    return `${notes.join('; ')}; no process lost; after the retries rollups = raw`;
  } catch (error) {
    if (server) console.log(`    server output (end):\n${server.output().slice(-3000)}`);
    console.log(`    database sessions at the failure:\n${await sessionsOf(cluster.url)}`);
    throw error;
  } finally {
    if (server) await server.kill('SIGKILL');
    cluster.destroy();
  }
}
