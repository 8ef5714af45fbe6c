// What the fault drills share: throw-away databases (a fresh database on a PostgreSQL server, a
// private PostgreSQL cluster to stop and start, a temporary PGlite directory), HTTP calls to the
// running server, and the consistency check: rollups equal to those recomputed from raw records.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { agentDay, callRecords, siteDay, siteMissionDay, siteQueueDay, sites } from '@/db/schema';
import { withDatabase } from '@/db/testing-url';
import { CALL_SUM_KEYS, expectedAgentCallRollups, expectedCallRollups, type CallSums, type RawCall } from '@/server/ingest/rollup-reference';
import { freePort } from '@/cli/bench/server-process';
import { syntheticCalls } from '@/cli/bench/synthetic-calls';

export const SHARED_PG = process.env.DRILLS_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export class DrillFailure extends Error {
  override name = 'DrillFailure';
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new DrillFailure(message);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function log(message: string) {
  console.log(`    ${message}`);
}

// ── Databases ────────────────────────────────────────────────────────────────────────────────

/** A fresh database on a PostgreSQL server, dropped by `drop()`. */
export async function freshDatabase(serverUrl: string, label: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `vigie_drill_${label}_${process.pid}_${Date.now().toString(36)}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    name,
    async drop() {
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `vigie-drill-${label}-`));
}

/**
 * A PostgreSQL cluster of our own, on a free port in a temporary folder, to stop and start under a
 * running server without touching anybody else's. PostgreSQL refuses to run as root: as root, its
 * programs run as the `postgres` user, in a folder that user owns.
 */
export class PrivateCluster {
  readonly dir: string;
  readonly data: string;
  port = 0;
  private readonly bin: string;

  constructor(label: string) {
    this.bin = process.env.DRILLS_PG_BIN || '/usr/lib/postgresql/15/bin';
    this.dir = tempDir(`pg-${label}`);
    this.data = path.join(this.dir, 'data');
  }

  private run(program: string, args: string[], allowFailure = false): string {
    const asRoot = process.getuid?.() === 0;
    const command = asRoot ? 'runuser' : path.join(this.bin, program);
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(this.bin, program), ...args] : args;
    const result = spawnSync(command, argv, { encoding: 'utf8', cwd: this.dir, timeout: 60_000 });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    if (result.status !== 0 && !allowFailure) {
      throw new Error(`${program} ${args.join(' ')} failed (${result.status ?? result.signal}): ${output.slice(-2000)}`);
    }
    return output;
  }

  async init(): Promise<void> {
    if (!fs.existsSync(path.join(this.bin, 'initdb'))) throw new Error(`No PostgreSQL programs in ${this.bin} (set DRILLS_PG_BIN)`);
    if (process.getuid?.() === 0) {
      const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
      const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
      fs.chownSync(this.dir, Number(ids.stdout.trim()), Number(gid.stdout.trim()));
    }
    this.port = await freePort();
    // Trust on loopback only, no fsync: a throw-away cluster that lives for one drill.
    this.run('initdb', ['-D', this.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    this.start();
  }

  start(): void {
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      path.join(this.dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c max_connections=60`,
      'start',
    ]);
  }

  /** fast: clients are disconnected, a clean shutdown; immediate: as if the server crashed. */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.run('pg_ctl', ['-D', this.data, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  log(): string {
    try {
      return fs.readFileSync(path.join(this.dir, 'server.log'), 'utf8');
    } catch {
      return '';
    }
  }

  destroy(): void {
    if (fs.existsSync(path.join(this.data, 'postmaster.pid'))) this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop'], true);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

// ── Records and HTTP ─────────────────────────────────────────────────────────────────────────

export type PushRecord = ReturnType<typeof syntheticCalls>[number] & { missionCode?: string; outcome?: string | null };

/** Synthetic calls, some of them on a mission (with and without an outcome) so every rollup is fed. */
export function drillCalls(count: number, prefix: string, seed: number): PushRecord[] {
  return syntheticCalls(count, { prefix, seed, days: 10 }).map((r, i) =>
    i % 5 === 0 ? { ...r, missionCode: 'WINBACK', outcome: i % 3 === 0 ? null : i % 2 ? 'sale' : 'refused' } : r,
  );
}

export type Answer = { status: number; body: unknown; ms: number; error?: string };

/** One HTTP call with a deadline; a network failure is status 0 with the reason. */
export async function call(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 30_000) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text, which the drill may complain about
    }
    return { status: res.status, body, ms: performance.now() - started };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    return { status: 0, body: null, ms: performance.now() - started, error: `${e.name}: ${e.cause?.code ?? e.message}` };
  }
}

export function pushCalls(base: string, key: string, records: readonly unknown[], timeoutMs = 60_000): Promise<Answer> {
  return call(`${base}/api/v1/calls`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ records }),
    timeoutMs,
  });
}

export function readKpis(base: string, token: string, from: string, to: string, timeoutMs = 30_000): Promise<Answer> {
  return call(`${base}/api/v1/kpis?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}` }, timeoutMs });
}

