// `vigie bench load`: many sites pushing and many HQ dashboards reading at once, for a bounded
// time, against the production server on PostgreSQL (started here on a free port and a fresh
// database, or a running one named by --url). Each pusher is one site with its own key pushing
// batches of new call records back to back; each reader asks for the dashboard's 30-day site
// comparison (tRPC kpi.comparison) back to back. Prints throughput, latency percentiles per kind
// and the errors by status; any error makes the command fail.
import os from 'node:os';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf, type DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { withDatabase as withDatabaseName } from '@/db/testing-url';
import { provision, signInCookie, type Provisioned } from './provision';
import { processTree, startVigie, type ServedVigie } from './server-process';
import { fmt, percentile, table } from './stats';
import { syntheticCalls } from './synthetic-calls';

export type LoadBenchOptions = {
  pushers: number;
  batch: number;
  readers: number;
  seconds: number;
  /** How many calls a site takes a day: how far in time each push moves. */
  callsPerDay: number;
  /** The PostgreSQL server to create the scratch database on, or with `url`, the served database. */
  serverUrl: string;
  /** A running Vigie to load instead of starting one; `serverUrl` must then be its database. */
  url?: string;
};

const RANGE = { from: '2026-10-01', to: '2026-10-30' };

export type Kind = 'push' | 'read';
export type Sample = { kind: Kind; ms: number; status: number | 'network'; records: number };

const TIMELINE_START = Date.parse('2026-10-01T00:00:00Z');

/**
 * The bodies a site pushes, one after the other: new calls each time, moving forward in time at
 * `callsPerDay`, as a telephony export sends what happened since its last push. A site-day then
 * holds the calls of one busy site, and each push touches one or two days, as in production
 * (the rollups of a touched day are recomputed from all of its calls).
 */
function batchMaker(code: string, size: number, callsPerDay: number): (n: number) => string {
  const daysPerBatch = size / callsPerDay;
  return (n) =>
    JSON.stringify({
      records: syntheticCalls(size, {
        prefix: `${code}-${n}`,
        seed: n + 1,
        days: daysPerBatch,
        end: new Date(TIMELINE_START + (n + 1) * daysPerBatch * 86_400_000),
      }),
    });
}

export function cpuSecondsOf(pids: number[]): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // gone
    }
  }
  return total;
}

