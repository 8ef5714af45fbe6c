// `vigie bench live`: how soon a push reaches the wallboards. Starts the production server on a
// fresh PostgreSQL database, opens N wallboard streams (GET /api/live/stream, server-sent events,
// read with fetch as a browser's EventSource would), some on the network and the others on one
// site each, and has P sites push through the REST API with their keys, each in turn a queue
// status and a batch of calls, once a second. Each push carries a figure no earlier snapshot
// showed (its queue's `waiting` is the push's number; calls raise the site's offered calls today),
// so a screen knows which snapshot reflects it. Measured: from a push's answer (committed) to the
// first snapshot reflecting it on every screen watching that site; the server's memory per open
// screen; and, in the same run, the dashboard's comparison read as `bench load` measures it.
import os from 'node:os';
import fs from 'node:fs';
import { openDatabase, type DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { LIVE_STREAM_PATH, type WallboardSnapshot } from '@/lib/live/wallboard';
import { cpuSecondsOf, scratch, timed, type Sample } from './load';
import { provision, signInCookie, type Provisioned, type ProvisionedSite } from './provision';
import { processTree, startVigie, type ServedVigie } from './server-process';
import { fmt, percentile, table } from './stats';

export type LiveBenchOptions = {
  screens: number;
  pushers: number;
  seconds: number;
  /** Dashboard comparison readers, back to back. */
  readers: number;
  /** Call records in each call push. */
  batch: number;
  /** Each pusher pushes once per this many milliseconds. */
  intervalMs: number;
  /** The PostgreSQL server to create the scratch database on. */
  serverUrl: string;
};

/** The queue each pusher reports: its `waiting` is the number of the push. */
const BENCH_QUEUE = 'bench';
/** After the last push, screens get this long to show it before they are closed. */
const SETTLE_MS = 5_000;

type PushKind = 'queue status' | 'calls';
type Push = { site: string; kind: PushKind; value: number; committedAt: number; ms: number; status: number | 'network' };

/** What a screen needs of a snapshot: per site, the bench queue's waiting and the offered calls today. */
type Figures = Map<string, { waiting: number; offered: number }>;

/** A value a screen saw rise, and when (performance.now()). */
type Seen = { value: number; at: number };

type Screen = {
  /** Site codes this screen watches; null: the network. */
  sites: string[] | null;
  waiting: Map<string, Seen[]>;
  offered: Map<string, Seen[]>;
  snapshots: number;
  failed: string | null;
};

function figuresOf(snapshot: WallboardSnapshot): Figures {
  const figures: Figures = new Map();
  for (const site of snapshot.sites) {
    const queue = site.queueNow.queues.find((q) => q.queue === BENCH_QUEUE);
    figures.set(site.code, { waiting: queue?.waiting ?? 0, offered: site.today.offered });
  }
  return figures;
}

/**
 * Screens of one scope receive the same snapshot (one event id): it is parsed once for all of
 * them, so the client's JSON parsing does not grow with the screens and take the server's CPU.
 */
class SnapshotCache {
  private readonly parsed = new Map<string, Figures>();
  figures(key: string, data: string): Figures {
    let figures = this.parsed.get(key);
    if (!figures) {
      figures = figuresOf(JSON.parse(data) as WallboardSnapshot);
      if (this.parsed.size > 2_000) this.parsed.delete(this.parsed.keys().next().value!);
      this.parsed.set(key, figures);
    }
    return figures;
  }
}

function record(log: Map<string, Seen[]>, site: string, value: number, at: number) {
  let seen = log.get(site);
  if (!seen) log.set(site, (seen = []));
  const last = seen[seen.length - 1];
  if (!last || value > last.value) seen.push({ value, at });
}

/**
 * Reads a server-sent event stream until `signal` aborts: each `snapshot` event updates the
 * screen's figures. Resolves once the first snapshot arrived; `done` settles when the stream ends.
 */
async function openScreen(
  url: string,
  cookie: string,
  screen: Screen,
  cache: SnapshotCache,
  signal: AbortSignal,
): Promise<{ done: Promise<void> }> {
  const res = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal });
  if (res.status !== 200 || !res.body) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const scopeKey = screen.sites?.join(',') ?? 'network';
  let first: () => void = () => {};
  const firstSnapshot = new Promise<void>((resolve) => (first = resolve));
  const done = (async () => {
    let buffer = '';
    for (;;) {
      const { done: ended, value } = await reader.read();
      if (ended) return;
      const at = performance.now();
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        let id = '';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('id:')) id = line.slice(3).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (event !== 'snapshot' || data.length === 0) continue;
        for (const [site, f] of cache.figures(`${scopeKey}|${id}`, data.join('\n'))) {
          record(screen.waiting, site, f.waiting, at);
          record(screen.offered, site, f.offered, at);
        }
        screen.snapshots++;
        first();
      }
    }
  })().catch((error: unknown) => {
    if (!signal.aborted) screen.failed = error instanceof Error ? error.message : String(error);
  });
  await Promise.race([firstSnapshot, done]);
  if (screen.snapshots === 0) throw new Error(`GET ${url}: the stream ended before its first snapshot${screen.failed ? ` (${screen.failed})` : ''}`);
  return { done };
}

