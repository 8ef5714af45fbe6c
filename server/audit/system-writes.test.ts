// Writes that no person makes are audited too: a digest queued by the scheduler (or by
// `vigie digests:send-due`) leaves an entry naming who queued it, once per period like the digest.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { insertSubscription } from '@/db/queries/digests';
import { auditLog } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { sendDueDigests } from '@/server/digests/send-due';
import { makeSite, makeUser } from '@/test/fixtures';

let h: DbHandle;

beforeAll(async () => {
  h = await createTestDb();
  await makeSite(h.db, { code: 'TUN', name: 'Tunis', timezone: 'Africa/Tunis' });
});
afterAll(async () => {
  await h.close();
});

const queued = () => h.db.select().from(auditLog).where(eq(auditLog.action, 'digest.queue')).orderBy(auditLog.id);

describe('digest.queue', () => {
  it('records each queued digest once, by the scheduler or by the command line', async () => {
    const user = await makeUser(h.db, 'hq_manager', { email: 'claire@x.test' });
    const daily = await insertSubscription(h.db, user.id, { cadence: 'daily', sendMinute: 420, timezone: 'Europe/Paris', siteIds: null, active: true }, new Date('2026-01-01T00:00:00Z'));

    const first = await sendDueDigests(h.db, { now: new Date('2026-11-25T06:10:00Z'), transport: null, publicUrl: 'https://vigie.example' });
    expect(first.queued).toHaveLength(1);
    // The same period again: no digest, so no entry.
    await sendDueDigests(h.db, { now: new Date('2026-11-25T06:20:00Z'), transport: null, publicUrl: 'https://vigie.example' });
    await sendDueDigests(h.db, { now: new Date('2026-11-26T06:10:00Z'), transport: null, publicUrl: 'https://vigie.example', actor: cliActor() });

    const entries = await queued();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      actorType: 'system',
      actorLabel: 'digest scheduler',
      entity: 'digest_subscription',
      entityId: String(daily.id),
      details: { emailId: first.queued[0]!.emailId, to: 'claire@x.test', cadence: 'daily', from: '2026-11-24', until: '2026-11-24' },
    });
    expect(entries[1]).toMatchObject({ actorType: 'cli', details: { from: '2026-11-25' } });
  });
});
