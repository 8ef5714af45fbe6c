// `vigie follow` in this process against the real REST API (the handler the server mounts, behind a
// real HTTP listener) on a real database with a real site key. A queue_log is written as Asterisk
// writes it, a little at a time; it rotates with a call open across the rotation, is truncated in
// place, the server goes away, answers 503, comes back on the same port, and the follower is
// stopped and started again from its state file. At the end every call is stored once, with its
// figures, and the follower holds nothing but the call that is really still open.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Pushes every 0.2 s (calls and queue status) are far above a real site's rate: the limit is lifted
// for this file before the limiter is built.
vi.hoisted(() => {
  process.env.VIGIE_PUSH_RATE_PER_MINUTE = '100000';
  process.env.VIGIE_PUSH_BURST = '1000';
});
import type { DbHandle } from '@/db/client';
import { callRecords, queueStatusLatest } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { createSiteKey, revokeSiteKeyByName } from '@/server/keys/service';
import { asteriskQueueLogImporter } from '@/lib/importers/asterisk-queue-log';
import { makeSite } from '@/test/fixtures';
import { PushError, pushRecords } from '../push/client';
import { runFollow, type FollowOptions, type FollowSummary } from './run-follow';
import { emptyState, loadState, saveState } from './state-store';
import { restServer, type RestServer } from './testing/rest-server';

let h: DbHandle;
let site: { id: number };
let key: string;
let server: RestServer;

beforeAll(async () => {
  h = await createTestDb();
  site = await makeSite(h.db, { code: 'TUN', timezone: 'Africa/Tunis' });
  key = (await createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: 'pbx' })).secret;
  server = restServer(h);
  await server.start();
});
afterAll(async () => {
  await server.stop();
  await h.close();
});

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-follow-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

// Calls of the last hour: the queue status the follower pushes with them is taken now.
const T0 = Math.floor(Date.now() / 1000) - 3600;
const at = (s: number) => String(T0 + s);
const answered = (id: string, s: number, wait: number, talk: number, agent = 'PJSIP/201') => [
  `${at(s)}|${id}|support|NONE|ENTERQUEUE||0612345678|1`,
  `${at(s + wait)}|${id}|support|${agent}|CONNECT|${wait}|${id}.1|2`,
  `${at(s + wait + talk)}|${id}|support|${agent}|COMPLETECALLER|${wait}|${talk}|1`,
];
const abandoned = (id: string, s: number, wait: number) => [`${at(s)}|${id}|support|NONE|ENTERQUEUE||0600000000|1`, `${at(s + wait)}|${id}|support|NONE|ABANDON|1|1|${wait}`];
const idOf = (id: string, s: number) => `ql:${id}:support:${at(s)}`;