/** Resident memory of a process tree, in bytes (VmRSS of /proc/<pid>/status, Linux). */
function rssOf(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Calls that started in the last half minute: today in any site's time zone but for a second at midnight. */
function callBatch(site: string, from: number, size: number): string {
  const now = Date.now();
  return JSON.stringify({
    records: Array.from({ length: size }, (_, k) => ({
      externalId: `${site}-live-${from + k}`,
      startedAt: new Date(now - 1_000 - ((from + k) % 30) * 1_000).toISOString(),
      direction: 'inbound',
      queue: BENCH_QUEUE,
      agentRef: `A${(from + k) % 40}`,
      waitSeconds: (from + k) % 25,
      talkSeconds: 90 + ((from + k) % 200),
      holdSeconds: 0,
      wrapSeconds: 15,
      abandoned: false,
    })),
  });
}

function queueStatus(waiting: number, at: number): string {
  return JSON.stringify({
    at: new Date(at).toISOString(),
    queues: [{ queue: BENCH_QUEUE, waiting, longestWaitSeconds: 30, agentsAvailable: 3, agentsBusy: 12, agentsWrapUp: 2, agentsAway: 1 }],
  });
}

/** A pushing site and what it pushed so far: each push's figure is above every earlier one. */
type PushingSite = ProvisionedSite & { pushes: number; statuses: number; offered: number; lastAt: number };

/**
 * One site pushing until `end`: a queue status, then calls, then a queue status… one push per
 * interval, each answered before the next. Every push's figure is higher than the one before.
 */
async function pushSite(base: string, site: PushingSite, opts: LiveBenchOptions, end: number, pushes: Push[]): Promise<void> {
  while (performance.now() < end) {
    const started = performance.now();
    const kind: PushKind = site.pushes++ % 2 === 0 ? 'queue status' : 'calls';
    let value: number;
    let route: string;
    let body: string;
    if (kind === 'queue status') {
      value = ++site.statuses;
      // Strictly newer than the last status: an older one never replaces a newer one.
      site.lastAt = Math.max(Date.now(), site.lastAt + 1);
      route = '/api/v1/queue-status';
      body = queueStatus(value, site.lastAt);
    } else {
      value = site.offered + opts.batch;
      route = '/api/v1/calls';
      body = callBatch(site.code, site.offered, opts.batch);
    }
    let status: number | 'network' = 'network';
    try {
      const res = await fetch(`${base}${route}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${site.key}`, 'content-type': 'application/json' },
        body,
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      // counted as a network error
    }
    const committedAt = performance.now();
    if (status === 200 && kind === 'calls') site.offered = value;
    pushes.push({ site: site.code, kind, value, committedAt, ms: committedAt - started, status });
    await sleep(Math.max(0, started + opts.intervalMs - performance.now()));
  }
}

/** The latency of each (push, screen watching its site) pair, and how many pairs never showed it. */
function pushToScreen(pushes: Push[], screens: Screen[], kind: PushKind, network: boolean | null) {
  const latencies: number[] = [];
  let missed = 0;
  for (const push of pushes) {
    if (push.kind !== kind || push.status !== 200) continue;
    for (const screen of screens) {
      if (screen.sites !== null && !screen.sites.includes(push.site)) continue;
      if (network !== null && (screen.sites === null) !== network) continue;
      const seen = (kind === 'queue status' ? screen.waiting : screen.offered).get(push.site) ?? [];
      const first = seen.find((s) => s.value >= push.value);
      // A snapshot may even beat the push's answer to this client: that is no wait at all.
      if (first) latencies.push(Math.max(0, first.at - push.committedAt));
      else missed++;
    }
  }
  return { latencies: latencies.sort((a, b) => a - b), missed };
}

function latencyRow(label: string, r: { latencies: number[]; missed: number }): (string | number)[] {
  const t = r.latencies;
  return [label, t.length, fmt(percentile(t, 50), 0), fmt(percentile(t, 95), 0), fmt(percentile(t, 99), 0), fmt(t[t.length - 1] ?? Number.NaN, 0), r.missed];
}

/** The times of the answered requests, sorted. */
function answeredTimes(samples: { ms: number; status: number | 'network' }[]): number[] {
  return samples
    .filter((s) => s.status === 200)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
}

function timesRow(label: string, samples: { ms: number; status: number | 'network' }[]): (string | number)[] {
  const t = answeredTimes(samples);
  return [label, t.length, fmt(percentile(t, 50), 0), fmt(percentile(t, 95), 0), fmt(percentile(t, 99), 0), fmt(t[t.length - 1] ?? Number.NaN, 0), samples.length - t.length];
}

/** The last 30 days, ending today (UTC): the range the readers' comparison covers. */
function lastThirtyDays(): { from: string; to: string } {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(Date.now() - 29 * 86_400_000), to: day(Date.now()) };
}

