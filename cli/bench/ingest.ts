// `vigie bench ingest`: records per second through the REST endpoint (HTTP on loopback, JSON,
// validation, upsert, rollups, audit) against the fastest raw path, an unnest upsert of the same
// records into the same database with one connection per site, side by side in one run, on PGlite
// and on PostgreSQL.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DbHandle } from '@/db/client';
import { localDayOf } from '@/db/local-time';
import { sql } from 'drizzle-orm';
import { columnOf } from '@/db/queries/ingest/unnest-arrays';
import { sites } from '@/db/schema';
import { cliActor } from '@/server/auth/principal';
import { createSiteKey } from '@/server/keys/service';
import { scratchDatabase, type BenchDriver } from './databases';
import { fmt, table } from './stats';
import { syntheticCalls, type SyntheticCall } from './synthetic-calls';

export type IngestBenchOptions = { records: number; batch: number; concurrency: number; drivers: BenchDriver[]; serverUrl: string };

/** The REST API on a loopback port over this database: `origin` for the CLI's clients, `url` the calls route. */
export async function serveRest(handle: DbHandle): Promise<{ origin: string; url: string; close: () => Promise<void> }> {
  // The REST stack is imported only now, after the CLI lifted the per-key push limit for this run.
  const { handleRest } = await import('@/server/rest/handler');
  const { contextFromRequest } = await import('@/server/trpc/request-context');
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
    });
    const response = await handleRest(request, (r) => contextFromRequest(r, { handle, session: async () => null }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/api/v1/calls`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function restPath(handle: DbHandle, siteCodes: string[], records: SyntheticCall[], opts: IngestBenchOptions): Promise<number> {
  // One key per site: sites push in parallel, while one site's batches are applied in turn.
  const keys: string[] = [];
  for (const code of siteCodes) keys.push((await createSiteKey(handle.db, cliActor(), { siteCode: code, name: 'bench' })).secret);
  const server = await serveRest(handle);
  try {
    let inserted = 0;
    const started = performance.now();
    const batches = chunks(records, opts.batch).map((batch, i) => ({ batch, key: keys[i % keys.length]! }));
    await inParallel(batches, opts.concurrency, async ({ batch, key }) => {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ records: batch }),
      });
      if (!res.ok) throw new Error(`REST push failed: HTTP ${res.status} ${await res.text()}`);
      inserted += ((await res.json()) as { inserted: number }).inserted;
    });
    const seconds = (performance.now() - started) / 1000;
    if (inserted !== records.length) throw new Error(`REST path inserted ${inserted} of ${records.length}`);
    return seconds;
  } finally {
    await server.close();
  }
}

/** All bench sites are in Africa/Tunis: the raw path stores the same site-local day as ingest. */
const BENCH_TIMEZONE = 'Africa/Tunis';

/**
 * The fastest raw path: the same records upserted by one `insert ... select from unnest(...) on
 * conflict do update` per batch (one typed array per column), no validation, no rollups, no audit;
 * one connection per site, each site's batches in turn, the sites in parallel.
 */
async function rawPath(handle: DbHandle, siteIds: number[], records: SyntheticCall[], opts: IngestBenchOptions): Promise<number> {
  const started = performance.now();
  const bySite = new Map<number, SyntheticCall[][]>(siteIds.map((id) => [id, []]));
  chunks(records, opts.batch).forEach((batch, i) => bySite.get(siteIds[i % siteIds.length]!)!.push(batch));
  await Promise.all(
    [...bySite].map(async ([siteId, batches]) => {
      for (const batch of batches) await rawUpsert(handle, siteId, batch);
    }),
  );
  return (performance.now() - started) / 1000;
}

async function rawUpsert(handle: DbHandle, siteId: number, rows: SyntheticCall[]): Promise<void> {
  await handle.db.execute(sql`
    insert into call_records as c (
      site_id, external_id, direction, queue, agent_ref, started_at, wait_seconds, talk_seconds,
      hold_seconds, wrap_seconds, abandoned, resolved, csat, mission_code, outcome, local_day)
    select ${siteId}, r.external_id, r.direction::call_direction, r.queue, r.agent_ref, r.started_at, r.wait_seconds,
      r.talk_seconds, r.hold_seconds, r.wrap_seconds, r.abandoned, r.resolved, r.csat, r.mission_code, r.outcome, r.day::date
    from unnest(
      ${columnOf(rows, 'text', (r) => r.externalId)},
      ${columnOf(rows, 'text', (r) => r.direction)},
      ${columnOf(rows, 'text', (r) => r.queue)},
      ${columnOf(rows, 'text', (r) => r.agentRef)},
      ${columnOf(rows, 'timestamptz', (r) => r.startedAt)},
      ${columnOf(rows, 'float8', (r) => r.waitSeconds)},
      ${columnOf(rows, 'float8', (r) => r.talkSeconds)},
      ${columnOf(rows, 'float8', (r) => r.holdSeconds)},
      ${columnOf(rows, 'float8', (r) => r.wrapSeconds)},
      ${columnOf(rows, 'bool', (r) => r.abandoned)},
      ${columnOf(rows, 'bool', (r) => r.resolved)},
      ${columnOf(rows, 'int2', (r) => r.csat)},
      ${columnOf(rows, 'text', () => null)},
      ${columnOf(rows, 'text', () => null)},
      ${columnOf(rows, 'text', (r) => localDayOf(Date.parse(r.startedAt), BENCH_TIMEZONE))}
    ) as r(external_id, direction, queue, agent_ref, started_at, wait_seconds, talk_seconds, hold_seconds,
           wrap_seconds, abandoned, resolved, csat, mission_code, outcome, day)
    on conflict (site_id, external_id) do update set
      direction = excluded.direction, queue = excluded.queue, agent_ref = excluded.agent_ref,
      started_at = excluded.started_at, wait_seconds = excluded.wait_seconds, talk_seconds = excluded.talk_seconds,
      hold_seconds = excluded.hold_seconds, wrap_seconds = excluded.wrap_seconds, abandoned = excluded.abandoned,
      resolved = excluded.resolved, csat = excluded.csat, mission_code = excluded.mission_code,
      outcome = excluded.outcome, local_day = excluded.local_day, updated_at = now()`);
}

export async function benchIngest(opts: IngestBenchOptions): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const driver of opts.drivers) {
    const handle = await scratchDatabase(driver, opts.serverUrl, 'ingest');
    try {
      const siteCount = Math.max(1, opts.concurrency);
      const letters = (prefix: string, i: number) => `${prefix}${String.fromCharCode(65 + i)}`;
      const restCodes = Array.from({ length: siteCount }, (_, i) => letters('RS', i));
      const rawSites = await handle.db
        .insert(sites)
        .values([
          ...restCodes.map((code) => ({ code, name: `REST ${code}`, country: 'TN', timezone: BENCH_TIMEZONE })),
          ...Array.from({ length: siteCount }, (_, i) => ({ code: letters('RW', i), name: 'Raw insert', country: 'TN', timezone: BENCH_TIMEZONE })),
        ])
        .returning({ id: sites.id, code: sites.code });
      const rawIds = rawSites.filter((s) => s.code.startsWith('RW')).map((s) => s.id);
      const records = syntheticCalls(opts.records, { prefix: 'c' });
      // Warm both paths (connections, array types, plans) on a few records of their own.
      await rawPath(handle, rawIds, syntheticCalls(200, { prefix: 'warm', seed: 7 }), { ...opts, concurrency: 1 });
      const restSeconds = await restPath(handle, restCodes, records, opts);
      const rawSeconds = await rawPath(handle, rawIds, records, opts);
      const restRate = opts.records / restSeconds;
      const rawRate = opts.records / rawSeconds;
      rows.push([driver, 'REST /api/v1/calls', opts.records, fmt(restSeconds, 2), fmt(restRate, 0), fmt(restRate / rawRate, 2)]);
      rows.push([driver, 'raw unnest upsert', opts.records, fmt(rawSeconds, 2), fmt(rawRate, 0), '1.00']);
    } finally {
      await handle.close();
    }
  }
  return [
    `Ingest: ${opts.records} call records per path, batches of ${opts.batch}, ${opts.concurrency} concurrent clients over ${Math.max(1, opts.concurrency)} sites.`,
    'REST = HTTP on loopback + JSON + per-record validation + upsert + site_day/interval/queue/mission/agent rollups + audit, one transaction per batch.',
    'raw  = unnest upsert (insert ... select from unnest ... on conflict do update) of the same records, one connection per site, no validation, no rollups.',
    '',
    table(['driver', 'path', 'records', 'seconds', 'records/s', 'ratio to raw'], rows),
  ].join('\n');
}
