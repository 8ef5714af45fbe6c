// Daily reports through their tRPC router on a real database, with a clock the tests set: one
// report per site and day, amended until acknowledged, late and missing in each site's own zone.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, dailyReports, kpiTargets } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import type { Principal, UserPrincipal } from '@/server/auth/principal';
import { createCallerFactory, createInnerContext, createTRPCRouter } from '@/server/trpc/init';
import { trpcCode, makePrincipal, makeSite, siteKeyPrincipal } from '@/test/fixtures';
import { reportsRouter } from './router';

const router = createTRPCRouter({ reports: reportsRouter });
const createCaller = createCallerFactory(router);

let h: DbHandle;
// Port Louis is UTC+4 and Dakar UTC+0: both due at 21:00 local, 17:00 and 21:00 UTC.
const site = { MRU: 0, DKR: 0, OLD: 0 };
let hq: UserPrincipal;
let leadMru: UserPrincipal;
let leadDkr: UserPrincipal;

const at = (iso: string) => new Date(iso);
const caller = (principal: Principal | undefined, now: Date) =>
  createCaller(createInnerContext({ db: h.db, driver: h.driver, principal, now: () => now }));

const REPORT = {
  date: '2025-03-14',
  scheduledAgents: 40,
  presentAgents: 37,
  leavers: 1,
  incidents: [{ category: 'power' as const, description: 'Generator test overran', minutesLost: 12 }],
  highlights: 'Backlog cleared',
  blockers: '',
};

beforeAll(async () => {
  h = await createTestDb();
  site.MRU = (await makeSite(h.db, { code: 'MRU', name: 'Port Louis', country: 'MU', timezone: 'Indian/Mauritius', createdAt: at('2025-01-01T00:00:00Z') })).id;
  site.DKR = (await makeSite(h.db, { code: 'DKR', name: 'Dakar Plateau', country: 'SN', timezone: 'Africa/Dakar', createdAt: at('2025-01-01T00:00:00Z') })).id;
  site.OLD = (await makeSite(h.db, { code: 'OLD', name: 'Closed centre', timezone: 'Europe/Paris', active: false })).id;
  hq = await makePrincipal(h.db, 'hq_manager');
  leadMru = await makePrincipal(h.db, 'site_lead', site.MRU);
  leadDkr = await makePrincipal(h.db, 'site_lead', site.DKR);
});
afterAll(async () => {
  await h.close();
});