export async function benchLive(opts: LiveBenchOptions): Promise<{ report: string; errors: number }> {
  const log = (s: string) => console.error(s);
  const db = await scratch(opts.serverUrl, 'live');
  let server: ServedVigie | null = null;
  let handle: DbHandle | null = null;
  const closing = new AbortController();
  const streams: Promise<void>[] = [];
  try {
    handle = await openDatabase({ driver: 'postgres', url: db.url, max: 2 });
    await migrateDatabase(handle);
    const prefix = `V${String.fromCharCode(65 + (process.pid % 26))}`;
    const net: Provisioned = await provision(handle, { prefix, sites: opts.pushers });
    log(`starting the production server on a fresh database (${db.url.replace(/\/\/[^@]*@/, '//')})…`);
    server = await startVigie({ env: { DATABASE_URL: db.url, VIGIE_SEED_DEMO: '0', VIGIE_DEMO_LIVE: '0' } });
    const base = server.url;
    const serverPids = () => (server ? processTree(server.pid).map((p) => p.pid) : []);
    const cookie = await signInCookie(base, net.reader);
    const readUrl = `${base}/api/trpc/kpi.comparison?input=${encodeURIComponent(JSON.stringify({ json: lastThirtyDays() }))}`;
    const read = () => timed('read', 0, () => fetch(readUrl, { headers: { cookie } }));
    const cache = new SnapshotCache();
    const pushing: PushingSite[] = net.sites.map((site) => ({ ...site, pushes: 0, statuses: 0, offered: 0, lastAt: 0 }));

    // Warm-up, not counted: every route compiled, a connection open, one screen of each kind.
    const warmPushes: Push[] = [];
    await Promise.all(pushing.map((site) => pushSite(base, site, { ...opts, intervalMs: 0 }, performance.now() + 1, warmPushes)));
    const warmReads = await Promise.all(Array.from({ length: Math.max(1, opts.readers) }, read));
    const warmErrors = [...warmPushes, ...warmReads].filter((s) => s.status !== 200);
    if (warmErrors.length) throw new Error(`warm-up failed: ${warmErrors.map((s) => s.status).join(', ')}`);
    for (const sites of [null, [net.sites[0]!.code]]) {
      const screen: Screen = { sites, waiting: new Map(), offered: new Map(), snapshots: 0, failed: null };
      const warm = new AbortController();
      const { done } = await openScreen(streamUrl(base, sites), cookie, screen, cache, warm.signal);
      warm.abort();
      await done;
    }
    await sleep(1_000);

    // Screens: a quarter on the network, the others on one site each, spread over the sites.
    const rssBefore = rssOf(serverPids());
    log(`opening ${opts.screens} wallboard streams…`);
    let siteScreens = 0;
    const screens: Screen[] = Array.from({ length: opts.screens }, (_, i) => ({
      sites: i % 4 === 0 ? null : [net.sites[siteScreens++ % net.sites.length]!.code],
      waiting: new Map(),
      offered: new Map(),
      snapshots: 0,
      failed: null,
    }));
    const openStarted = performance.now();
    for (let i = 0; i < screens.length; i += 20) {
      const opened = await Promise.all(
        screens.slice(i, i + 20).map((screen) => openScreen(streamUrl(base, screen.sites), cookie, screen, cache, closing.signal)),
      );
      streams.push(...opened.map((o) => o.done));
    }
    const openSeconds = (performance.now() - openStarted) / 1000;
    await sleep(2_000);
    const rssOpen = rssOf(serverPids());

    log(`pushing: ${opts.pushers} sites, one push every ${opts.intervalMs} ms each, ${opts.readers} comparison readers, ${opts.seconds} s…`);
    const pushes: Push[] = [];
    const reads: Sample[] = [];
    const cpuBefore = { server: cpuSecondsOf(serverPids()), client: process.cpuUsage() };
    const loadBefore = os.loadavg();
    const loadSeen: number[] = [];
    const sampler = setInterval(() => loadSeen.push(os.loadavg()[0]!), 5000);
    const started = performance.now();
    const end = started + opts.seconds * 1000;
    await Promise.all([
      ...pushing.map((site) => pushSite(base, site, opts, end, pushes)),
      ...Array.from({ length: opts.readers }, async () => {
        while (performance.now() < end) reads.push(await read());
      }),
    ]);
    const elapsed = (performance.now() - started) / 1000;
    await sleep(SETTLE_MS);
    clearInterval(sampler);
    const loadAfter = os.loadavg();
    const clientCpu = process.cpuUsage(cpuBefore.client);
    const serverCpu = cpuSecondsOf(serverPids()) - cpuBefore.server;
    const rssEnd = rssOf(serverPids());
    closing.abort();
    await Promise.all(streams);

    const failedScreens = screens.filter((s) => s.failed !== null);
    const pushErrors = pushes.filter((p) => p.status !== 200);
    const readErrors = reads.filter((r) => r.status !== 200);
    const all = { latencies: [] as number[], missed: 0 };
    const rows: (string | number)[][] = [];
    for (const kind of ['queue status', 'calls'] as const) {
      for (const network of [true, false]) {
        const r = pushToScreen(pushes, screens, kind, network);
        rows.push(latencyRow(`${kind} → ${network ? 'network' : 'one-site'} screens`, r));
        all.latencies.push(...r.latencies);
        all.missed += r.missed;
      }
    }
    all.latencies.sort((a, b) => a - b);
    rows.push(latencyRow('every push → every screen watching its site', all));
    const networkScreens = screens.filter((s) => s.sites === null).length;
    const mb = (bytes: number) => fmt(bytes / 1024 / 1024, 1);
    const peakLoad = Math.max(loadBefore[0]!, loadAfter[0]!, ...loadSeen);
    const errors = pushErrors.length + readErrors.length + failedScreens.length;
    const errorsByStatus = new Map<string, number>();
    for (const p of pushErrors) errorsByStatus.set(`${p.kind} ${p.status}`, (errorsByStatus.get(`${p.kind} ${p.status}`) ?? 0) + 1);
    for (const r of readErrors) errorsByStatus.set(`read ${r.status}`, (errorsByStatus.get(`read ${r.status}`) ?? 0) + 1);
    if (failedScreens.length) errorsByStatus.set('screen stream', failedScreens.length);
    return {
      errors,
      report: [
        `Live on PostgreSQL (production server started here): ${opts.screens} wallboard streams (${networkScreens} on the network, ` +
          `${opts.screens - networkScreens} on one site each), ${opts.pushers} site pushers (one push every ${opts.intervalMs} ms each, ` +
          `in turn a queue status and ${opts.batch} call records), ${opts.readers} comparison readers, ${fmt(elapsed, 1)} s on ${os.cpus().length} cores.`,
        'push → screen: from a push answered (committed) to the first snapshot reflecting it on a screen watching its site, in ms; ' +
          'missed = never shown within 5 s of the end.',
        '',
        table(['push → screen', 'pairs', 'p50', 'p95', 'p99', 'max', 'missed'], rows),
        '',
        table(
          ['request', 'answered', 'p50', 'p95', 'p99', 'max', 'errors'],
          [
            timesRow('queue status push', pushes.filter((p) => p.kind === 'queue status')),
            timesRow(`calls push (${opts.batch} records)`, pushes.filter((p) => p.kind === 'calls')),
            timesRow('comparison read (30 days)', reads),
          ],
        ),
        '',
        `goal: push → screen p95 ≤ 2000 ms with 200 screens and 20 pushers (here ${fmt(percentile(all.latencies, 95), 0)} ms); ` +
          `comparison p99 < 500 ms (here ${fmt(percentile(answeredTimes(reads), 99), 0)} ms)`,
        `server memory (RSS of its processes): ${mb(rssBefore)} MB before the screens, ${mb(rssOpen)} MB with ${opts.screens} open ` +
          `(${fmt((rssOpen - rssBefore) / 1024 / Math.max(1, opts.screens), 0)} kB per screen; opened in ${fmt(openSeconds, 1)} s), ${mb(rssEnd)} MB at the end`,
        `snapshots received per screen: ${fmt(screens.reduce((n, s) => n + s.snapshots, 0) / Math.max(1, screens.length), 1)}`,
        `errors: ${errors ? [...errorsByStatus].map(([k, n]) => `${k} × ${n}`).join(', ') : 'none'}`,
        `load average: ${fmt(loadBefore[0]!, 2)} before, ${fmt(peakLoad, 2)} peak, ${fmt(loadAfter[0]!, 2)} after (1-minute)`,
        `CPU: server ${fmt((serverCpu / elapsed) * 100, 0)} %, this client ${fmt(((clientCpu.user + clientCpu.system) / 1e6 / elapsed) * 100, 0)} % (of one core; PostgreSQL apart)`,
      ].join('\n'),
    };
  } finally {
    closing.abort();
    await Promise.allSettled(streams);
    if (server) await server.stop();
    await handle?.close();
    await db.drop();
  }
}

function streamUrl(base: string, sites: string[] | null): string {
  const query = sites ? `?${sites.map((s) => `site=${encodeURIComponent(s)}`).join('&')}` : '';
  return `${base}${LIVE_STREAM_PATH}${query}`;
}
