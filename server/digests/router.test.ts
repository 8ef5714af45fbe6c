// The digests router on a real database: who may call what, each user's own subscriptions only,
// a site lead's digest limited to their site, preview and test send (over a real SMTP peer), and
// the admin outbox.
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { insertEmail, markEmailAttemptFailed } from '@/db/queries/digests';
import { auditLog, digestRuns, emailOutbox } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import type { Principal } from '@/server/auth/principal';
import { createCallerFactory, createInnerContext, createTRPCRouter } from '@/server/trpc/init';
import { createTestAccounts, type TestAccounts } from '@/server/users/test-accounts';
import { digestsRouter } from './router';
import { sendDueDigests } from './send-due';
import { startSmtpPeer, type SmtpPeer } from './testing';
import { trpcCode as codeOf } from '@/test/fixtures';

const router = createTRPCRouter({ digests: digestsRouter });
const createCaller = createCallerFactory(router);
const NOW = new Date('2026-11-25T10:00:00Z');

let h: DbHandle;
let a: TestAccounts;
let smtp: SmtpPeer;
const as = (principal?: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal, now: () => NOW })).digests;

const daily = { cadence: 'daily' as const, sendTime: '07:00', timezone: 'Europe/Paris', sites: null };

beforeAll(async () => {
  h = await createTestDb();
  a = await createTestAccounts(h.db);
  smtp = await startSmtpPeer();
});
afterEach(() => {
  delete process.env.SMTP_URL;
});
afterAll(async () => {
  await smtp.close();
  await h.close();
});

describe('access', () => {
  it('asks for a signed-in user, and keeps the outbox for admins', async () => {
    const anonymous = as();
    expect(await codeOf(() => anonymous.list())).toBe('UNAUTHORIZED');
    expect(await codeOf(() => anonymous.options())).toBe('UNAUTHORIZED');
    expect(await codeOf(() => anonymous.create(daily))).toBe('UNAUTHORIZED');
    expect(await codeOf(() => anonymous.preview({ id: 1 }))).toBe('UNAUTHORIZED');
    expect(await codeOf(() => anonymous.sendTest({ id: 1 }))).toBe('UNAUTHORIZED');
    expect(await codeOf(() => anonymous.outbox.list({}))).toBe('UNAUTHORIZED');
    expect(await codeOf(() => as(a.principals.siteKey).list())).toBe('FORBIDDEN');
    expect(await codeOf(() => as(a.principals.siteKey).create(daily))).toBe('FORBIDDEN');
    for (const principal of [a.principals.hq, a.principals.lead]) {
      expect(await codeOf(() => as(principal).outbox.list({}))).toBe('FORBIDDEN');
      expect(await codeOf(() => as(principal).outbox.get({ id: 1 }))).toBe('FORBIDDEN');
      expect(await codeOf(() => as(principal).outbox.retry({ id: 1 }))).toBe('FORBIDDEN');
    }
  });
});