/** The dashboard's own query (tRPC kpi.comparison), as the app's browser sends it: with the session cookie. */
export function readComparison(base: string, cookie: string, from: string, to: string, timeoutMs = 30_000): Promise<Answer> {
  const input = encodeURIComponent(JSON.stringify({ json: { from, to } }));
  return call(`${base}/api/trpc/kpi.comparison?input=${input}`, { headers: { cookie }, timeoutMs });
}

export type PushAnswer = { received: number; inserted: number; updated: number; rejected: unknown[] };

// ── Consistency ──────────────────────────────────────────────────────────────────────────────

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

function diffSums(where: string, stored: Record<string, unknown> | undefined, expected: CallSums | undefined, problems: string[]) {
  for (const key of CALL_SUM_KEYS) {
    const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const got = Number(stored?.[camel] ?? 0);
    const want = expected?.[key] ?? 0;
    if (!near(got, want)) problems.push(`${where}: ${key} is ${got}, raw records give ${want}`);
  }
}

/**
 * Every site's site_day, site_queue_day, site_mission_day and agent_day rows against the same sums computed
 * in JavaScript from its raw call records (server/ingest/rollup-reference.ts). Returns the
 * differences, empty when the rollups are exact.
 */
export async function rollupDifferences(db: Db): Promise<string[]> {
  const problems: string[] = [];
  for (const site of await db.select().from(sites).orderBy(asc(sites.id))) {
    const raw = await db.select().from(callRecords).where(eq(callRecords.siteId, site.id));
    const calls: RawCall[] = raw;
    const expected = expectedCallRollups(calls, site.timezone, site.slaSeconds);

    const days = await db.select().from(siteDay).where(eq(siteDay.siteId, site.id));
    const dayKeys = new Set([...expected.days.keys(), ...days.filter((d) => d.calls > 0).map((d) => d.day)]);
    for (const day of dayKeys) {
      diffSums(`${site.code} site_day ${day}`, days.find((d) => d.day === day), expected.days.get(day), problems);
    }
    const queues = await db.select().from(siteQueueDay).where(eq(siteQueueDay.siteId, site.id));
    const queueKeys = new Set([...expected.queues.keys(), ...queues.map((q) => `${q.day}|${q.queue}`)]);
    for (const key of queueKeys) {
      diffSums(`${site.code} site_queue_day ${key}`, queues.find((q) => `${q.day}|${q.queue}` === key), expected.queues.get(key), problems);
    }
    const missions = await db.select().from(siteMissionDay).where(eq(siteMissionDay.siteId, site.id));
    const missionKeys = new Set([...expected.missions.keys(), ...missions.map((m) => `${m.day}|${m.missionCode}|${m.outcome}`)]);
    for (const key of missionKeys) {
      const stored = missions.find((m) => `${m.day}|${m.missionCode}|${m.outcome}` === key)?.calls ?? 0;
      const want = expected.missions.get(key) ?? 0;
      if (stored !== want) problems.push(`${site.code} site_mission_day ${key}: ${stored} stored, raw records give ${want}`);
    }
    const expectedAgents = expectedAgentCallRollups(raw, site.timezone, site.slaSeconds);
    const agents = await db.select().from(agentDay).where(eq(agentDay.siteId, site.id));
    const agentKeys = new Set([...expectedAgents.keys(), ...agents.map((a) => `${a.day}|${a.agentRef}`)]);
    for (const key of agentKeys) {
      diffSums(`${site.code} agent_day ${key}`, agents.find((a) => `${a.day}|${a.agentRef}` === key), expectedAgents.get(key), problems);
    }
  }
  return problems;
}

/** Each site holds exactly the records sent to it, once each. */
export async function recordDifferences(db: Db, sent: Map<string, readonly { externalId: string }[]>): Promise<string[]> {
  const problems: string[] = [];
  for (const [code, records] of sent) {
    const [site] = await db.select({ id: sites.id }).from(sites).where(eq(sites.code, code));
    if (!site) {
      problems.push(`site ${code} is missing`);
      continue;
    }
    const stored = await db.select({ externalId: callRecords.externalId }).from(callRecords).where(eq(callRecords.siteId, site.id));
    const want = new Set(records.map((r) => r.externalId));
    const got = new Set(stored.map((r) => r.externalId));
    if (stored.length !== got.size) problems.push(`${code}: ${stored.length} rows for ${got.size} distinct external ids`);
    const missing = [...want].filter((id) => !got.has(id));
    const extra = [...got].filter((id) => !want.has(id));
    if (missing.length) problems.push(`${code}: ${missing.length} records sent and acknowledged are missing (e.g. ${missing.slice(0, 3).join(', ')})`);
    if (extra.length) problems.push(`${code}: ${extra.length} records nobody sent (e.g. ${extra.slice(0, 3).join(', ')})`);
  }
  return problems;
}

export function summarise(problems: string[], max = 8): string {
  return problems.slice(0, max).join('\n      ') + (problems.length > max ? `\n      … and ${problems.length - max} more` : '');
}
