// What `npm start` does to a database before serving, on a PostgreSQL database of its own (created
// and dropped here, on the tests' server) and on an embedded data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { getSetting } from '@/db/queries/settings';
import { readLocalDayRules, recordRulesOfEmptyDatabase } from '@/db/queries/tz-rebuild';
import { appSettings, localDayRules, sites, users } from '@/db/schema';
import { withDatabase } from '@/db/testing-url';
import { runtimeTzVersion } from '@/server/time/tz-data';
import { rebuildLocalDays } from '@/server/time/tz-rebuild';
import { SETUP_TOKEN_KEY, setupTokenState } from './first-admin';
import { prepareDatabase, seedsDemoWhenEmpty } from './prepare-database';

const SERVER = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const SEED = { now: new Date('2026-11-16T00:00:00Z'), days: 1 };
const created: string[] = [];
const dirs: string[] = [];

async function adminSql<T>(run: (sql: Sql) => Promise<T>): Promise<T> {
  const { default: postgres } = await import('postgres');
  const sql = postgres(SERVER, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

async function freshDatabase(): Promise<string> {
  const name = `vigie_start_test_${process.pid}_${created.length}_${Date.now().toString(36)}`;
  await adminSql((sql) => sql.unsafe(`create database "${name}"`));
  created.push(name);
  return withDatabase(SERVER, name);
}

async function inspect(url: string) {
  const handle = await openDatabase({ driver: 'postgres', url, max: 1 });
  try {
    return {
      users: await handle.db.select({ email: users.email, role: users.role }).from(users),
      sites: await handle.db.select({ code: sites.code }).from(sites),
      settings: await handle.db.select().from(appSettings),
      setupToken: await getSetting(handle.db, SETUP_TOKEN_KEY),
      state: (token: string | null) => setupTokenState(handle.db, token),
      handle,
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

const quiet = () => {};
const SYSTEM = { actorType: 'system', actorId: null, actorLabel: 'test' } as const;

beforeAll(() => {
  expect(SERVER).toMatch(/^postgres/);
});
afterAll(async () => {
  for (const name of created) await adminSql((sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm start on an empty PostgreSQL database', () => {
  it('loads no demo and no account, and issues a setup token instead', async () => {
    const url = await freshDatabase();
    const lines: string[] = [];
    const prepared = await prepareDatabase({ DATABASE_URL: url }, (m) => lines.push(m), SEED);
    expect(prepared).toMatchObject({ driver: 'postgres', seeded: false, publicAccounts: [], secretSource: 'database' });
    expect(prepared.setupToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(lines.join('\n')).toMatch(/VIGIE_SEED_DEMO=1/);
    const db = await inspect(url);
    try {
      expect(db.users).toEqual([]);
      expect(db.sites).toEqual([]);
      expect(await db.state(prepared.setupToken)).toBe('valid');
    } finally {
      await db.handle.close();
    }
  });

  it('loads the demo with VIGIE_SEED_DEMO=1, lists its public accounts, and issues no setup token', async () => {
    const url = await freshDatabase();
    const prepared = await prepareDatabase({ DATABASE_URL: url, VIGIE_SEED_DEMO: '1' }, quiet, SEED);
    expect(prepared.seeded).toBe(true);
    expect(prepared.publicAccounts).toContain('admin@demo.vigie');
    expect(prepared.setupToken).toBeNull();
    const db = await inspect(url);
    try {
      expect(db.users.some((u) => u.role === 'admin')).toBe(true);
      expect(db.setupToken).toBeNull();
      // The demo's days were filed by this runtime: the start-up tz rebuild has nothing to check.
      expect((await readLocalDayRules(db.handle.db))?.tzVersion).toBe(runtimeTzVersion());
      expect(await rebuildLocalDays(db.handle.db, { actor: SYSTEM, owner: 'test', upgradeOnly: true })).toEqual({ status: 'current', version: runtimeTzVersion() });
      // Once a day is stored, unknown rules stay unknown: only a rebuild may vouch for them.
      await db.handle.db.update(localDayRules).set({ tzVersion: null }).where(eq(localDayRules.id, 1));
      expect(await recordRulesOfEmptyDatabase(db.handle.db, runtimeTzVersion()!)).toBe(false);
      expect((await readLocalDayRules(db.handle.db))?.tzVersion).toBeNull();
    } finally {
      await db.handle.close();
    }
  }, 300_000);

  it('keeps NEXTAUTH_SECRET out of the database when it is set', async () => {
    const url = await freshDatabase();
    const prepared = await prepareDatabase({ DATABASE_URL: url, NEXTAUTH_SECRET: 'a secret from the environment' }, quiet, SEED);
    expect(prepared).toMatchObject({ secret: 'a secret from the environment', secretSource: 'environment' });
    const db = await inspect(url);
    try {
      expect(db.settings.map((s) => s.key)).not.toContain('nextauth_secret');
      expect(JSON.stringify(db.settings)).not.toContain('a secret from the environment');
    } finally {
      await db.handle.close();
    }
  });
});

describe('npm start on the embedded database', () => {
  it('loads the demo into an empty data directory, created readable by its owner only', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-start-test-'));
    dirs.push(parent);
    const dataDir = path.join(parent, 'data');
    const prepared = await prepareDatabase({ VIGIE_DATA_DIR: dataDir }, quiet, SEED);
    expect(prepared).toMatchObject({ driver: 'pglite', seeded: true, setupToken: null });
    expect(prepared.publicAccounts).toContain('admin@demo.vigie');
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
  }, 300_000);

  it('seeds the embedded database unless VIGIE_SEED_DEMO=0, and PostgreSQL only when asked', () => {
    expect(seedsDemoWhenEmpty('pglite', {})).toBe(true);
    expect(seedsDemoWhenEmpty('pglite', { VIGIE_SEED_DEMO: '0' })).toBe(false);
    expect(seedsDemoWhenEmpty('postgres', {})).toBe(false);
    expect(seedsDemoWhenEmpty('postgres', { VIGIE_SEED_DEMO: '' })).toBe(false);
    expect(seedsDemoWhenEmpty('postgres', { VIGIE_SEED_DEMO: '1' })).toBe(true);
    expect(seedsDemoWhenEmpty('postgres', { VIGIE_SEED_DEMO: 'true' })).toBe(true);
  });
});