function append(file: string, lines: string[]) {
  fs.appendFileSync(file, lines.map((l) => `${l}\n`).join(''));
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function storedIds(): Promise<Map<string, number>> {
  const rows = await h.db
    .select({ id: callRecords.externalId, n: sql<number>`count(*)::int` })
    .from(callRecords)
    .where(eq(callRecords.siteId, site.id))
    .groupBy(callRecords.externalId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

const hasAll = (ids: string[]) => async () => {
  const stored = await storedIds();
  return ids.every((id) => stored.has(id));
};

type Run = { done: Promise<FollowSummary>; stop: () => Promise<FollowSummary>; out: string[]; err: string[] };

function follow(options: Partial<FollowOptions> & Pick<FollowOptions, 'path' | 'stateFile'>): Run {
  const controller = new AbortController();
  const out: string[] = [];
  const err: string[] = [];
  const done = runFollow(
    {
      format: 'asterisk-queue-log',
      url: server.url,
      key,
      intervalMs: 200,
      retryBaseMs: 100,
      retryCapMs: 400,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      ...options,
    },
    { signal: controller.signal },
  );
  return {
    done,
    out,
    err,
    stop: () => {
      controller.abort();
      return done;
    },
  };
}

describe('vigie follow, asterisk-queue-log', () => {
  it('stores every call once through growth, rotation, truncation, an outage, a 503 and a restart', { timeout: 40_000 }, async () => {
    const log = path.join(dir, 'queue_log');
    const stateFile = path.join(dir, 'state', 'follow.json');
    const expected: string[] = [];

    // Members log in; two calls end; X enters and waits (it will end after the rotation).
    append(log, [`${at(0)}|NONE|NONE|NONE|QUEUESTART|`, `${at(1)}|NONE|support|PJSIP/201|ADDMEMBER|`, `${at(1)}|NONE|support|PJSIP/202|ADDMEMBER|`]);
    append(log, [...answered('a1', 10, 5, 60), ...abandoned('a2', 20, 12), `${at(30)}|x|support|NONE|ENTERQUEUE||0611111111|1`]);
    expected.push(idOf('a1', 10), idOf('a2', 20));
    let run = follow({ path: log, stateFile });
    await until('the first calls', hasAll(expected));
    await until('the queue status', async () => (await h.db.select().from(queueStatusLatest).where(eq(queueStatusLatest.siteId, site.id))).length > 0);
    const [status] = await h.db.select().from(queueStatusLatest).where(eq(queueStatusLatest.siteId, site.id));
    expect(status).toMatchObject({ queue: 'support', waiting: 1, agentsAvailable: 2, agentsBusy: 0 });
    await until('the push line', () => run.out.some((l) => /pushed 2 calls \(2 inserted, 0 updated, 0 rejected\); 1 open; queue status 1 queue$/.test(l)));

    // A line written in two pieces is read once whole.
    fs.appendFileSync(log, `${at(40)}|p|support|NONE|ENTERQUEUE||06`);
    await new Promise((r) => setTimeout(r, 500));
    fs.appendFileSync(log, `22222222|1\n${abandoned('p', 40, 3)[1]}\n`);
    expected.push(idOf('p', 40));
    await until('the call written in two pieces', hasAll(expected));

    // Rotation: X is answered, the log is renamed, the writer adds b1 to the renamed file before
    // reopening, then the new file gets X's end and b2.
    append(log, [`${at(38)}|x|support|PJSIP/202|CONNECT|8|x.1|2`]);
    fs.renameSync(log, `${log}.1`);
    append(`${log}.1`, answered('b1', 50, 3, 30));
    await new Promise((r) => setTimeout(r, 300));
    append(log, [`${at(138)}|x|support|PJSIP/202|COMPLETEAGENT|8|100|1`, ...answered('b2', 60, 2, 20)]);
    expected.push(idOf('b1', 50), idOf('x', 30), idOf('b2', 60));
    await until('the calls around the rotation', hasAll(expected));

    // copytruncate: the file is copied aside and emptied in place; z enters in the fresh file.
    fs.copyFileSync(log, `${log}.2`);
    fs.truncateSync(log, 0);
    append(log, [...answered('c1', 200, 4, 40), `${at(210)}|z|support|NONE|ENTERQUEUE||0633333333|1`]);
    expected.push(idOf('c1', 200));
    await until('the call after the truncation', hasAll(expected));
    expect(run.err.some((l) => /truncated/.test(l))).toBe(true);

    // The server goes away: calls read meanwhile wait in the state file.
    await server.stop();
    append(log, [...answered('d1', 300, 6, 90), ...abandoned('d2', 310, 2), `${at(215)}|z|support|PJSIP/201|CONNECT|5|z.1|1`]);
    expected.push(idOf('d1', 300), idOf('d2', 310));
    await until('the calls kept while the server is away', () => loadState(stateFile)?.outbox.length === 2);
    await until('the retries', () => run.err.filter((l) => /cannot push/.test(l)).length >= 2);

    // The follower is stopped with calls unsent; more calls end while it is down.
    let summary = await run.stop();
    expect(summary).toMatchObject({ outbox: 2, open: 1 });
    append(log, [`${at(415)}|z|support|PJSIP/201|COMPLETECALLER|5|200|1`, ...answered('e1', 420, 1, 10), `${at(500)}|w|support|NONE|ENTERQUEUE||0644444444|1`]);
    expected.push(idOf('z', 210), idOf('e1', 420));

    // The server comes back on the same port, answering 503 at first; a new follower resumes.
    server.mode = 'unavailable';
    await server.start();
    run = follow({ path: log, stateFile });
    await until('a 503', () => run.err.some((l) => /HTTP 503/.test(l)));
    expect((await storedIds()).has(idOf('d1', 300))).toBe(false);
    server.mode = 'api';
    await until('every call', hasAll(expected));
    await until('an empty outbox', () => loadState(stateFile)?.outbox.length === 0);
    summary = await run.stop();

    const stored = await storedIds();
    expect([...stored.keys()].sort()).toEqual([...expected].sort());
    expect([...stored.values()].every((n) => n === 1)).toBe(true);
    // Each call inserted once over both runs (totals are kept in the state); only w is still open.
    expect(summary).toMatchObject({ inserted: expected.length, rejected: 0, linesRejected: 0, outbox: 0, open: 1 });

    const rows = await h.db.select().from(callRecords).where(eq(callRecords.siteId, site.id));
    const byId = new Map(rows.map((r) => [r.externalId, r]));
    expect(byId.get(idOf('a1', 10))).toMatchObject({ waitSeconds: 5, talkSeconds: 60, abandoned: false, agentRef: 'PJSIP/201', direction: 'inbound', queue: 'support' });
    expect(byId.get(idOf('a2', 20))).toMatchObject({ waitSeconds: 12, talkSeconds: 0, abandoned: true, agentRef: null });
    expect(byId.get(idOf('x', 30))).toMatchObject({ waitSeconds: 8, talkSeconds: 100, abandoned: false, agentRef: 'PJSIP/202' });
    expect(byId.get(idOf('x', 30))!.startedAt.toISOString()).toBe(new Date((T0 + 30) * 1000).toISOString());
    expect(byId.get(idOf('z', 210))).toMatchObject({ waitSeconds: 5, talkSeconds: 200, agentRef: 'PJSIP/201' });
    expect(byId.get(idOf('d2', 310))).toMatchObject({ waitSeconds: 2, abandoned: true });
  });

  it('stores the sample queue_log, written in pieces and rotated midway, exactly as importing the whole file does', { timeout: 20_000 }, async () => {
    const text = fs.readFileSync(path.resolve(import.meta.dirname, '../../samples/asterisk-queue-log/queue_log'), 'utf8');
    const whole = asteriskQueueLogImporter.parse([{ name: 'queue_log', text }], {});
    const log = path.join(dir, 'queue_log');
    const stateFile = path.join(dir, 'follow.json');
    const run = follow({ path: log, stateFile });
    // Four pieces cut anywhere (mid-line included), the log rotated after the second.
    const cuts = [0, Math.floor(text.length * 0.3), Math.floor(text.length * 0.55), Math.floor(text.length * 0.8), text.length];
    for (let i = 0; i < 4; i++) {
      if (i === 2) {
        await until('the first half read', () => loadState(stateFile)?.file?.offset === text.lastIndexOf('\n', cuts[2]! - 1) + 1);
        fs.renameSync(log, `${log}.1`);
        // The rest of the line cut in two goes to the renamed file, as Asterisk finishes its write there.
        const rest = text.indexOf('\n', cuts[2]!) + 1;
        fs.appendFileSync(`${log}.1`, text.slice(cuts[2]!, rest));
        fs.writeFileSync(log, text.slice(rest, cuts[3]));
        continue;
      }
      fs.appendFileSync(log, text.slice(cuts[i]!, cuts[i + 1]));
      await new Promise((r) => setTimeout(r, 300));
    }
    const ids = whole.records.map((r) => r.externalId);
    await until('the sample', hasAll(ids));
    await until('an empty outbox', () => loadState(stateFile)?.outbox.length === 0);
    const summary = await run.stop();
    expect(summary).toMatchObject({ open: whole.held, linesRejected: whole.rejected.length, rejected: 0 });
    expect([whole.records.length, whole.held, whole.rejected.length]).toEqual([37, 2, 2]);
    const rows = await h.db.select().from(callRecords).where(eq(callRecords.siteId, site.id));
    const stored = rows.filter((r) => ids.includes(r.externalId));
    expect(stored).toHaveLength(whole.records.length);
    const byId = new Map(stored.map((r) => [r.externalId, r]));
    for (const record of whole.records) {
      const row = byId.get(record.externalId)!;
      expect({ ...row, startedAt: row.startedAt.toISOString() }).toMatchObject({
        startedAt: new Date(record.startedAt).toISOString(),
        queue: record.queue,
        agentRef: record.agentRef ?? null,
        waitSeconds: record.waitSeconds,
        talkSeconds: record.talkSeconds,
        abandoned: record.abandoned,
        outcome: record.outcome,
      });
    }
  });

  it('resends what it read before a crash that came before the push: nothing lost, nothing counted twice', { timeout: 20_000 }, async () => {
    const log = path.join(dir, 'queue_log');
    const stateFile = path.join(dir, 'follow.json');
    append(log, [...answered('k1', 0, 2, 20), ...answered('k2', 30, 3, 30)]);
    // The server is away: the calls are read and saved, never acknowledged.
    await server.stop();
    let run = follow({ path: log, stateFile });
    await until('the calls saved', () => loadState(stateFile)?.outbox.length === 2);
    await run.stop();
    await server.start();
    // k1 reached the server before the crash (a push whose answer was lost): sending it again is harmless.
    const k1 = loadState(stateFile)!.outbox[0]!;
    await pushRecords({ url: server.url, key, kind: 'calls', records: [k1] });
    run = follow({ path: log, stateFile });
    await until('the calls', hasAll([idOf('k1', 0), idOf('k2', 30)]));
    await until('an empty outbox', () => loadState(stateFile)?.outbox.length === 0);
    const summary = await run.stop();
    expect(summary).toMatchObject({ outbox: 0, open: 0, sent: 2, inserted: 1, updated: 0 });
    const stored = await storedIds();
    expect([stored.get(idOf('k1', 0)), stored.get(idOf('k2', 30))]).toEqual([1, 1]);
  });

  it('pauses reading when the outbox is full, and reads on once the server takes the calls', { timeout: 20_000 }, async () => {
    const log = path.join(dir, 'queue_log');
    const stateFile = path.join(dir, 'follow.json');
    const ids = ['m1', 'm2', 'm3', 'm4', 'm5'].map((id, i) => ({ id, s: i * 100 }));
    append(log, ids.flatMap(({ id, s }) => answered(id, s, 2, 20)));
    await server.stop();
    // About one call per read: the outbox stops at its cap of 2 and the rest stays in the log.
    const run = follow({ path: log, stateFile, outboxCap: 2, readBytes: 200 });
    await until('the pause', () => run.err.some((l) => /2 calls wait to be sent \(at most 2 are kept\): reading the log pauses/.test(l)));
    const paused = loadState(stateFile)!;
    expect(paused.outbox).toHaveLength(2);
    expect(paused.file!.offset).toBeLessThan(fs.statSync(log).size);
    await server.start();
    await until('every call', hasAll(ids.map(({ id, s }) => idOf(id, s))));
    await until('an empty outbox', () => loadState(stateFile)?.outbox.length === 0);
    expect(await run.stop()).toMatchObject({ sent: 5, inserted: 5, outbox: 0 });
  });

  it('stops with a clear error when the key is refused, keeping the unsent calls in its state', { timeout: 20_000 }, async () => {
    const revoked = (await createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: 'old-pbx' })).secret;
    await revokeSiteKeyByName(h.db, cliActor(), { siteCode: 'TUN', name: 'old-pbx' });
    const log = path.join(dir, 'queue_log');
    const stateFile = path.join(dir, 'follow.json');
    append(log, answered('r1', 0, 2, 20));
    const run = follow({ path: log, stateFile, key: revoked });
    const error = await run.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushError);
    expect((error as PushError).status).toBe(401);
    expect((error as PushError).message).toMatch(/^The server refused the (calls|queue status) \(HTTP 401: A valid site key is required\)\. The 1 calls not yet sent are kept in .*follow\.json; follow stops/);
    expect(loadState(stateFile)!.outbox.map((r) => r.externalId)).toEqual([idOf('r1', 0)]);
  });

  it('logs the lines it cannot read and the records the server refuses, with their reasons, and does not retry them', { timeout: 20_000 }, async () => {
    const log = path.join(dir, 'queue_log');
    const stateFile = path.join(dir, 'follow.json');
    // An outbox left by an earlier run holds a record the server refuses (a CSAT of 9).
    const saved = emptyState('asterisk-queue-log', log);
    saved.outbox = [{ externalId: 'ql:bad:support:1', startedAt: new Date(T0 * 1000).toISOString(), direction: 'inbound', queue: 'support', waitSeconds: 1, talkSeconds: 1, holdSeconds: 0, wrapSeconds: 0, abandoned: false, csat: 9 }];
    saveState(stateFile, saved);
    append(log, [`${at(0)}|ghost|support|PJSIP/201|CONNECT|3|g.1|1`, ...answered('ok', 10, 1, 5)]);
    const run = follow({ path: log, stateFile });
    await until('the call', hasAll([idOf('ok', 10)]));
    await until('an empty outbox', () => loadState(stateFile)?.outbox.length === 0);
    const summary = await run.stop();
    expect(summary).toMatchObject({ linesRejected: 1, rejected: 1, sent: 2, inserted: 1, outbox: 0 });
    expect((await storedIds()).has('ql:bad:support:1')).toBe(false);
    expect(run.err).toContainEqual(expect.stringMatching(/^line not imported: queue_log:1: CONNECT for a call that never entered queue support/));
    expect(run.err).toContainEqual(expect.stringMatching(/^the server refused ql:bad:support:1: csat /));
    expect(run.out[0]).toMatch(/pushed 2 calls \(1 inserted, 0 updated, 1 rejected\)/);
  });

  it('refuses a state file written for another log', async () => {
    const stateFile = path.join(dir, 'follow.json');
    const first = follow({ path: path.join(dir, 'queue_log'), stateFile });
    await until('a state file', () => fs.existsSync(stateFile) || first.err.length > 0);
    await first.stop();
    await expect(follow({ path: path.join(dir, 'Master.csv'), stateFile, format: 'asterisk-cdr', timeZone: 'Africa/Tunis' }).done).rejects.toThrow(
      /follows .*queue_log \(asterisk-queue-log\), not .*Master\.csv \(asterisk-cdr\)/,
    );
  });
});