describe('own subscriptions', () => {
  it('creates a digest, shows its next send, and records who did it', async () => {
    const created = await as(a.principals.hq).create({ ...daily, sites: ['tun', 'DKR'] });
    expect(created).toMatchObject({
      cadence: 'daily',
      sendTime: '07:00',
      timezone: 'Europe/Paris',
      active: true,
      sites: [
        { code: 'DKR', name: 'Dakar' },
        { code: 'TUN', name: 'Tunis' },
      ],
      next: { at: new Date('2026-11-26T06:00:00Z'), from: '2026-11-25', to: '2026-11-25' },
      lastRun: null,
    });
    const [audit] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'digest_subscription.create'));
    expect(audit).toMatchObject({ actorType: 'user', actorId: a.users.hq.id, entityId: String(created.id) });
    expect((await as(a.principals.hq).list()).map((s) => s.id)).toEqual([created.id]);
    expect(await as(a.principals.admin).list()).toEqual([]);
  });

  it('checks the time, the time zone and the sites', async () => {
    const hq = as(a.principals.hq);
    expect(await codeOf(() => hq.create({ ...daily, timezone: 'Mars/Olympus' }))).toBe('BAD_REQUEST');
    expect(await codeOf(() => hq.create({ ...daily, sendTime: '7:00' }))).toBe('BAD_REQUEST');
    expect(await codeOf(() => hq.create({ ...daily, sendTime: '24:00' }))).toBe('BAD_REQUEST');
    expect(await codeOf(() => hq.create({ ...daily, sites: [] }))).toBe('BAD_REQUEST');
    expect(await codeOf(() => hq.create({ ...daily, sites: ['ZZZ'] }))).toBe('BAD_REQUEST');
    expect(await codeOf(() => hq.create({ ...daily, cadence: 'hourly' as 'daily' }))).toBe('BAD_REQUEST');
  });

  it('lets a site lead subscribe for their own site only', async () => {
    const lead = as(a.principals.lead);
    expect(await lead.options()).toEqual({ sites: [{ code: 'TUN', name: 'Tunis' }], canChooseSites: false, timezone: 'Europe/Paris' });
    const own = await lead.create({ ...daily, sites: ['TUN'] });
    expect(own.sites).toBeNull();
    expect(await codeOf(() => lead.create({ ...daily, sites: ['DKR'] }))).toBe('FORBIDDEN');
    expect(await codeOf(() => lead.create({ ...daily, sites: ['NOPE'] }))).toBe('FORBIDDEN');
    expect(await codeOf(() => lead.update({ id: own.id, sites: ['DKR'] }))).toBe('FORBIDDEN');
    const hqOptions = await as(a.principals.hq).options();
    expect(hqOptions.canChooseSites).toBe(true);
    expect(hqOptions.sites.map((s) => s.code)).toEqual(['DKR', 'TUN']);
  });

  it('changes and deletes only one’s own digests; another user’s is not found', async () => {
    const mine = await as(a.principals.admin).create({ ...daily, cadence: 'weekly', sendTime: '08:30' });
    const hq = as(a.principals.hq);
    expect(await codeOf(() => hq.update({ id: mine.id, active: false }))).toBe('NOT_FOUND');
    expect(await codeOf(() => hq.remove({ id: mine.id }))).toBe('NOT_FOUND');
    expect(await codeOf(() => hq.preview({ id: mine.id }))).toBe('NOT_FOUND');
    expect(await codeOf(() => hq.sendTest({ id: mine.id }))).toBe('NOT_FOUND');
    const admin = as(a.principals.admin);
    const paused = await admin.update({ id: mine.id, active: false, timezone: 'Africa/Dakar' });
    expect(paused).toMatchObject({ active: false, timezone: 'Africa/Dakar', sendTime: '08:30', next: null });
    const resumed = await admin.update({ id: mine.id, active: true });
    // Wednesday 25 Nov: next Monday 30 Nov at 08:30 in Dakar (UTC).
    expect(resumed.next).toEqual({ at: new Date('2026-11-30T08:30:00Z'), from: '2026-11-23', to: '2026-11-29' });
    expect(await admin.remove({ id: mine.id })).toEqual({ id: mine.id });
    expect(await admin.list()).toEqual([]);
  });
});

describe('preview and test send', () => {
  it('previews the last complete period without claiming or sending anything', async () => {
    const hq = as(a.principals.hq);
    const [subscription] = await hq.list();
    const preview = await hq.preview({ id: subscription!.id });
    expect(preview).toMatchObject({ from: '2026-11-24', to: '2026-11-24', subject: 'Vigie daily — 24 Nov 2026 — no breach' });
    expect(preview.html).toContain('Daily digest');
    expect(preview.text).toContain('TUN — Tunis');
    expect(preview.text).toContain('DKR — Dakar');
    expect(await h.db.select().from(digestRuns)).toEqual([]);
    expect(await h.db.select().from(emailOutbox)).toEqual([]);
  });

  it('sends a test to the user’s own address over SMTP, without claiming the scheduled run', async () => {
    process.env.SMTP_URL = smtp.url;
    const hq = as(a.principals.hq);
    const [subscription] = await hq.list();
    const sent = await hq.sendTest({ id: subscription!.id });
    expect(sent).toMatchObject({ to: 'hq@x.test', subject: '[Test] Vigie daily — 24 Nov 2026 — no breach', status: 'sent', error: null, delivery: 'smtp' });
    expect(smtp.received.map((m) => [m.to, m.subject])).toEqual([[['hq@x.test'], '[Test] Vigie daily — 24 Nov 2026 — no breach']]);
    expect(smtp.received[0]!.html).toContain('Daily digest');
    expect(await h.db.select().from(digestRuns)).toEqual([]);
  });

  it('reports a refused test instead of hiding it', async () => {
    process.env.SMTP_URL = smtp.url;
    smtp.refuseNext(1);
    const hq = as(a.principals.hq);
    const [subscription] = await hq.list();
    const refused = await hq.sendTest({ id: subscription!.id });
    expect(refused.status).toBe('pending');
    expect(refused.error).toMatch(/451/);
  });
});

