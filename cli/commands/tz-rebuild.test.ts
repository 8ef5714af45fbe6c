// `vigie tz:rebuild` through the CLI entry point, against the database the environment names (a
// PGlite directory, or PostgreSQL when TEST_DATABASE_URL is set), holding a data set stored with
// tz 2025c's days: stopped after two batches, run again to the end, then once more for nothing;
// the result equals the same data set written with the current rules.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject, vi } from 'vitest';
import { openDatabase, type DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { runtimeTzVersion } from '@/server/time/tz-data';
import { ageToOldRules, snapshotDerived, writeDataSet } from '@/server/time/tz-rebuild.fixtures';
import { main } from '../vigie';

const ENV_KEYS = ['DATABASE_URL', 'VIGIE_DATA_DIR'] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
const runtime = runtimeTzVersion()!;
let dataDir: string | null = null;
let server: DbHandle | null = null;
let current: DbHandle;
let expected: { calls: number; evaluations: number };

async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** The rebuilt database, opened beside the CLI's (reopened for a PGlite directory). */
async function withRebuilt<T>(read: (handle: DbHandle) => Promise<T>): Promise<T> {
  if (server) return read(server);
  const handle = await openDatabase({ driver: 'pglite', dataDir: dataDir!, owner: 'tz rebuild cli test' });
  try {
    return await read(handle);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  current = await createTestDb();
  await writeDataSet(current.db);
  const age = async (handle: DbHandle) => {
    const moved = await ageToOldRules(handle.db, await writeDataSet(handle.db));
    expected = { calls: moved.calls.size, evaluations: moved.evaluations.size };
  };
  if (process.env.TEST_DATABASE_URL) {
    server = await createTestDb();
    await age(server);
    process.env.DATABASE_URL = server.url;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-tz-rebuild-cli-'));
    const dump = fs.readFileSync(inject('pgliteDumpPath'));
    const handle = await openDatabase({ driver: 'pglite', dataDir, loadDump: new Blob([dump]), owner: 'tz rebuild cli test' });
    try {
      await age(handle);
    } finally {
      await handle.close();
    }
    process.env.DATABASE_URL = '';
    process.env.VIGIE_DATA_DIR = dataDir;
  }
}, 180_000);

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await server?.close();
  await current?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('tz:rebuild', () => {
  it('refuses a batch size that is not a whole number, plainly, and touches nothing', async () => {
    const run = await runCli('tz:rebuild', '--batch-days', '0');
    expect(run.code).toBe(2);
    expect(run.err).toContain('--batch-days is a whole number from 1 to 100000');
  });

  it('stops after --max-batches with what it did so far, and says how to continue', async () => {
    const run = await runCli('tz:rebuild', '--batch-days', '7', '--max-batches', '2');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(new RegExp(`^Local days 2025c → ${runtime}: stopped after 2 batches in [\\d.]+ s, [\\d,]+ records/s; so far [\\d,]+ records checked, `));
    expect(run.out).toContain('Run tz:rebuild again to continue.');
    expect(run.err).toMatch(/^site CAS: \d+\/\d+ site-days, [\d,]+ records checked, [\d,]+ moved$/m);
  }, 120_000);

  it('continues to the end: exactly the rows whose day changed move, and the database equals one written with the current rules', async () => {
    const run = await runCli('tz:rebuild', '--batch-days', '7');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      new RegExp(
        `^Local days 2025c → ${runtime} \\(continued\\): [\\d,]+ records checked, ${expected.calls.toLocaleString('en')} call records and ` +
          `${expected.evaluations} evaluations moved to their day, [\\d,]+ site-days of rollups recomputed \\(\\d+ batches in [\\d.]+ s, [\\d,]+ records/s\\)\\.$`,
      ),
    );
    expect(run.err).toContain('site PAR:');
    const rebuilt = await withRebuilt((h) => snapshotDerived(h.db));
    expect(rebuilt).toEqual(await snapshotDerived(current.db));
  }, 120_000);

  it('does nothing when run again', async () => {
    const run = await runCli('tz:rebuild');
    expect(run).toEqual({ code: 0, out: `Stored local days already follow tz ${runtime}: nothing to rebuild.`, err: '' });
  });
});
