// The scheduler tick against a real database and a real SMTP server in-process: exactly one send
// per subscription and period (also when ticks race), catch-up after downtime, time zones and DST,
// failures recorded and retried with back-off, and the embedded outbox without SMTP.
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { insertSubscription, listRuns } from '@/db/queries/digests';
import { digestRuns, digestSubscriptions, emailOutbox, users, type User } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { makeSite, makeUser } from '@/test/fixtures';
import { smtpTransport, type MailTransport } from './mailer';
import { MAX_ATTEMPTS } from './outbox-delivery';
import { sendDueDigests } from './send-due';
import { startSmtpPeer, type SmtpPeer } from './testing';
import { verifyUnsubscribeToken, unsubscribeSecret } from './unsubscribe-token';

const URL = 'https://vigie.example';
let h: DbHandle;
let smtp: SmtpPeer;
let transport: MailTransport;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  transport = smtpTransport(smtp.url, 'Vigie <no-reply@vigie.example>');
});
afterAll(async () => {
  transport.close();
  await smtp.close();
});
beforeEach(async () => {
  h = await createTestDb();
  smtp.received.splice(0);
  smtp.refuseNext(0);
  await makeSite(h.db, { code: 'TUN', name: 'Tunis', timezone: 'Africa/Tunis' });
  await makeSite(h.db, { code: 'CAS', name: 'Casablanca', country: 'MA', timezone: 'Africa/Casablanca' });
});
afterEach(async () => {
  await h.close();
});

const tick = (now: string, via: MailTransport | null = transport) => sendDueDigests(h.db, { now: new Date(now), transport: via, publicUrl: URL });

async function person(email: string, locale: 'en' | 'fr' = 'en'): Promise<User> {
  const user = await makeUser(h.db, 'hq_manager', { email });
  const [row] = await h.db.update(users).set({ locale, name: email.split('@')[0]! }).where(eq(users.id, user.id)).returning();
  return row!;
}

/** Subscriptions set up long before the instants the ticks run at, unless told otherwise. */
async function subscribe(user: User, over: { cadence?: 'daily' | 'weekly'; sendMinute?: number; timezone?: string; at?: string } = {}) {
  return insertSubscription(
    h.db,
    user.id,
    { cadence: over.cadence ?? 'daily', sendMinute: over.sendMinute ?? 420, timezone: over.timezone ?? 'Europe/Paris', siteIds: null, active: true },
    new Date(over.at ?? '2026-01-01T00:00:00Z'),
  );
}

const periods = async (subscriptionId: number) => (await listRuns(h.db, subscriptionId)).map((r) => `${r.periodStart}..${r.periodEnd}`);
const outbox = () => h.db.select().from(emailOutbox).orderBy(emailOutbox.id);