describe('filing a report', () => {
  it('is pending before each site’s deadline and missing after it, in the site’s own zone', async () => {
    // 18:00 UTC: 22:00 in Port Louis (deadline passed), 18:00 in Dakar (not yet).
    const inbox = await caller(hq, at('2025-03-14T18:00:00Z')).reports.inbox({ date: '2025-03-14' });
    expect(inbox.map((r) => [r.site.code, r.status])).toEqual([
      ['MRU', 'missing'],
      ['DKR', 'pending'],
    ]);
    expect((await caller(hq, at('2025-03-14T18:00:00Z')).reports.onDate({ date: '2025-03-14' })).missing).toEqual(['MRU']);
    expect((await caller(hq, at('2025-03-14T21:00:01Z')).reports.onDate({ date: '2025-03-14' })).missing).toEqual(['DKR', 'MRU']);
  });

  it('marks a report first sent after the deadline late, and one sent by it on time', async () => {
    const late = await caller(leadMru, at('2025-03-14T17:00:01Z')).reports.submit(REPORT);
    expect(late).toMatchObject({ site: 'MRU', date: '2025-03-14', status: 'late', amended: false, deadline: '2025-03-14T17:00:00.000Z' });
    const onTime = await caller(siteKeyPrincipal(site.DKR), at('2025-03-14T20:59:00Z')).reports.submit({ ...REPORT, incidents: [] });
    expect(onTime).toMatchObject({ site: 'DKR', status: 'on_time', submittedBy: 'site key test key' });
    const inbox = await caller(hq, at('2025-03-14T22:00:00Z')).reports.inbox({ date: '2025-03-14' });
    expect(inbox.map((r) => [r.site.code, r.status])).toEqual([
      ['MRU', 'late'],
      ['DKR', 'on_time'],
    ]);
  });

  it('keeps one report per site and day: sending again amends it, and the first submission decides lateness', async () => {
    const amended = await caller(siteKeyPrincipal(site.DKR), at('2025-03-14T23:00:00Z')).reports.submit({ ...REPORT, presentAgents: 35, incidents: [] });
    expect(amended).toMatchObject({ amended: true, presentAgents: 35, status: 'on_time', submittedAt: '2025-03-14T20:59:00.000Z', updatedAt: '2025-03-14T23:00:00.000Z' });
    const rows = await h.db.select().from(dailyReports).where(eq(dailyReports.siteId, site.DKR));
    expect(rows).toHaveLength(1);
    const audit = await h.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'daily_report'), eq(auditLog.siteId, site.DKR)));
    expect(audit.map((a) => a.action)).toEqual(['daily_report.submit', 'daily_report.amend']);
  });

  it('keeps the productive hours a report gives, answers them back, and drops them when an amendment leaves them out', async () => {
    const at14 = at('2025-03-14T23:30:00Z');
    const filed = await caller(siteKeyPrincipal(site.DKR), at14).reports.submit({ ...REPORT, date: '2025-03-12', incidents: [], productiveHours: 262.5 });
    expect(filed).toMatchObject({ date: '2025-03-12', productiveHours: 262.5 });
    const read = await caller(hq, at14).reports.onDate({ date: '2025-03-12' });
    expect(read.reports.find((r) => r.site === 'DKR')).toMatchObject({ productiveHours: 262.5 });
    const [row] = await h.db.select().from(dailyReports).where(and(eq(dailyReports.siteId, site.DKR), eq(dailyReports.day, '2025-03-12')));
    expect(row!.productiveHours).toBe(262.5);
    const [entry] = await h.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'daily_report.submit'), eq(auditLog.entityId, 'DKR:2025-03-12')));
    expect(entry!.details).toMatchObject({ productiveHours: 262.5 });
    const amended = await caller(siteKeyPrincipal(site.DKR), at14).reports.submit({ ...REPORT, date: '2025-03-12', incidents: [], productiveHours: null });
    expect(amended).toMatchObject({ amended: true, productiveHours: null });
    expect(await trpcCode(() => caller(leadDkr, at14).reports.submit({ ...REPORT, date: '2025-03-12', productiveHours: -0.5 }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => caller(leadDkr, at14).reports.submit({ ...REPORT, date: '2025-03-12', productiveHours: 100_000.5 }))).toBe('BAD_REQUEST');
    // Out of the way of the compliance figures below.
    await h.db.delete(dailyReports).where(and(eq(dailyReports.siteId, site.DKR), eq(dailyReports.day, '2025-03-12')));
  });

  it('refuses a day after the site’s own today', async () => {
    // 20:30 UTC on 14 March is already 15 March in Port Louis, still 14 March in Dakar.
    const now = at('2025-03-14T20:30:00Z');
    await expect(caller(leadMru, now).reports.submit({ ...REPORT, date: '2025-03-15' })).resolves.toMatchObject({ date: '2025-03-15' });
    expect(await trpcCode(() => caller(leadDkr, now).reports.submit({ ...REPORT, date: '2025-03-15' }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => caller(leadDkr, now).reports.submit({ ...REPORT, date: '2025-02-30' }))).toBe('BAD_REQUEST');
    expect(
      await trpcCode(() => caller(leadDkr, now).reports.submit({ ...REPORT, incidents: [{ category: 'aliens' as 'other', description: 'x' }] })),
    ).toBe('BAD_REQUEST');
  });

  it('files for the key’s own site only: a site key of one site cannot file for another', async () => {
    const before = await h.db.select().from(dailyReports).where(and(eq(dailyReports.siteId, site.DKR), eq(dailyReports.day, '2025-03-13')));
    await caller(siteKeyPrincipal(site.MRU), at('2025-03-14T10:00:00Z')).reports.submit({ ...REPORT, date: '2025-03-13', site: 'DKR' } as typeof REPORT);
    const dkr = await h.db.select().from(dailyReports).where(and(eq(dailyReports.siteId, site.DKR), eq(dailyReports.day, '2025-03-13')));
    const mru = await h.db.select().from(dailyReports).where(and(eq(dailyReports.siteId, site.MRU), eq(dailyReports.day, '2025-03-13')));
    expect(before).toHaveLength(0);
    expect(dkr).toHaveLength(0);
    expect(mru).toHaveLength(1);
  });

  it('is for a site’s key or its lead only', async () => {
    const now = at('2025-03-14T12:00:00Z');
    expect(await trpcCode(() => caller(undefined, now).reports.submit(REPORT))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => caller(hq, now).reports.submit(REPORT))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(siteKeyPrincipal(site.OLD), now).reports.submit(REPORT))).toBe('FORBIDDEN');
  });
});

