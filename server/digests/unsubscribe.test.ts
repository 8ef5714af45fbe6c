// One-click unsubscribe: the link and the List-Unsubscribe header of a real digest, followed
// without a session (GET from the e-mail, POST as RFC 8058 mail clients do).
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { insertSubscription } from '@/db/queries/digests';
import { auditLog, digestSubscriptions, emailOutbox, users, type DigestSubscription } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { makeSite, makeUser } from '@/test/fixtures';
import { sendDueDigests } from './send-due';
import { handleUnsubscribeRequest } from './unsubscribe';
import { signUnsubscribeToken, unsubscribeSecret, verifyUnsubscribeToken } from './unsubscribe-token';

const URL = 'https://vigie.example';
let h: DbHandle;
let mine: DigestSubscription;
let other: DigestSubscription;
let headerUrl: string;
let textUrl: string;

beforeAll(async () => {
  h = await createTestDb();
  await makeSite(h.db, { code: 'TUN', name: 'Tunis' });
  const claire = await makeUser(h.db, 'hq_manager', { email: 'claire@x.test' });
  await h.db.update(users).set({ locale: 'fr' }).where(eq(users.id, claire.id));
  const values = { cadence: 'daily' as const, sendMinute: 420, timezone: 'Europe/Paris', siteIds: null, active: true };
  const setUp = new Date('2026-11-01T00:00:00Z');
  mine = await insertSubscription(h.db, claire.id, values, setUp);
  other = await insertSubscription(h.db, claire.id, { ...values, cadence: 'weekly' }, setUp);
  await sendDueDigests(h.db, { now: new Date('2026-11-25T06:10:00Z'), transport: null, publicUrl: URL });
  const [email] = await h.db.select().from(emailOutbox).where(eq(emailOutbox.subject, 'Vigie quotidien — 24 nov. 2026 — aucun dépassement'));
  headerUrl = /^<(.+)>$/.exec(email!.headers['List-Unsubscribe']!)![1]!;
  textUrl = /Se désabonner: (\S+)/.exec(email!.text)![1]!;
});
afterAll(async () => {
  await h.close();
});

const isActive = async (id: number) => (await h.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.id, id)))[0]!.active;
const request = (url: string, init: RequestInit = {}) => handleUnsubscribeRequest(h.db, new Request(url.replace(URL, 'http://localhost:3000'), init));

describe('the unsubscribe link', () => {
  it('is the same in the header and the text part, and names the subscription', async () => {
    expect(headerUrl).toBe(textUrl);
    expect(headerUrl.startsWith(`${URL}/api/digests/unsubscribe?token=`)).toBe(true);
    const token = new globalThis.URL(headerUrl).searchParams.get('token')!;
    expect(verifyUnsubscribeToken(await unsubscribeSecret(h.db), token)).toBe(mine.id);
  });

  it('turns the digest off without signing in, says so in the owner’s language, and records who', async () => {
    const res = await request(headerUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Vous êtes désabonné');
    expect(html).toContain('claire@x.test ne recevra plus cette synthèse quotidienne.');
    expect(await isActive(mine.id)).toBe(false);
    expect(await isActive(other.id)).toBe(true);
    const audit = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'digest_subscription.unsubscribe'), eq(auditLog.entityId, String(mine.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'user', actorLabel: 'claire@x.test (unsubscribe link)' });
    // The next morning nothing goes out for it.
    const next = await sendDueDigests(h.db, { now: new Date('2026-11-26T06:10:00Z'), transport: null, publicUrl: URL });
    expect(next.queued.map((q) => q.subscriptionId)).toEqual([]);
  });

  it('can be followed again harmlessly', async () => {
    const res = await request(headerUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Cette synthèse était déjà désactivée.');
  });

  it('unsubscribes with the RFC 8058 one-click POST', async () => {
    const url = `${URL}/api/digests/unsubscribe?token=${signUnsubscribeToken(await unsubscribeSecret(h.db), other.id)}`;
    const res = await request(url, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    expect(await isActive(other.id)).toBe(false);
    // The scheduler's digest.queue entries name the subscription too: read the unsubscriptions.
    const audit = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'digest_subscription.unsubscribe'), eq(auditLog.entityId, String(other.id))));
    expect(audit.map((a) => a.actorLabel)).toEqual(['claire@x.test (unsubscribe one-click)']);
  });

  it('refuses a forged, altered or missing token without touching anything', async () => {
    await h.db.update(digestSubscriptions).set({ active: true }).where(inArray(digestSubscriptions.id, [mine.id, other.id]));
    const secret = await unsubscribeSecret(h.db);
    const good = signUnsubscribeToken(secret, mine.id);
    const forged = [
      `${other.id}.${good.split('.')[1]}`, // another subscription with this one's signature
      signUnsubscribeToken('another-secret', mine.id),
      `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`,
      'not-a-token',
      '',
    ];
    for (const token of forged) {
      const res = await request(`${URL}/api/digests/unsubscribe?token=${encodeURIComponent(token)}`, { headers: { 'Accept-Language': 'en-GB,en;q=0.8' } });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('This link does not work');
      const post = await request(`${URL}/api/digests/unsubscribe?token=${encodeURIComponent(token)}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
      expect(post.status).toBe(400);
    }
    const french = await request(`${URL}/api/digests/unsubscribe?token=nope`, { headers: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });
    expect(await french.text()).toContain('Ce lien ne fonctionne pas');
    expect(await isActive(mine.id)).toBe(true);
    expect(await isActive(other.id)).toBe(true);
  });
});