describe('vigie follow, asterisk-cdr', () => {
  it('pushes each complete Master.csv line as it is written, in the PBX time zone', { timeout: 20_000 }, async () => {
    const log = path.join(dir, 'Master.csv');
    const stateFile = path.join(dir, 'follow.json');
    const cdr = (uniqueid: string, start: string, billsec: number, duration: number, disposition: string) =>
      `"","0612345678","100","from-trunk","""Client"" <0612345678>","SIP/trunk-00000001","${billsec > 0 ? 'SIP/201-00000002' : ''}","Queue","support,t","${start}","","${start}",${duration},${billsec},"${disposition}","DOCUMENTATION","${uniqueid}",""`;
    append(log, [cdr('1764766800.1', '2026-12-03 10:00:00', 60, 75, 'ANSWERED'), cdr('1764766800.2', '2026-12-03 10:05:00', 0, 20, 'NO ANSWER')]);
    fs.appendFileSync(log, cdr('1764766800.3', '2026-12-03 10:10:00', 30, 40, 'ANSWERED').slice(0, 50));
    const run = follow({ path: log, stateFile, format: 'asterisk-cdr', timeZone: 'Africa/Tunis', queueStatus: false });
    await until('the first two calls', hasAll(['cdr:1764766800.1:SIP/201-00000002', 'cdr:1764766800.2:100']));
    expect((await storedIds()).size).toBe(2 + (await countOtherTests()));
    fs.appendFileSync(log, `${cdr('1764766800.3', '2026-12-03 10:10:00', 30, 40, 'ANSWERED').slice(50)}\n`);
    await until('the third call', hasAll(['cdr:1764766800.3:SIP/201-00000002']));
    await until('an empty outbox', () => loadState(stateFile)?.outbox.length === 0);
    const summary = await run.stop();
    expect(summary).toMatchObject({ sent: 3, linesRejected: 0, open: 0, outbox: 0 });
    expect(run.out[0]).toMatch(/^\d\d:\d\d:\d\d pushed 2 calls \(2 inserted, 0 updated, 0 rejected\)$/);
    const [row] = await h.db.select().from(callRecords).where(eq(callRecords.externalId, 'cdr:1764766800.1:SIP/201-00000002'));
    expect(row).toMatchObject({ waitSeconds: 15, talkSeconds: 60, abandoned: false, agentRef: 'SIP/201', queue: 'support' });
    expect(row!.startedAt.toISOString()).toBe('2026-12-03T09:00:00.000Z');
  });
});

/** Calls the queue_log tests of this file stored before (the database is the file's). */
async function countOtherTests(): Promise<number> {
  const stored = await storedIds();
  return [...stored.keys()].filter((id) => !id.startsWith('cdr:')).length;
}