describe('acknowledgement', () => {
  it('lets HQ acknowledge with a comment that the lead then reads, and stops amendments (409)', async () => {
    const ack = await caller(hq, at('2025-03-15T08:00:00Z')).reports.acknowledge({ site: 'mru', date: '2025-03-14', comment: 'Send the generator log' });
    expect(ack).toMatchObject({ site: 'MRU', hqComment: 'Send the generator log', acknowledgedBy: hq.name });
    expect(ack.acknowledgedAt?.toISOString()).toBe('2025-03-15T08:00:00.000Z');

    const history = await caller(leadMru, at('2025-03-15T09:00:00Z')).reports.history({ from: '2025-03-13', to: '2025-03-15' });
    const day = history.days.find((d) => d.date === '2025-03-14')!;
    expect(day.report).toMatchObject({ hqComment: 'Send the generator log', status: 'late' });

    expect(await trpcCode(() => caller(leadMru, at('2025-03-15T09:00:00Z')).reports.submit({ ...REPORT, presentAgents: 1 }))).toBe('CONFLICT');
    const [row] = await h.db.select().from(dailyReports).where(and(eq(dailyReports.siteId, site.MRU), eq(dailyReports.day, '2025-03-14')));
    expect(row?.presentAgents).toBe(37);

    // A second acknowledgement changes the comment and keeps the first acknowledgement's time.
    const again = await caller(hq, at('2025-03-16T08:00:00Z')).reports.acknowledge({ site: 'MRU', date: '2025-03-14', comment: 'Received, thanks' });
    expect(again.acknowledgedAt?.toISOString()).toBe('2025-03-15T08:00:00.000Z');
    expect(again.hqComment).toBe('Received, thanks');
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.action, 'daily_report.acknowledge'));
    expect(audit).toHaveLength(2);
  });

  it('is for HQ only, and needs a report to acknowledge', async () => {
    const now = at('2025-03-15T08:00:00Z');
    expect(await trpcCode(() => caller(leadMru, now).reports.acknowledge({ site: 'MRU', date: '2025-03-14' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(undefined, now).reports.acknowledge({ site: 'MRU', date: '2025-03-14' }))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => caller(hq, now).reports.acknowledge({ site: 'DKR', date: '2025-03-01' }))).toBe('NOT_FOUND');
  });
});