/** A fresh database on the PostgreSQL server, named after the benchmark and this process. */
export async function scratch(serverUrl: string, bench = 'load'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `vigie_bench_${bench}_${process.pid}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  return {
    url: withDatabaseName(serverUrl, name),
    drop: async () => {
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}

export async function timed(kind: Kind, records: number, send: () => Promise<Response>): Promise<Sample> {
  const started = performance.now();
  try {
    const res = await send();
    await res.arrayBuffer();
    return { kind, ms: performance.now() - started, status: res.status, records: res.ok ? records : 0 };
  } catch {
    return { kind, ms: performance.now() - started, status: 'network', records: 0 };
  }
}

export async function benchLoad(opts: LoadBenchOptions): Promise<{ report: string; errors: number }> {
  const log = (s: string) => console.error(s);
  const db = opts.url ? { url: opts.serverUrl, drop: async () => {} } : await scratch(opts.serverUrl);
  let server: ServedVigie | null = null;
  let handle: DbHandle | null = null;
  try {
    handle = await openDatabase({ driver: 'postgres', url: db.url, max: 2 });
    await migrateDatabase(handle);
    const prefix = `L${String.fromCharCode(65 + (process.pid % 26))}`;
    const net: Provisioned = await provision(handle, { prefix, sites: opts.pushers });
    let base = opts.url?.replace(/\/+$/, '');
    if (!base) {
      log(`starting the production server on a fresh database (${db.url.replace(/\/\/[^@]*@/, '//')})…`);
      server = await startVigie({ env: { DATABASE_URL: db.url } });
      base = server.url;
    }
    const pushUrl = `${base}/api/v1/calls`;
    const readUrl = `${base}/api/trpc/kpi.comparison?input=${encodeURIComponent(JSON.stringify({ json: RANGE }))}`;
    const makers = net.sites.map((s) => batchMaker(s.code, opts.batch, opts.callsPerDay));
    const sequence = net.sites.map(() => 0);
    const push = (i: number) =>
      timed('push', opts.batch, () =>
        fetch(pushUrl, {
          method: 'POST',
          headers: { authorization: `Bearer ${net.sites[i]!.key}`, 'content-type': 'application/json' },
          body: makers[i]!(sequence[i]!++),
        }),
      );
    // The dashboard's query as the browser sends it: with the session cookie (/api/trpc takes no token).
    const cookie = await signInCookie(base, net.reader);
    const read = () => timed('read', 0, () => fetch(readUrl, { headers: { cookie } }));

    // Warm-up, not counted: every route compiled and every connection open.
    const warm = await Promise.all([...net.sites.map((_, i) => push(i)), ...Array.from({ length: opts.readers }, read)]);
    const warmErrors = warm.filter((s) => s.status !== 200);
    if (warmErrors.length) throw new Error(`warm-up failed: ${warmErrors.map((s) => s.status).join(', ')}`);

    log(`loading: ${opts.pushers} pushers × ${opts.batch} records, ${opts.readers} readers, ${opts.seconds} s…`);
    const samples: Sample[] = [];
    const serverPids = () => (server ? processTree(server.pid).map((p) => p.pid) : []);
    const cpuBefore = { server: cpuSecondsOf(serverPids()), client: process.cpuUsage() };
    const loadBefore = os.loadavg();
    const loadSeen: number[] = [];
    const sampler = setInterval(() => loadSeen.push(os.loadavg()[0]!), 5000);
    const started = performance.now();
    const end = started + opts.seconds * 1000;
    await Promise.all([
      ...net.sites.map(async (_, i) => {
        while (performance.now() < end) samples.push(await push(i));
      }),
      ...Array.from({ length: opts.readers }, async () => {
        while (performance.now() < end) samples.push(await read());
      }),
    ]);
    const elapsed = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const loadAfter = os.loadavg();
    const clientCpu = process.cpuUsage(cpuBefore.client);
    const serverCpu = cpuSecondsOf(serverPids()) - cpuBefore.server;

    const rows: (string | number)[][] = [];
    const errors = new Map<string, number>();
    for (const kind of ['push', 'read'] as const) {
      const mine = samples.filter((s) => s.kind === kind);
      const ok = mine.filter((s) => s.status === 200);
      const times = ok.map((s) => s.ms).sort((a, b) => a - b);
      for (const s of mine) if (s.status !== 200) errors.set(`${kind} ${s.status}`, (errors.get(`${kind} ${s.status}`) ?? 0) + 1);
      rows.push([
        kind === 'push' ? `push (${opts.batch} records)` : 'comparison read (30 days)',
        mine.length,
        fmt(ok.length / elapsed, 1),
        kind === 'push' ? fmt(ok.reduce((n, s) => n + s.records, 0) / elapsed, 0) : '',
        fmt(percentile(times, 50), 0),
        fmt(percentile(times, 95), 0),
        fmt(percentile(times, 99), 0),
        fmt(times[times.length - 1] ?? Number.NaN, 0),
        mine.length - ok.length,
      ]);
    }

    // The pushed records all reached the rollups (a cheap whole-table check, not the per-day one).
    const [counts] = rowsOf<{ raw: number; rolled: number }>(
      await handle.db.execute(sql`
        select (select count(*) from call_records c join sites s on s.id = c.site_id where s.code like ${`${prefix}%`})::int as raw,
               (select coalesce(sum(calls), 0) from site_day d join sites s on s.id = d.site_id where s.code like ${`${prefix}%`})::int as rolled`),
    );
    const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
    const peakLoad = Math.max(loadBefore[0]!, loadAfter[0]!, ...loadSeen);
    const rollupsBehind = !counts || counts.raw !== counts.rolled;
    return {
      errors: errorCount + (rollupsBehind ? 1 : 0),
      report: [
        `Load on PostgreSQL${opts.url ? ` (${base})` : ' (production server started here)'}: ${opts.pushers} site pushers × ${opts.batch}-record batches, ` +
          `${opts.readers} dashboard readers, ${fmt(elapsed, 1)} s on ${os.cpus().length} cores.`,
        `Each site's pushes move forward in time at ${opts.callsPerDay} calls a day from ${RANGE.from}, as a site sends what happened since its last push.`,
        'push = POST /api/v1/calls with the site key (new records each time); read = tRPC kpi.comparison over 30 days with a signed-in session.',
        'Latencies in ms over the answered requests.',
        '',
        table(['kind', 'requests', 'ok/s', 'records/s', 'p50', 'p95', 'p99', 'max', 'errors'], rows),
        '',
        `errors by status: ${errorCount ? [...errors].map(([k, n]) => `${k} × ${n}`).join(', ') : 'none'}`,
        `records stored ${counts?.raw ?? '?'}, counted in site_day ${counts?.rolled ?? '?'}${rollupsBehind ? ' (DIFFERENT: counted as an error)' : ' (equal)'}`,
        `load average: ${fmt(loadBefore[0]!, 2)} before, ${fmt(peakLoad, 2)} peak, ${fmt(loadAfter[0]!, 2)} after (1-minute)`,
        `CPU: ${server ? `server ${fmt((serverCpu / elapsed) * 100, 0)} %` : 'server not measured'}, this client ${fmt(((clientCpu.user + clientCpu.system) / 1e6 / elapsed) * 100, 0)} % (of one core; PostgreSQL apart)`,
      ].join('\n'),
    };
  } finally {
    if (server) await server.stop();
    await handle?.close();
    await db.drop();
  }
}
