// `vigie follow` as systemd runs it: a process of its own (the command as cli/vigie.ts runs it, see
// cli/follow/testing/follow-process.ts), its key in VIGIE_KEY, against the real REST API on a real database. SIGTERM saves and exits 0;
// SIGKILL in the middle of an outage (no chance to save on the way out) loses nothing: the next
// process resumes from the state file and every call is stored once. A format it cannot follow
// is a usage error (exit 2).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.VIGIE_PUSH_RATE_PER_MINUTE = '100000';
  process.env.VIGIE_PUSH_BURST = '1000';
});
import type { DbHandle } from '@/db/client';
import { callRecords } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { createSiteKey } from '@/server/keys/service';
import { makeSite } from '@/test/fixtures';
import { loadState } from '../follow/state-store';
import { restServer, type RestServer } from '../follow/testing/rest-server';
import { main } from '../vigie';

let h: DbHandle;
let site: { id: number };
let key: string;
let server: RestServer;
let dir: string;

beforeAll(async () => {
  h = await createTestDb();
  site = await makeSite(h.db, { code: 'CAS', timezone: 'Africa/Casablanca', country: 'MA' });
  key = (await createSiteKey(h.db, cliActor(), { siteCode: 'CAS', name: 'pbx' })).secret;
  server = restServer(h);
  await server.start();
});
afterAll(async () => {
  await server.stop();
  await h.close();
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-follow-cmd-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const T0 = Math.floor(Date.now() / 1000) - 1800;
const call = (id: string, s: number) => [
  `${T0 + s}|${id}|sales|NONE|ENTERQUEUE||0522000000|1`,
  `${T0 + s + 4}|${id}|sales|SIP/301|CONNECT|4|${id}.1|1`,
  `${T0 + s + 94}|${id}|sales|SIP/301|COMPLETEAGENT|4|90|1`,
];
const idOf = (id: string, s: number) => `ql:${id}:sales:${T0 + s}`;

type Proc = { child: ChildProcess; out: string[]; err: string[]; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

function spawnFollow(log: string, stateFile: string): Proc {
  const root = path.resolve(import.meta.dirname, '../..');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/follow/testing/follow-process.ts', '--format', 'asterisk-queue-log', '--state', stateFile, '--interval', '0.2', log],
    { cwd: root, env: { ...process.env, VIGIE_URL: server.url, VIGIE_KEY: key }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const out: string[] = [];
  const err: string[] = [];
  child.stdout!.on('data', (d: Buffer) => out.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => err.push(d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, out, err, exit };
}

async function until(what: string, check: () => boolean | Promise<boolean>, proc?: Proc, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${proc ? `; the process said: ${proc.err.join('')}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function storedCounts(): Promise<Map<string, number>> {
  const rows = await h.db.select({ id: callRecords.externalId }).from(callRecords).where(eq(callRecords.siteId, site.id));
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
  return counts;
}

describe('vigie follow (the process)', () => {
  it('pushes as the log grows and, on SIGTERM, saves its place and exits 0', { timeout: 30_000 }, async () => {
    const log = path.join(dir, 'queue_log');
    const stateFile = path.join(dir, 'state.json');
    fs.writeFileSync(log, call('t1', 0).join('\n') + '\n');
    const proc = spawnFollow(log, stateFile);
    try {
      await until('t1', async () => (await storedCounts()).has(idOf('t1', 0)), proc);
      fs.appendFileSync(log, call('t2', 100).join('\n') + '\n');
      await until('t2', async () => (await storedCounts()).has(idOf('t2', 100)));
      await until('an empty outbox', () => loadState(stateFile)?.outbox.length === 0);
      proc.child.kill('SIGTERM');
      expect(await proc.exit).toEqual({ code: 0, signal: null });
    } finally {
      proc.child.kill('SIGKILL');
    }
    expect(proc.out.join('')).toMatch(/\d\d:\d\d:\d\d pushed 1 call \(1 inserted, 0 updated, 0 rejected\); 0 open; queue status 1 queue\n/);
    expect(proc.out.join('')).toMatch(/stopped: 2 calls sent \(2 inserted, 0 updated, 0 refused\), 0 lines not imported; 0 calls kept to send, 0 open/);
    expect(proc.err.join('')).toMatch(/^following .*queue_log \(asterisk-queue-log\) into http:\/\/127\.0\.0\.1:\d+; state in .*state\.json/);
    expect(loadState(stateFile)!.file!.offset).toBe(fs.statSync(log).size);
  });

  it('loses nothing when killed outright during an outage: the next process sends what the first had read', { timeout: 30_000 }, async () => {
    const log = path.join(dir, 'queue_log');
    const stateFile = path.join(dir, 'state.json');
    fs.writeFileSync(log, [...call('k1', 200), ...call('k2', 300)].join('\n') + '\n');
    await server.stop();
    const first = spawnFollow(log, stateFile);
    try {
      await until('the calls kept', () => loadState(stateFile)?.outbox.length === 2, first);
      fs.appendFileSync(log, call('k3', 400).join('\n') + '\n');
      await until('k3 kept', () => loadState(stateFile)?.outbox.length === 3);
      first.child.kill('SIGKILL');
      expect((await first.exit).signal).toBe('SIGKILL');
    } finally {
      first.child.kill('SIGKILL');
      await server.start();
    }
    const second = spawnFollow(log, stateFile);
    try {
      await until('every call', async () => {
        const stored = await storedCounts();
        return [idOf('k1', 200), idOf('k2', 300), idOf('k3', 400)].every((id) => stored.has(id));
      });
      await until('an empty outbox', () => loadState(stateFile)?.outbox.length === 0);
      second.child.kill('SIGTERM');
      expect((await second.exit).code).toBe(0);
    } finally {
      second.child.kill('SIGKILL');
    }
    const counts = await storedCounts();
    expect([idOf('k1', 200), idOf('k2', 300), idOf('k3', 400)].map((id) => counts.get(id))).toEqual([1, 1, 1]);
  });

  it('refuses a format it cannot follow, with exit code 2', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    try {
      expect(await main(['follow', '--format', 'twilio', '--url', 'http://127.0.0.1:1', '--key', 'k', path.join(dir, 'calls.json')])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join('\n')).toMatch(/^vigie follow: --format is asterisk-queue-log or asterisk-cdr, not "twilio": follow reads a log that grows/);
  });
});