describe('a tick', () => {
  it('sends each due digest once over SMTP, both parts in the recipient’s language, with one-click unsubscribe headers', async () => {
    const claire = await person('claire@x.test', 'fr');
    const alex = await person('alex@x.test', 'en');
    const daily = await subscribe(claire);
    await subscribe(alex, { sendMinute: 480 });

    // 06:10Z is 07:10 in Paris: Claire's 07:00 digest is due, Alex's 08:00 one is not (its latest due period is the day before's).
    const first = await tick('2026-11-25T06:10:00Z');
    expect(first.errors).toEqual([]);
    expect(first.queued.map((q) => [q.recipient, q.period.from])).toEqual([
      ['claire@x.test', '2026-11-24'],
      ['alex@x.test', '2026-11-23'],
    ]);
    expect(first.delivery).toEqual({ sent: 2, retrying: 0, failed: 0, errors: [] });

    const mail = smtp.received.find((m) => m.to.includes('claire@x.test'))!;
    expect(mail.from).toBe('no-reply@vigie.example');
    expect(mail.subject).toBe('Vigie quotidien — 24 nov. 2026 — aucun dépassement');
    expect(mail.html).toContain('Synthèse quotidienne');
    expect(mail.html).toContain('mardi 24 novembre 2026');
    expect(mail.text).toContain('VIGIE — Synthèse quotidienne');
    expect(mail.text).toContain('TUN — Tunis');
    const link = /<(https:\/\/vigie\.example\/api\/digests\/unsubscribe\?token=([^>]+))>/.exec(mail.headers.get('list-unsubscribe') ?? '');
    expect(link).not.toBeNull();
    expect(verifyUnsubscribeToken(await unsubscribeSecret(h.db), decodeURIComponent(link![2]!))).toBe(daily.id);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.text.replace(/\r\n/g, '\n')).toContain(`Se désabonner: ${link![1]}`);
    const english = smtp.received.find((m) => m.to.includes('alex@x.test'))!;
    expect(english.subject).toBe('Vigie daily — 23 Nov 2026 — no breach');
    expect(english.text).toContain('VIGIE — Daily digest');

    const rows = await outbox();
    expect(rows.map((r) => [r.toAddress, r.status, r.attempts])).toEqual([
      ['claire@x.test', 'sent', 1],
      ['alex@x.test', 'sent', 1],
    ]);
    const [run] = await listRuns(h.db, daily.id);
    expect(run).toMatchObject({ status: 'sent', emailId: rows[0]!.id });

    // 07:05Z: Alex's 08:00 is reached; Claire's period is claimed already.
    const second = await tick('2026-11-25T07:05:00Z');
    expect(second.queued.map((q) => [q.recipient, q.period.from])).toEqual([['alex@x.test', '2026-11-24']]);
    expect(second.alreadyClaimed).toBe(1);
    const third = await tick('2026-11-25T07:06:00Z');
    expect(third.queued).toEqual([]);
    expect(third.alreadyClaimed).toBe(2);
    expect(smtp.received).toHaveLength(3);
  });

  it('sends once when ticks race (several instances at the same minute)', async () => {
    const subscription = await subscribe(await person('claire@x.test'));
    const results = await Promise.all([tick('2026-11-25T06:00:00Z'), tick('2026-11-25T06:00:00Z'), tick('2026-11-25T06:00:30Z')]);
    expect(results.reduce((n, r) => n + r.queued.length, 0)).toBe(1);
    expect(results.reduce((n, r) => n + r.alreadyClaimed, 0)).toBe(2);
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    expect(smtp.received).toHaveLength(1);
    expect(await periods(subscription.id)).toEqual(['2026-11-24..2026-11-24']);
    expect(await outbox()).toHaveLength(1);
  });

  it('catches up after downtime with the latest period only, never a backlog', async () => {
    const claire = await person('claire@x.test');
    const daily = await subscribe(claire);
    const weekly = await subscribe(claire, { cadence: 'weekly' });
    // Monday 16 Nov, 07:10 Paris: yesterday and last week.
    await tick('2026-11-16T06:10:00Z');
    expect(await periods(daily.id)).toEqual(['2026-11-15..2026-11-15']);
    expect(await periods(weekly.id)).toEqual(['2026-11-09..2026-11-15']);
    // Down until Thursday 19 Nov, 06:00 Paris: Wednesday's digest (covering Tuesday) is owed, not Monday's or Tuesday's.
    await tick('2026-11-19T05:00:00Z');
    expect(await periods(daily.id)).toEqual(['2026-11-15..2026-11-15', '2026-11-17..2026-11-17']);
    expect(await periods(weekly.id)).toEqual(['2026-11-09..2026-11-15']);
    await tick('2026-11-19T06:00:00Z');
    expect(await periods(daily.id)).toEqual(['2026-11-15..2026-11-15', '2026-11-17..2026-11-17', '2026-11-18..2026-11-18']);
    expect(smtp.received.map((m) => m.subject)).toEqual([
      'Vigie daily — 15 Nov 2026 — no breach',
      expect.stringMatching(/^Vigie weekly — 9\s?–\s?15 Nov 2026 — no breach$/),
      'Vigie daily — 17 Nov 2026 — no breach',
      'Vigie daily — 18 Nov 2026 — no breach',
    ]);
  });

  it('sends a weekly digest on Monday at the local send time across a DST change', async () => {
    const weekly = await subscribe(await person('claire@x.test'), { cadence: 'weekly' });
    await tick('2026-03-29T12:00:00Z'); // Sunday: last Monday's digest is the latest due
    expect(await periods(weekly.id)).toEqual(['2026-03-16..2026-03-22']);
    await tick('2026-03-30T04:59:00Z'); // Monday 06:59 CEST
    expect(await periods(weekly.id)).toHaveLength(1);
    await tick('2026-03-30T05:00:00Z'); // Monday 07:00 CEST (06:00Z a week earlier)
    expect(await periods(weekly.id)).toEqual(['2026-03-16..2026-03-22', '2026-03-23..2026-03-29']);
    expect(smtp.received.at(-1)!.subject).toMatch(/^Vigie weekly — 23\s?–\s?29 Mar 2026 — no breach$/);
  });

  it('sends a time inside the repeated autumn hour once, at its first occurrence', async () => {
    const daily = await subscribe(await person('claire@x.test'), { sendMinute: 150 });
    await tick('2026-10-25T00:29:00Z'); // 02:29 CEST: the day before's digest
    await tick('2026-10-25T00:30:00Z'); // 02:30 CEST
    await tick('2026-10-25T01:30:00Z'); // 02:30 CET, again
    await tick('2026-10-25T05:00:00Z');
    expect(await periods(daily.id)).toEqual(['2026-10-23..2026-10-23', '2026-10-24..2026-10-24']);
    expect(smtp.received).toHaveLength(2);
  });

  it('reads the send time in the subscription’s own time zone', async () => {
    const daily = await subscribe(await person('claire@x.test'), { timezone: 'Indian/Mauritius', sendMinute: 480 });
    await tick('2026-11-25T03:59:00Z'); // 07:59 in Port Louis
    expect(await periods(daily.id)).toEqual(['2026-11-23..2026-11-23']);
    await tick('2026-11-25T04:00:00Z');
    expect(await periods(daily.id)).toEqual(['2026-11-23..2026-11-23', '2026-11-24..2026-11-24']);
  });

  it('starts a digest set up after this morning’s send time with the next send, as the settings page says', async () => {
    const fresh = await subscribe(await person('fresh@x.test'), { at: '2026-11-25T09:00:00Z' });
    const weekly = await subscribe(await person('weekly@x.test'), { cadence: 'weekly', at: '2026-11-25T09:00:00Z' });
    await tick('2026-11-25T09:01:00Z');
    expect(await periods(fresh.id)).toEqual([]);
    expect(await periods(weekly.id)).toEqual([]);
    await tick('2026-11-26T06:00:00Z');
    expect(await periods(fresh.id)).toEqual(['2026-11-25..2026-11-25']);
    await tick('2026-11-30T06:00:00Z');
    expect(await periods(weekly.id)).toEqual(['2026-11-23..2026-11-29']);
    expect(await periods(fresh.id)).toEqual(['2026-11-25..2026-11-25', '2026-11-29..2026-11-29']);
    // Changing it (here, resuming it later) moves the start the same way.
    await h.db.update(digestSubscriptions).set({ updatedAt: new Date('2026-12-01T12:00:00Z') }).where(eq(digestSubscriptions.id, fresh.id));
    await tick('2026-12-01T12:01:00Z');
    expect(await periods(fresh.id)).toEqual(['2026-11-25..2026-11-25', '2026-11-29..2026-11-29']);
    // A replay as of an instant before the set-up takes the subscription as always there.
    await tick('2026-11-20T06:10:00Z');
    expect(await periods(fresh.id)).toEqual(['2026-11-19..2026-11-19', '2026-11-25..2026-11-25', '2026-11-29..2026-11-29']);
  });

  it('skips inactive subscriptions and deactivated users', async () => {
    const off = await person('off@x.test');
    const gone = await person('gone@x.test');
    const subscription = await subscribe(off);
    await h.db.execute(sql`update digest_subscriptions set active = false where id = ${subscription.id}`);
    await subscribe(gone);
    await h.db.update(users).set({ active: false }).where(eq(users.id, gone.id));
    const result = await tick('2026-11-25T06:10:00Z');
    expect(result.subscriptions).toBe(0);
    expect(await outbox()).toEqual([]);
  });
});

