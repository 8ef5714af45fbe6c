// `vigie digests:send-due --now …` on a small demo network, through the CLI entry point, against
// the database the environment names (a PGlite directory, or PostgreSQL when TEST_DATABASE_URL
// is set) and a real SMTP server in-process: hq@demo.vigie gets its daily and weekly digests
// once; running the command again sends nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject, vi } from 'vitest';
import { openDatabase, type DbHandle } from '@/db/client';
import { seedDemo } from '@/server/seed/demo';
import { createTestDb } from '@/db/testing';
import { startSmtpPeer, type SmtpPeer } from '@/server/digests/testing';
import { main } from '../vigie';
import { parseNow } from './digests';

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

beforeAll(async () => {
  smtp = await startSmtpPeer();
  // A week of demo history ending Sunday 29 Nov 2026.
  const seedOptions = { now: new Date('2026-11-30T00:00:00Z'), days: 7 };
  if (process.env.TEST_DATABASE_URL) {
    server = await createTestDb();
    await seedDemo(server.db, seedOptions);
    process.env.DATABASE_URL = server.url;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-digests-cli-'));
    const dump = fs.readFileSync(inject('pgliteDumpPath'));
    const handle = await openDatabase({ driver: 'pglite', dataDir, loadDump: new Blob([dump]), owner: 'digests cli test' });
    try {
      await seedDemo(handle.db, seedOptions);
    } finally {
      await handle.close();
    }
    process.env.DATABASE_URL = '';
    process.env.VIGIE_DATA_DIR = dataDir;
  }
  process.env.SMTP_URL = smtp.url;
  process.env.VIGIE_PUBLIC_URL = 'https://vigie.example';
  process.env.MAIL_FROM = 'Vigie <digests@vigie.example>';
}, 180_000);

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await smtp.close();
  await server?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('digests:send-due', () => {
  it('sends hq@demo.vigie one daily and one weekly digest on Monday morning, in French', async () => {
    const run = await runCli('digests:send-due', '--now', '2026-11-30T06:10:00Z');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('Digests as of 2026-11-30T06:10:00.000Z: 2 queued, 0 already sent for their period (2 active subscriptions).');
    expect(run.out).toMatch(/Delivery via SMTP 127\.0\.0\.1:\d+: 2 sent, 0 to retry, 0 failed\./);
    expect(smtp.received.map((m) => m.to)).toEqual([['hq@demo.vigie'], ['hq@demo.vigie']]);
    expect(smtp.received.every((m) => m.from === 'digests@vigie.example')).toBe(true);
    const [daily, weekly] = smtp.received;
    expect(daily!.subject).toMatch(/^Vigie quotidien — 29 nov\. 2026 — (aucun dépassement|1 dépassement|\d+ dépassements)$/);
    expect(weekly!.subject).toMatch(/^Vigie hebdo — 23\s?–\s?29 nov\. 2026 — (aucun dépassement|1 dépassement|\d+ dépassements)$/);
    for (const site of ['PAR', 'TUN', 'CAS', 'ALG', 'DKR', 'MRU', 'TNR']) {
      expect(daily!.text).toContain(`${site} — `);
      expect(weekly!.html).toContain(`/sites/${site}?from=2026-11-23&amp;to=2026-11-29`);
    }
    expect(daily!.text).toContain('Bonjour Claire Dubois,');
    expect(daily!.text).toContain('https://vigie.example/?from=2026-11-29&to=2026-11-29');
    expect(weekly!.text).toContain('Semaine du 23');
    expect(daily!.headers.get('list-unsubscribe')).toMatch(/^<https:\/\/vigie\.example\/api\/digests\/unsubscribe\?token=/);
  });

  it('sends nothing when run again', async () => {
    const run = await runCli('digests:send-due', '--now', '2026-11-30T06:15:00Z');
    expect(run.code).toBe(0);
    expect(run.out).toContain('0 queued, 2 already sent for their period');
    expect(run.out).toContain(': 0 sent, 0 to retry, 0 failed.');
    expect(smtp.received).toHaveLength(2);
  });

  it('refuses an instant without its offset, plainly', async () => {
    const run = await runCli('digests:send-due', '--now', '2026-11-30 07:00');
    expect(run.code).toBe(2);
    expect(run.err).toContain('--now takes an ISO 8601 instant with its offset');
    expect(smtp.received).toHaveLength(2);
  });
});

describe('parseNow', () => {
  it('takes an instant with Z or an offset, and now when absent', () => {
    expect(parseNow('2026-11-30T06:10:00Z')).toEqual(new Date('2026-11-30T06:10:00Z'));
    expect(parseNow('2026-11-30T07:10+01:00')).toEqual(new Date('2026-11-30T06:10:00Z'));
    expect(Math.abs(parseNow(undefined).getTime() - Date.now())).toBeLessThan(5_000);
    expect(() => parseNow('2026-11-30T06:10:00')).toThrow('--now takes');
    expect(() => parseNow('2026-02-30T06:10:00Z')).toThrow();
  });
});
