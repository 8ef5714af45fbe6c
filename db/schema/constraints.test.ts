import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { createTestDb } from '../testing';
import { callRecords, dailyReports, kpiTargets, sites, users } from './index';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

async function rejects(run: () => Promise<unknown>, constraint: string) {
  // drizzle wraps driver errors; the constraint name is on the cause.
  const error = (await run().then(
    () => null,
    (e: unknown) => e,
  )) as { message: string; cause?: { constraint_name?: string; constraint?: string; message?: string } } | null;
  expect(error, `expected ${constraint} to reject`).not.toBeNull();
  const text = `${error?.message} ${error?.cause?.message ?? ''} ${error?.cause?.constraint_name ?? ''} ${error?.cause?.constraint ?? ''}`;
  expect(text).toContain(constraint);
}

describe('schema constraints', () => {
  let siteId = 0;
  beforeAll(async () => {
    const [row] = await h.db
      .insert(sites)
      .values({ code: 'TUN', name: 'Tunis', country: 'TN', timezone: 'Africa/Tunis' })
      .returning();
    siteId = row!.id;
  });

  it('keeps site codes to 2–8 upper-case letters and unique', async () => {
    await rejects(() => h.db.insert(sites).values({ code: 'tun', name: 'x', country: 'TN', timezone: 'Africa/Tunis' }), 'sites_code_format');
    await rejects(() => h.db.insert(sites).values({ code: 'T', name: 'x', country: 'TN', timezone: 'Africa/Tunis' }), 'sites_code_format');
    await rejects(() => h.db.insert(sites).values({ code: 'TUN', name: 'x', country: 'TN', timezone: 'Africa/Tunis' }), 'sites_code_unique');
  });

  it('requires a site for a site lead and none for HQ roles', async () => {
    await rejects(
      () => h.db.insert(users).values({ email: 'lead@x.test', name: 'L', role: 'site_lead', passwordHash: 'x' }),
      'users_site_matches_role',
    );
    await rejects(
      () => h.db.insert(users).values({ email: 'hq@x.test', name: 'H', role: 'hq_manager', siteId, passwordHash: 'x' }),
      'users_site_matches_role',
    );
    await rejects(
      () => h.db.insert(users).values({ email: 'Upper@X.test', name: 'U', role: 'admin', passwordHash: 'x' }),
      'users_email_lowercase',
    );
  });

  it('keeps one call record per site and external id, with sane durations and csat', async () => {
    const base = {
      siteId,
      externalId: 'c-1',
      direction: 'inbound' as const,
      queue: 'billing',
      startedAt: new Date('2026-11-02T09:00:00Z'),
      localDay: '2026-11-02',
      waitSeconds: 3,
      talkSeconds: 100,
      holdSeconds: 0,
      wrapSeconds: 10,
      abandoned: false,
    };
    await h.db.insert(callRecords).values(base);
    await rejects(() => h.db.insert(callRecords).values(base), 'call_records_pk');
    await rejects(() => h.db.insert(callRecords).values({ ...base, externalId: 'c-2', csat: 6 }), 'call_records_csat_range');
    await rejects(() => h.db.insert(callRecords).values({ ...base, externalId: 'c-3', talkSeconds: -1 }), 'call_records_durations_range');
    await rejects(() => h.db.insert(callRecords).values({ ...base, externalId: 'c-4', siteId: 99_999 }), 'call_records_site_id_sites_id_fk');
  });

  it('allows one daily report per site and day', async () => {
    const report = { siteId, day: '2026-11-02', scheduledAgents: 40, presentAgents: 37, submittedBy: 'test' };
    await h.db.insert(dailyReports).values(report);
    await rejects(() => h.db.insert(dailyReports).values(report), 'daily_reports_pk');
  });

  it('keeps one network default per metric (null site ids are not distinct)', async () => {
    await h.db.insert(kpiTargets).values({ metric: 'csat', green: 0.8, amber: 0.7 });
    await rejects(() => h.db.insert(kpiTargets).values({ metric: 'csat', green: 0.9, amber: 0.8 }), 'kpi_targets_site_metric');
    await h.db.insert(kpiTargets).values({ metric: 'csat', siteId, green: 0.75, amber: 0.6 });
    const rows = await h.db.select().from(kpiTargets);
    expect(rows).toHaveLength(2);
  });

  it('reports which driver it runs on', async () => {
    const rows = await h.db.execute(sql`select 1 as one`);
    expect(h.driver).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
    expect(rows).toBeTruthy();
  });
});