describe('delivery failures', () => {
  it('records a refused attempt and retries it after its back-off, on a later tick', async () => {
    const subscription = await subscribe(await person('claire@x.test'));
    smtp.refuseNext(1);
    const first = await tick('2026-11-25T06:00:00Z');
    expect(first.delivery).toMatchObject({ sent: 0, retrying: 1, failed: 0 });
    expect(first.delivery.errors[0]).toMatchObject({ to: 'claire@x.test', attempt: 1, final: false });
    expect(first.delivery.errors[0]!.error).toContain('451');
    let [row] = await outbox();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: new Date('2026-11-25T06:01:00Z') });
    expect(row!.lastError).toMatch(/451/);
    expect((await listRuns(h.db, subscription.id))[0]).toMatchObject({ status: 'claimed' });

    await tick('2026-11-25T06:00:40Z'); // not yet
    expect(smtp.refused).toBeGreaterThanOrEqual(1);
    [row] = await outbox();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });

    const retry = await tick('2026-11-25T06:01:00Z');
    expect(retry.queued).toEqual([]);
    expect(retry.delivery).toMatchObject({ sent: 1, retrying: 0 });
    [row] = await outbox();
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null, sentAt: new Date('2026-11-25T06:01:00Z') });
    expect(smtp.received.filter((m) => m.to.includes('claire@x.test'))).toHaveLength(1);
    expect((await listRuns(h.db, subscription.id))[0]).toMatchObject({ status: 'sent' });
  });

  it('gives up after the maximum attempts and leaves the e-mail failed, with its last error', async () => {
    const subscription = await subscribe(await person('claire@x.test'));
    smtp.refuseNext(1000);
    let now = new Date('2026-11-25T06:00:00Z');
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await sendDueDigests(h.db, { now, transport, publicUrl: URL });
      const [row] = await outbox();
      now = new Date(Math.max(row!.nextAttemptAt.getTime(), now.getTime()) + 1000);
    }
    const [row] = await outbox();
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(row!.lastError).toMatch(/451/);
    const [run] = await h.db.select().from(digestRuns).where(eq(digestRuns.subscriptionId, subscription.id));
    expect(run).toMatchObject({ status: 'failed' });
    expect(run!.error).toMatch(/451/);
    expect(smtp.received).toHaveLength(0);
  });

  it('keeps the claim out of a digest that cannot be composed, so the next tick tries again, and says why', async () => {
    const broken = await subscribe(await person('broken@x.test'), { timezone: 'Mars/Olympus' });
    const fine = await subscribe(await person('fine@x.test'));
    const result = await tick('2026-11-25T06:10:00Z');
    expect(result.errors).toEqual([{ subscriptionId: broken.id, error: expect.stringContaining('Mars/Olympus') }]);
    expect(result.queued.map((q) => q.subscriptionId)).toEqual([fine.id]);
    expect(await periods(broken.id)).toEqual([]);
  });
});

describe('without SMTP', () => {
  it('delivers into the outbox, where admins read it', async () => {
    await subscribe(await person('claire@x.test'));
    const result = await tick('2026-11-25T06:10:00Z', null);
    expect(result.delivery).toEqual({ sent: 1, retrying: 0, failed: 0, errors: [] });
    const [row] = await outbox();
    expect(row).toMatchObject({ toAddress: 'claire@x.test', status: 'sent', attempts: 1, sentAt: new Date('2026-11-25T06:10:00Z') });
    expect(row!.html).toContain('Daily digest');
    expect(row!.text).toContain('VIGIE — Daily digest');
    expect(row!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(smtp.received).toHaveLength(0);
  });
});
