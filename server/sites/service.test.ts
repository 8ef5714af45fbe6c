import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { DbHandle } from '@/db/client';
import { auditLog } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { cliActor, type Actor } from '@/server/auth/principal';
import { DomainError } from '@/server/errors';
import { createSite, setSiteActive, updateSite } from './service';
import { failureOf } from '@/test/fixtures';

let h: DbHandle;
const admin: Actor = { actorType: 'user', actorId: null, actorLabel: 'admin@x.test' };

beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

async function zodPaths(run: () => Promise<unknown>): Promise<string[]> {
  return (await failureOf(run, ZodError)).issues.map((issue) => issue.path.join('.'));
}

describe('site service', () => {
  it('creates a site with defaults, normalising what the CLI types, and audits it', async () => {
    const site = await createSite(h.db, cliActor(), {
      code: ' tun ',
      name: 'Tunis Lac',
      country: 'tn',
      timezone: 'Africa/Tunis',
      languages: 'fr, ar, fr',
      kind: 'Offshore',
      seats: '120',
      reportDeadline: '20:30',
    });
    expect(site).toMatchObject({
      code: 'TUN',
      country: 'TN',
      languages: ['fr', 'ar'],
      kind: 'offshore',
      seats: 120,
      slaSeconds: 20,
      reportDeadlineMinute: 20 * 60 + 30,
      active: true,
    });
    const [entry] = await h.db.select().from(auditLog).where(eq(auditLog.entityId, String(site.id)));
    expect(entry).toMatchObject({ actorType: 'cli', action: 'site.create', entity: 'site', siteId: site.id });
  });

  it('refuses a bad code, country, time zone, deadline or threshold with the field named', async () => {
    const base = { code: 'CAS', name: 'Casablanca', country: 'MA', timezone: 'Africa/Casablanca' };
    expect(await zodPaths(() => createSite(h.db, admin, { ...base, code: 'C4S' }))).toEqual(['code']);
    expect(await zodPaths(() => createSite(h.db, admin, { ...base, code: 'ABCDEFGHI' }))).toEqual(['code']);
    expect(await zodPaths(() => createSite(h.db, admin, { ...base, country: 'QQ' }))).toEqual(['country']);
    expect(await zodPaths(() => createSite(h.db, admin, { ...base, country: 'ZZ' }))).toEqual(['country']);
    expect(await zodPaths(() => createSite(h.db, admin, { ...base, timezone: 'Mars/Olympus' }))).toEqual(['timezone']);
    expect(await zodPaths(() => createSite(h.db, admin, { ...base, timezone: '+01:00' }))).toEqual(['timezone']);
    expect(await zodPaths(() => createSite(h.db, admin, { ...base, reportDeadline: '24:00' }))).toEqual(['reportDeadline']);
    expect(await zodPaths(() => createSite(h.db, admin, { ...base, slaSeconds: 0 }))).toEqual(['slaSeconds']);
    expect(await zodPaths(() => createSite(h.db, admin, { ...base, kind: 'moon' }))).toEqual(['kind']);
  });

  it('refuses a second site with the same code as a conflict', async () => {
    const error = await createSite(h.db, admin, { code: 'TUN', name: 'Again', country: 'TN', timezone: 'Africa/Tunis' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('CONFLICT');
  });

  it('updates fields but never the code, and records what changed', async () => {
    const site = await createSite(h.db, admin, { code: 'DKR', name: 'Dakar', country: 'SN', timezone: 'Africa/Dakar' });
    const updated = await updateSite(h.db, admin, { id: site.id, name: 'Dakar Plateau', slaSeconds: 30, reportDeadline: '19:00' });
    expect(updated).toMatchObject({ code: 'DKR', name: 'Dakar Plateau', slaSeconds: 30, reportDeadlineMinute: 1140 });
    const entries = await h.db.select().from(auditLog).where(eq(auditLog.action, 'site.update'));
    expect(entries.at(-1)?.details).toMatchObject({
      code: 'DKR',
      changes: { name: { from: 'Dakar', to: 'Dakar Plateau' }, slaSeconds: { from: 20, to: 30 } },
    });
    await expect(updateSite(h.db, admin, { id: 99_999, name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deactivates and reactivates a site, auditing each', async () => {
    const site = await createSite(h.db, admin, { code: 'ALG', name: 'Alger', country: 'DZ', timezone: 'Africa/Algiers' });
    expect((await setSiteActive(h.db, admin, { id: site.id, active: false })).active).toBe(false);
    expect((await setSiteActive(h.db, admin, { id: site.id, active: true })).active).toBe(true);
    const actions = (await h.db.select().from(auditLog).where(eq(auditLog.siteId, site.id))).map((e) => e.action);
    expect(actions).toEqual(['site.create', 'site.deactivate', 'site.reactivate']);
  });
});
