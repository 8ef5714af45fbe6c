// `vigie alerts:evaluate --now …` through the CLI entry point, against the database the
// environment names (a PGlite directory, or PostgreSQL when TEST_DATABASE_URL is set) and a real
// SMTP server in-process: a slow morning at Tunis fires its rule once and e-mails the duty
// address; running the command again at the same instant sends nothing; a PGlite directory held
// by a server is refused plainly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, inject, vi } from 'vitest';
import { openDatabase, type Db, type DbHandle } from '@/db/client';
import { alertRules, alerts, auditLog } from '@/db/schema';
import { lockFileOf } from '@/db/lock';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { startSmtpPeer, type SmtpPeer } from '@/server/digests/testing';
import { ingestCalls } from '@/server/ingest/calls';
import { makeSite } from '@/test/fixtures';
import { main } from '../vigie';

const ENV_KEYS = ['DATABASE_URL', 'VIGIE_DATA_DIR', 'SMTP_URL', 'VIGIE_PUBLIC_URL', 'MAIL_FROM'] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
let smtp: SmtpPeer;
let dataDir: string | null = null;
let server: DbHandle | null = null;

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

/** Tunis answers 20 calls slowly at 09:00Z on 30 November; a rule watches its service level. */
async function setUp(db: Db) {
  const site = await makeSite(db, { code: 'TUN', name: 'Tunis', country: 'TN', timezone: 'Africa/Tunis' });
  await ingestCalls(db, {
    siteId: site.id,
    actor: cliActor(),
    receivedAt: new Date('2026-11-30T09:02:00Z'),
    records: Array.from({ length: 20 }, (_, i) => ({
      externalId: `slow-${i}`,
      startedAt: new Date(Date.parse('2026-11-30T09:00:00Z') + i * 5_000).toISOString(),
      direction: 'inbound',
      queue: 'support',
      waitSeconds: 90,
      talkSeconds: 200,
      holdSeconds: 0,
      wrapSeconds: 15,
      abandoned: false,
    })),
  });
  await db.insert(alertRules).values({
    name: 'Tunis service level',
    metric: 'serviceLevel',
    siteIds: [site.id],
    window: { trailingMinutes: 30 },
    comparison: 'below',
    threshold: 0.8,
    severity: 'critical',
    channels: [{ kind: 'email', to: ['duty@vigie.example'] }],
  });
}

beforeAll(async () => {
  smtp = await startSmtpPeer();
  if (process.env.TEST_DATABASE_URL) {
    server = await createTestDb();
    await setUp(server.db);
    process.env.DATABASE_URL = server.url;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-alerts-cli-'));
    const dump = fs.readFileSync(inject('pgliteDumpPath'));
    const handle = await openDatabase({ driver: 'pglite', dataDir, loadDump: new Blob([dump]), owner: 'alerts cli test' });
    try {
      await setUp(handle.db);
    } finally {
      await handle.close();
    }
    process.env.DATABASE_URL = '';
    process.env.VIGIE_DATA_DIR = dataDir;
  }
  process.env.SMTP_URL = smtp.url;
  process.env.VIGIE_PUBLIC_URL = 'https://vigie.example';
  process.env.MAIL_FROM = 'Vigie <alerts@vigie.example>';
}, 120_000);

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await smtp.close();
  await server?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('alerts:evaluate', () => {
  it('fires the rule once and e-mails its address over SMTP', async () => {
    const run = await runCli('alerts:evaluate', '--now', '2026-11-30T09:05:00Z');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Alerts as of 2026-11-30T09:05:00\.000Z: 1 enabled rules over 1 scopes; 1 fired, 0 resolved, 0 reminded, 0 pending, 0 recovering \(held\), 0 already claimed elsewhere \(\d+ ms\)\.$/m);
    expect(run.out).toContain('  firing    TUN            Tunis service level  value 0, threshold 0.8');
    expect(run.out).toMatch(/E-mail via SMTP 127\.0\.0\.1:\d+: 1 sent, 0 to retry, 0 failed\./);
    expect(smtp.received.map((m) => m.to)).toEqual([['duty@vigie.example']]);
  });

  it('names the command line as who fired it, in the audit log', async () => {
    const handle = await openDatabase(process.env.DATABASE_URL ? { driver: 'postgres', url: process.env.DATABASE_URL } : { driver: 'pglite', dataDir: dataDir!, owner: 'alerts cli test' });
    try {
      const rows = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'alert.fire'));
      expect(rows.map((r) => [r.actorType, r.entity])).toEqual([['cli', 'alert']]);
    } finally {
      await handle.close();
    }
  });

  it('sends nothing when run again at the same instant', async () => {
    const run = await runCli('alerts:evaluate', '--now', '2026-11-30T09:05:00Z');
    expect(run.code).toBe(0);
    expect(run.out).toContain('0 fired, 0 resolved');
    expect(run.out).toContain(': 0 sent, 0 to retry, 0 failed.');
    expect(smtp.received).toHaveLength(1);
  });

  it('refuses an instant without its offset, plainly', async () => {
    const run = await runCli('alerts:evaluate', '--now', '2026-11-30 09:05');
    expect(run.code).toBe(2);
    expect(run.err).toContain('--now takes an ISO 8601 instant with its offset');
  });
});


// The lock belongs to PGlite: whichever database the run above used, this one takes a PGlite
// directory of its own, so that the refusal is checked on both passes of the suite.
describe('alerts:evaluate on a PGlite directory held by a server', () => {
  let ownDir = '';
  const env: Record<string, string | undefined> = {};
  beforeAll(async () => {
    ownDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-alerts-lock-'));
    const dump = fs.readFileSync(inject('pgliteDumpPath'));
    const handle = await openDatabase({ driver: 'pglite', dataDir: ownDir, loadDump: new Blob([dump]), owner: 'alerts cli test' });
    try {
      await setUp(handle.db);
    } finally {
      await handle.close();
    }
    env.DATABASE_URL = process.env.DATABASE_URL;
    env.VIGIE_DATA_DIR = process.env.VIGIE_DATA_DIR;
    process.env.DATABASE_URL = '';
    process.env.VIGIE_DATA_DIR = ownDir;
  }, 120_000);
  afterAll(() => {
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    fs.rmSync(ownDir, { recursive: true, force: true });
  });

  async function alertCount() {
    const handle = await openDatabase({ driver: 'pglite', dataDir: ownDir, owner: 'alerts cli test' });
    try {
      return (await handle.db.select().from(alerts)).length;
    } finally {
      await handle.close();
    }
  }

  it('touches nothing while a server holds the directory, and evaluates once it is free', async () => {
    // A server in another process holds the directory (process 1 stands for it: it is alive).
    const lock = lockFileOf(ownDir);
    fs.writeFileSync(lock, JSON.stringify({ pid: 1, owner: 'vigie server (test)', since: new Date().toISOString() }));
    try {
      const run = await runCli('alerts:evaluate', '--now', '2026-11-30T09:05:00Z');
      expect(run.code).toBe(1);
      expect(run.err).toContain('is in use by another Vigie process (vigie server (test), pid 1');
    } finally {
      fs.rmSync(lock, { force: true });
    }
    expect(await alertCount()).toBe(0);
    // The same command on the free directory fires the rule: the refusal above is what kept it quiet.
    const run = await runCli('alerts:evaluate', '--now', '2026-11-30T09:05:00Z');
    expect(run.code).toBe(0);
    expect(await alertCount()).toBe(1);
  });
});