describe('the outbox', () => {
  it('lists every e-mail for admins, newest first, with counts and where mail goes', async () => {
    process.env.SMTP_URL = smtp.url;
    const page = await as(a.principals.admin).outbox.list({});
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.status)).toEqual(['pending', 'sent']);
    expect(page.rows[0]!.lastError).toMatch(/451/);
    expect(page.counts).toEqual({ pending: 1, sent: 1, failed: 0 });
    expect(page.delivery).toMatch(/^SMTP 127\.0\.0\.1:\d+$/);
    expect((await as(a.principals.admin).outbox.list({ status: 'sent' })).rows).toHaveLength(1);
    delete process.env.SMTP_URL;
    expect((await as(a.principals.admin).outbox.list({})).delivery).toBeNull();
  });

  it('opens an e-mail as the recipient sees it', async () => {
    const [row] = await h.db.select().from(emailOutbox).limit(1);
    const email = await as(a.principals.admin).outbox.get({ id: row!.id });
    expect(email.html).toContain('<html');
    expect(email.text).toContain('VIGIE — Daily digest');
    expect(email.headers['List-Unsubscribe']).toMatch(/^<http/);
    expect(await codeOf(() => as(a.principals.admin).outbox.get({ id: 999_999 }))).toBe('NOT_FOUND');
  });

  it('retries a failed e-mail at once, and only a failed one', async () => {
    process.env.SMTP_URL = smtp.url;
    const failed = await insertEmail(h.db, { toAddress: 'someone@x.test', subject: 'Stuck', html: '<p>x</p>', text: 'x', headers: {}, at: NOW });
    await markEmailAttemptFailed(h.db, failed.id, { error: '550 no such user', retryAt: null });
    const admin = as(a.principals.admin);
    const retried = await admin.outbox.retry({ id: failed.id });
    expect(retried).toMatchObject({ status: 'sent', attempts: 1 });
    expect(smtp.received.at(-1)!.subject).toBe('Stuck');
    expect(await codeOf(() => admin.outbox.retry({ id: failed.id }))).toBe('CONFLICT');
    const [audit] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'email.retry'));
    expect(audit).toMatchObject({ actorId: a.users.admin.id, entityId: String(failed.id) });
  });
});

describe('changing the cadence', () => {
  it('lets the weekly digest of a former daily one go out, although both periods start the same day', async () => {
    const admin = as(a.principals.admin);
    const digest = await admin.create(daily);
    const tick = (now: string) => sendDueDigests(h.db, { now: new Date(now), transport: null, publicUrl: 'https://vigie.example' });
    // Tuesday 24 Nov: the daily digest for Monday 23 (a replay: the digest was set up on the 25th).
    const tuesday = await tick('2026-11-24T06:10:00Z');
    expect(tuesday.queued.filter((q) => q.subscriptionId === digest.id).map((q) => q.period)).toEqual([{ from: '2026-11-23', to: '2026-11-23' }]);
    await admin.update({ id: digest.id, cadence: 'weekly' });
    // Monday 30 Nov: the week of 23 to 29 Nov, whose first day the daily digest had claimed.
    const monday = await tick('2026-11-30T06:10:00Z');
    expect(monday.queued.filter((q) => q.subscriptionId === digest.id).map((q) => q.period)).toEqual([{ from: '2026-11-23', to: '2026-11-29' }]);
    // The daily claim stays as the record of what went out; the same tick again sends nothing.
    const runs = await h.db.select().from(digestRuns).where(eq(digestRuns.subscriptionId, digest.id));
    expect(runs.map((r) => `${r.periodStart}..${r.periodEnd}`).sort()).toEqual(['2026-11-23..2026-11-23', '2026-11-23..2026-11-29']);
    expect((await tick('2026-11-30T06:11:00Z')).queued.filter((q) => q.subscriptionId === digest.id)).toEqual([]);
  });
});
