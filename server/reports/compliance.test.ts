// Report compliance is one figure wherever it is read: the overview's comparison, the reports
// page, a digest and GET /api/v1/kpis (JSON and CSV) agree for one site and range, and they follow
// the definition (every day from the site's first day, calls or not), not the days with calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { dailyReports, siteDay } from '@/db/schema';
import { emptyParts } from '@/lib/kpi/definitions';
import type { CompareAnswer } from '@/lib/kpi/schemas';
import { cliActor, type UserPrincipal } from '@/server/auth/principal';
import { buildDigestContent } from '@/server/digests/content';
import { createUserTokenByEmail } from '@/server/keys/service';
import { comparisonToCsv } from '@/server/kpi/csv';
import { handleRest } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/context';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { makePrincipal, makeSite } from '@/test/fixtures';

let h: DbHandle;
let hq: UserPrincipal;
let token: string;
const RANGE = { from: '2025-03-10', to: '2025-03-16' };
const now = new Date('2025-03-20T00:00:00Z');

beforeAll(async () => {
  h = await createTestDb();
  // Tunis is UTC+1 in March 2025: a report is due by 21:00 local, 20:00Z.
  const tun = await makeSite(h.db, { code: 'TUN', name: 'Tunis Lac', timezone: 'Africa/Tunis' });
  await makeSite(h.db, { code: 'DKR', name: 'Dakar Plateau', timezone: 'Africa/Dakar' });
  // Tunis's first day of data is 3 March; in the range it has calls on the 12th only.
  await h.db.insert(siteDay).values([
    { siteId: tun.id, day: '2025-03-03', ...emptyParts(), calls: 40, handled: 40 },
    { siteId: tun.id, day: '2025-03-12', ...emptyParts(), calls: 50, handled: 50 },
  ]);
  const report = (day: string, submittedAt: string) => ({ siteId: tun.id, day, scheduledAgents: 20, presentAgents: 19, submittedAt: new Date(submittedAt), submittedBy: 'lead' });
  await h.db.insert(dailyReports).values([
    report('2025-03-10', '2025-03-10T19:30:00Z'), // on time
    report('2025-03-11', '2025-03-11T20:30:00Z'), // late
    report('2025-03-12', '2025-03-12T20:00:00Z'), // on time: at the deadline itself
    report('2025-03-14', '2025-03-14T08:00:00Z'), // on time, on a day without calls
  ]);
  hq = await makePrincipal(h.db, 'hq_manager');
  token = (await createUserTokenByEmail(h.db, cliActor(), { email: hq.email, name: 'bi' })).secret;
});
afterAll(() => h.close());

async function restGet(path: string) {
  const req = new Request(`http://vigie.test/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  return handleRest(req, (r) => contextFromRequest(r, { handle: h, session: async () => null, now: () => now }));
}

describe('report compliance', () => {
  it('is the same figure on the overview, the reports page, a digest and GET /api/v1/kpis', async () => {
    const caller = createCaller(createInnerContext({ db: h.db, driver: h.driver, principal: hq, now: () => now }));
    // 7 days expected (10–16 March), 3 on time, 1 late, 3 missing.
    const expected = 3 / 7;

    const overview = await caller.kpi.comparison({ ...RANGE, sites: 'TUN' });
    expect(overview.sites[0]!.reports).toMatchObject({ expectedDays: 7, submitted: 4, onTime: 3, missingDays: 3, lastMissingDay: '2025-03-16' });
    expect(overview.sites[0]!.reports.compliance).toBe(expected);

    const page = await caller.reports.compliance({ ...RANGE, sites: 'TUN' });
    expect(page.sites[0]).toMatchObject({ code: 'TUN', expected: 7, onTime: 3, late: 1, missing: 3 });
    expect(page.sites[0]!.compliance).toBe(expected);

    const history = await caller.reports.history({ ...RANGE, site: 'TUN' });
    expect(history.compliance.compliance).toBe(expected);
    expect(history.days).toHaveLength(7);

    const digest = await buildDigestContent(h.db, {
      recipient: { email: hq.email, name: hq.name, role: 'hq_manager', siteId: null, locale: 'en' },
      cadence: 'weekly',
      period: RANGE,
      siteIds: null,
      now,
      publicUrl: 'http://vigie.test',
    });
    expect(digest.reports.find((r) => r.code === 'TUN')).toMatchObject({ expected: 7, onTime: 3, late: 1, missing: 3 });
    expect(digest.reports.find((r) => r.code === 'TUN')!.compliance).toBe(expected);

    const rest = await restGet(`/kpis?from=${RANGE.from}&to=${RANGE.to}&site=TUN`);
    expect(rest.status).toBe(200);
    const json = (await rest.json()) as CompareAnswer;
    expect(json.sites[0]!.reportCompliance).toBe(expected);
    expect(json.network.reportCompliance).toBe(expected);

    // GET /api/v1/kpis.csv writes that same answer as CSV.
    const [header, tunRow] = comparisonToCsv(json).trimEnd().split('\r\n');
    expect(header!.split(',').at(-1)).toBe('reportCompliance');
    expect(Number(tunRow!.split(',').at(-1))).toBe(expected);
  });

  it('is unknown, not 0, for a site that owes nothing in the range, and sums sites for the network', async () => {
    const caller = createCaller(createInnerContext({ db: h.db, driver: h.driver, principal: hq, now: () => now }));
    // Dakar was added after the range and has neither data nor reports in it.
    const page = await caller.reports.compliance(RANGE);
    expect(page.sites.find((s) => s.code === 'DKR')).toMatchObject({ expected: 0, compliance: null });
    expect(page.network).toMatchObject({ expected: 7, onTime: 3, compliance: 3 / 7 });
    const overview = await caller.kpi.comparison(RANGE);
    expect(overview.sites.find((s) => s.code === 'DKR')!.reportCompliance).toBeNull();
    expect(overview.network.reportCompliance).toBe(3 / 7);
    const json = (await (await restGet(`/kpis?from=${RANGE.from}&to=${RANGE.to}`)).json()) as { sites: { code: string; reportCompliance: number | null }[] };
    expect(json.sites.find((s) => s.code === 'DKR')!.reportCompliance).toBeNull();
  });

  it('does not count today before its deadline, and counts it once its report is in', async () => {
    const caller = createCaller(createInnerContext({ db: h.db, driver: h.driver, principal: hq, now: () => new Date('2025-03-14T12:00:00Z') }));
    // At noon UTC on the 14th: 10–13 are due (2 on time, 1 late, 1 missing); the 14th's report is in early.
    const page = await caller.reports.compliance({ ...RANGE, sites: 'TUN' });
    expect(page.sites[0]).toMatchObject({ expected: 5, onTime: 3, late: 1, missing: 1, compliance: 3 / 5 });
    const overview = await caller.kpi.comparison({ ...RANGE, sites: 'TUN' });
    expect(overview.sites[0]!.reports).toMatchObject({ expectedDays: 5, onTime: 3, missingDays: 1, lastMissingDay: '2025-03-13', compliance: 3 / 5 });
  });
});