describe('reading reports', () => {
  it('gives a site lead their own site only', async () => {
    const now = at('2025-03-15T12:00:00Z');
    const onDate = await caller(leadDkr, now).reports.onDate({ date: '2025-03-14' });
    expect(onDate.reports.map((r) => r.site)).toEqual(['DKR']);
    expect(JSON.stringify(onDate)).not.toMatch(/MRU/);
    const inbox = await caller(leadDkr, now).reports.inbox({});
    expect(inbox.map((r) => r.site.code)).toEqual(['DKR']);
    expect(await trpcCode(() => caller(leadDkr, now).reports.history({ site: 'MRU', from: '2025-03-01', to: '2025-03-15' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(leadDkr, now).reports.history({ site: 'NOPE', from: '2025-03-01', to: '2025-03-15' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(leadDkr, now).reports.compliance({ from: '2025-03-01', to: '2025-03-15', sites: 'MRU' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(undefined, now).reports.inbox({}))).toBe('UNAUTHORIZED');
    expect(await trpcCode(() => caller(siteKeyPrincipal(site.DKR), now).reports.onDate({ date: '2025-03-14' }))).toBe('FORBIDDEN');
  });

  it('shows each site its own today in the inbox when no date is given', async () => {
    // 21:30 UTC on 15 March: 16 March in Port Louis, 15 March in Dakar.
    const inbox = await caller(hq, at('2025-03-15T21:30:00Z')).reports.inbox({});
    expect(Object.fromEntries(inbox.map((r) => [r.site.code, [r.date, r.status]]))).toEqual({
      MRU: ['2025-03-16', 'pending'],
      DKR: ['2025-03-15', 'missing'],
    });
  });
});

describe('report compliance', () => {
  it('counts reports in by the deadline over the days due, per site and summed for the network', async () => {
    // As of 21:30 UTC on 15 March, over 13–16 March:
    // MRU: 13th filed on the 14th (late), 14th late, 15th filed at 00:30 local (on time), 16th not due → 3 due.
    // DKR: 13 missing, 14 on time, 15 missing (21:00 UTC passed), 16 not due → 3 due.
    // Graded against the report-compliance targets: the network default, and Dakar's own lower bar.
    await h.db.insert(kpiTargets).values([
      { siteId: null, metric: 'report_compliance', green: 0.95, amber: 0.3 },
      { siteId: site.DKR, metric: 'report_compliance', green: 0.3, amber: 0.2 },
    ]);
    const summary = await caller(hq, at('2025-03-15T21:30:00Z')).reports.compliance({ from: '2025-03-13', to: '2025-03-16' });
    expect(summary.sites).toEqual([
      { code: 'DKR', name: 'Dakar Plateau', expected: 3, onTime: 1, late: 0, missing: 2, compliance: 1 / 3, rag: 'green' },
      { code: 'MRU', name: 'Port Louis', expected: 3, onTime: 1, late: 2, missing: 0, compliance: 1 / 3, rag: 'amber' },
    ]);
    expect(summary.network).toEqual({ expected: 6, onTime: 2, late: 2, missing: 2, compliance: 2 / 6, rag: 'amber' });
    // Without dates: the 30 days ending at the latest site-local today (16 March in Port Louis).
    const lastMonth = await caller(hq, at('2025-03-15T21:30:00Z')).reports.compliance({});
    expect([lastMonth.from, lastMonth.to]).toEqual(['2025-02-15', '2025-03-16']);
    expect(lastMonth.network).toMatchObject({ onTime: 2, late: 2 });

    const history = await caller(hq, at('2025-03-15T21:30:00Z')).reports.history({ site: 'MRU', from: '2025-03-13', to: '2025-03-16' });
    expect(history.days.map((d) => [d.date, d.status])).toEqual([
      ['2025-03-16', 'pending'],
      ['2025-03-15', 'on_time'],
      ['2025-03-14', 'late'],
      ['2025-03-13', 'late'],
    ]);
    expect(history.compliance).toEqual({ expected: 3, onTime: 1, late: 2, missing: 0, compliance: 1 / 3 });
  });

  it('gives a site lead their site and the network without other names', async () => {
    const summary = await caller(leadDkr, at('2025-03-15T21:30:00Z')).reports.compliance({ from: '2025-03-13', to: '2025-03-16' });
    expect(summary.sites.map((s) => s.code)).toEqual(['DKR']);
    // Port Louis is the only other site: the network minus Dakar would be Port Louis, so the lead
    // gets no network figure (server/kpi/lead-network.ts).
    expect(summary.network).toMatchObject({ expected: 0, compliance: null });
    expect(JSON.stringify(summary)).not.toMatch(/MRU|Port Louis/);
  });
});

describe('a site that joined recently', () => {
  it('owes no report for the days before it took part', async () => {
    // Created at 09:00 in Dakar on 15 March, no report and no call yet.
    await makeSite(h.db, { code: 'NEW', name: 'New centre', country: 'SN', timezone: 'Africa/Dakar', createdAt: at('2025-03-15T09:00:00Z') });
    const now = at('2025-03-16T22:00:00Z');
    const summary = await caller(hq, now).reports.compliance({ from: '2025-03-01', to: '2025-03-16', sites: 'NEW' });
    expect(summary.sites).toEqual([{ code: 'NEW', name: 'New centre', expected: 2, onTime: 0, late: 0, missing: 2, compliance: 0, rag: 'red' }]);
    const history = await caller(hq, now).reports.history({ site: 'NEW', from: '2025-03-01', to: '2025-03-16' });
    expect(history.days.map((d) => [d.date, d.status])).toEqual([
      ['2025-03-16', 'missing'],
      ['2025-03-15', 'missing'],
    ]);
    const before = await caller(hq, now).reports.compliance({ from: '2025-03-01', to: '2025-03-10', sites: 'NEW' });
    expect(before.sites[0]).toMatchObject({ expected: 0, compliance: null });
  });
});
