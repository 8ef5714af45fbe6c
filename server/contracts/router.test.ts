// The contracts procedures through createCaller on a real database: a month's statement built from
// call records pushed for it equals the hand computation (a per-call vendor whose weekly service
// level missed two weeks and pays a capped penalty; an in-house site billed per productive hour
// from its daily reports), closing (only once the month is over in the site's time, once), a
// correction after closing (the closed statement unchanged, its variance shown), versions saved,
// replaced and removed with their audit, rates and settings, costs against the reference site,
// and who may do what.
import { TRPCError } from '@trpc/server';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { auditLog, siteContracts, statementClosures, type WeeklyHours } from '@/db/schema';
import type { ContractInput } from '@/lib/contracts/contract-input';
import { cliActor, type UserPrincipal } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { ingestEvaluations } from '@/server/ingest/evaluations';
import { drawSample } from '@/server/qa/calibration';
import { createDraft, publishForm } from '@/server/qa/forms';
import { STD_V1 } from '@/server/qa/testing';
import { submitDailyReport } from '@/server/reports/service';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import type { Principal } from '@/server/auth/principal';
import { failureOf, makePrincipal, makeSite, siteKeyPrincipal, trpcCode } from '@/test/fixtures';

let h: DbHandle;
let tun: { id: number };
let dkr: { id: number };
let par: { id: number };
let admin: UserPrincipal;
let hq: UserPrincipal;
let leadTun: UserPrincipal;
let leadDkr: UserPrincipal;
/** Early March: February is over everywhere. */
const MARCH_5 = new Date('2026-03-05T10:00:00Z');

const caller = (principal: Principal, now: Date = MARCH_5) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal, now: () => now }));

let serial = 0;
type Call = { day: string; wait?: number; abandoned?: boolean; resolved?: boolean };
/** Inbound calls of a site, at 10:00 site-local time: handled (talk 200 s + wrap 20 s) unless abandoned. */
function calls(offset: string, list: Call[]) {
  return list.map((c) => ({
    externalId: `call-${++serial}`,
    startedAt: `${c.day}T10:00:00${offset}`,
    direction: 'inbound',
    queue: 'billing',
    waitSeconds: c.wait ?? 10,
    talkSeconds: c.abandoned ? 0 : 200,
    holdSeconds: 0,
    wrapSeconds: c.abandoned ? 0 : 20,
    abandoned: c.abandoned ?? false,
    resolved: c.abandoned ? null : (c.resolved ?? true),
  }));
}
const times = (n: number, call: Call): Call[] => Array.from({ length: n }, () => call);

async function push(siteId: number, offset: string, list: Call[]) {
  const result = await ingestCalls(h.db, { siteId, actor: cliActor(), records: calls(offset, list) });
  expect(result.rejected).toEqual([]);
}

const tunContract: ContractInput = {
  site: 'TUN',
  effectiveFrom: '2025-01-01',
  provider: 'Atlas Contact',
  currency: 'TND',
  pricing: { model: 'per_handled_call', rate: 2.5, fixedMonthly: 1000 },
  terms: [
    { metric: 'serviceLevel', comparison: 'atLeast', threshold: 0.8, period: 'week', allowedMisses: 0, penalty: { kind: 'fixed', value: 400, cap: 600 } },
    { metric: 'abandonRate', comparison: 'atMost', threshold: 0.1, period: 'week', allowedMisses: 1, penalty: { kind: 'percent', value: 5 }, bonus: { kind: 'fixed', value: 50 } },
    { metric: 'ahtSeconds', comparison: 'atMost', threshold: 300, period: 'month', allowedMisses: 0, penalty: { kind: 'percent', value: 10 } },
  ],
};

const dkrContract: ContractInput = {
  site: 'DKR',
  effectiveFrom: '2026-02-01',
  provider: 'in-house',
  currency: 'XOF',
  pricing: { model: 'per_productive_hour', rate: 2000 },
  terms: [],
};

const parContract: ContractInput = {
  site: 'PAR',
  effectiveFrom: '2025-06-01',
  provider: 'in-house',
  currency: 'EUR',
  pricing: { model: 'per_handled_call', rate: 5 },
  terms: [],
};

function issuesOf(error: TRPCError) {
  expect(error.cause).toBeInstanceOf(ZodError);
  return (error.cause as unknown as ZodError).issues.map((i) => i.path.join('.'));
}

async function written() {
  const [contracts] = await h.db.select({ n: count() }).from(siteContracts);
  const [closures] = await h.db.select({ n: count() }).from(statementClosures);
  const [audits] = await h.db.select({ n: count() }).from(auditLog);
  return { contracts: contracts!.n, closures: closures!.n, audits: audits!.n };
}

beforeAll(async () => {
  h = await createTestDb();
  tun = await makeSite(h.db, { code: 'TUN', name: 'Tunis Lac', timezone: 'Africa/Tunis' });
  dkr = await makeSite(h.db, { code: 'DKR', name: 'Dakar Plateau', country: 'SN', timezone: 'Africa/Dakar' });
  par = await makeSite(h.db, { code: 'PAR', name: 'Paris Bercy', country: 'FR', timezone: 'Europe/Paris', kind: 'onshore' });
  admin = await makePrincipal(h.db, 'admin');
  hq = await makePrincipal(h.db, 'hq_manager');
  leadTun = await makePrincipal(h.db, 'site_lead', tun.id);
  leadDkr = await makePrincipal(h.db, 'site_lead', dkr.id);

  // February 2026 starts on a Sunday. Its ISO weeks (Thursday in February): 2–8, 9–15, 16–22 and
  // 23 February–1 March. Sunday 1 February belongs to the week of Thursday 29 January (January's).
  await push(tun.id, '+01:00', [
    // Billed in February, measured in January's last week: slow, but no February week sees it.
    ...times(3, { day: '2026-02-01', wait: 60 }),
    // Week 1: 10 offered, all within the 20 s SLA → met.
    ...times(10, { day: '2026-02-03' }),
    // Week 2: 5 of 10 within the SLA → 0.5, missed.
    ...times(5, { day: '2026-02-10' }),
    ...times(5, { day: '2026-02-10', wait: 60 }),
    // Week 3: 6 of 10 → 0.6, missed.
    ...times(6, { day: '2026-02-17' }),
    ...times(4, { day: '2026-02-17', wait: 60, resolved: false }),
    // Week 4: 10 on 24 February and 2 on Sunday 1 March, all within → met; March's calls are measured, not billed.
    ...times(10, { day: '2026-02-24' }),
    ...times(2, { day: '2026-03-01' }),
    // Neither billed nor measured in February.
    ...times(4, { day: '2026-01-30' }),
  ]);
  // Dakar: 5 handled calls, billed by the hours its reports give.
  await push(dkr.id, '+00:00', times(5, { day: '2026-02-03' }));
  for (const [date, productiveHours] of [
    ['2026-02-03', 7.5],
    ['2026-02-04', 8],
    ['2026-02-05', null],
  ] as const) {
    await submitDailyReport(h.db, {
      siteId: dkr.id,
      actor: cliActor(),
      input: { date, scheduledAgents: 3, presentAgents: 3, ...(productiveHours === null ? {} : { productiveHours }) },
      now: MARCH_5,
    });
  }
  // Paris, the onshore reference: 20 calls at 5 EUR.
  await push(par.id, '+01:00', times(20, { day: '2026-02-12' }));
});
afterAll(() => h.close());

describe('contracts.save, list and remove', () => {
  it('saves a version as the admin, answers it as stored and audits it in the same transaction', async () => {
    const version = await caller(admin).contracts.save(tunContract);
    expect(version).toEqual({
      id: expect.any(Number),
      site: 'TUN',
      effectiveFrom: '2025-01-01',
      provider: 'Atlas Contact',
      currency: 'TND',
      pricing: { model: 'per_handled_call', rate: 2.5, seats: null, fixedMonthly: 1000 },
      terms: tunContract.terms,
      createdAt: MARCH_5.toISOString(),
      createdBy: admin.name,
    });
    const [entry] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'contract.create'), eq(auditLog.entityId, String(version.id))));
    expect(entry).toMatchObject({ entity: 'contract', siteId: tun.id, actorId: admin.userId, details: { effectiveFrom: '2025-01-01', provider: 'Atlas Contact' } });
    await caller(admin).contracts.save(dkrContract);
    await caller(admin).contracts.save(parContract);
  });

  it('replaces the version of the same site and day, keeping its id, and audits what it replaced', async () => {
    const first = await caller(admin).contracts.save({ ...dkrContract, effectiveFrom: '2026-06-01', provider: 'Teranga BPO' });
    const second = await caller(admin).contracts.save({ ...dkrContract, effectiveFrom: '2026-06-01', provider: 'Teranga Services' });
    expect(second).toMatchObject({ id: first.id, provider: 'Teranga Services' });
    const [entry] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'contract.replace'));
    expect(entry!.details).toMatchObject({ provider: 'Teranga Services', replaced: { provider: 'Teranga BPO' } });
    const list = await caller(hq).contracts.list({ site: 'DKR' });
    expect(list.sites).toHaveLength(1);
    expect(list.sites[0]!.versions.map((v) => [v.effectiveFrom, v.provider])).toEqual([
      ['2026-06-01', 'Teranga Services'],
      ['2026-02-01', 'in-house'],
    ]);
    expect(await caller(admin).contracts.remove({ site: 'DKR', effectiveFrom: '2026-06-01' })).toEqual({ removed: true });
    expect(await trpcCode(() => caller(admin).contracts.remove({ site: 'DKR', effectiveFrom: '2026-06-01' }))).toBe('NOT_FOUND');
    const [removal] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'contract.remove'));
    expect(removal).toMatchObject({ entity: 'contract', siteId: dkr.id, details: { effectiveFrom: '2026-06-01', provider: 'Teranga Services' } });
  });

  it('refuses an unknown site and an invalid contract with their paths, writing nothing', async () => {
    const before = await written();
    const unknown = await failureOf(() => caller(admin).contracts.save({ ...tunContract, site: 'XYZ' }), TRPCError);
    expect(unknown.code).toBe('BAD_REQUEST');
    expect(issuesOf(unknown)).toEqual(['site']);
    const invalid = await failureOf(
      () =>
        caller(admin).contracts.save({
          ...tunContract,
          pricing: { model: 'per_seat_month', rate: -1 },
          terms: [{ ...tunContract.terms![0]!, threshold: 80 }],
        }),
      TRPCError,
    );
    expect(invalid.code).toBe('BAD_REQUEST');
    expect(issuesOf(invalid).sort()).toEqual(['pricing.rate', 'pricing.seats', 'terms.0.threshold']);
    expect(await written()).toEqual(before);
  });

  it('lets only admins write, HQ read every site, a lead their own site only, and a key nothing', async () => {
    const before = await written();
    expect(await trpcCode(() => caller(hq).contracts.save(tunContract))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(hq).contracts.remove({ site: 'TUN', effectiveFrom: '2025-01-01' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(leadTun).contracts.save(tunContract))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(siteKeyPrincipal(tun.id)).contracts.list({}))).toBe('FORBIDDEN');
    expect(await written()).toEqual(before);

    const all = await caller(hq).contracts.list({});
    expect(all.sites.map((s) => s.code)).toEqual(['DKR', 'PAR', 'TUN']);
    expect(all.hqCurrency).toBe('EUR');
    const own = await caller(leadTun).contracts.list({});
    expect(own.sites.map((s) => [s.code, s.versions.length])).toEqual([['TUN', 1]]);
    expect(await trpcCode(() => caller(leadTun).contracts.list({ site: 'DKR' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => caller(leadTun).contracts.list({ site: 'NOPE' }))).toBe('NOT_FOUND');
  });
});

describe('rates and settings', () => {
  it('sets a month’s rate (HQ), audited, and refuses HQ’s own currency with its path', async () => {
    expect(await caller(hq).contracts.setRate({ month: '2026-02', currency: 'TND', rate: 0.3 })).toEqual({ month: '2026-02', currency: 'TND', rate: 0.3 });
    const rates = await caller(hq).contracts.rates({ month: '2026-02' });
    expect(rates).toEqual({ hqCurrency: 'EUR', rates: [{ month: '2026-02', currency: 'TND', rate: 0.3 }], currencies: ['TND', 'XOF'] });
    const [entry] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'exchange_rate.set'));
    expect(entry).toMatchObject({ entity: 'exchange_rate', entityId: '2026-02|TND', details: { rate: 0.3, previous: null } });
    const own = await failureOf(() => caller(hq).contracts.setRate({ month: '2026-02', currency: 'EUR', rate: 2 }), TRPCError);
    expect(own.code).toBe('BAD_REQUEST');
    expect(issuesOf(own)).toEqual(['currency']);
    expect(await trpcCode(() => caller(leadTun).contracts.setRate({ month: '2026-02', currency: 'TND', rate: 9 }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(leadTun).contracts.rates({}))).toBe('FORBIDDEN');
  });

  it('keeps HQ’s currency (EUR by default) and the reference site, set by admins only', async () => {
    expect(await caller(hq).contracts.settings()).toEqual({ hqCurrency: 'EUR', referenceSite: null });
    expect(await trpcCode(() => caller(hq).contracts.setSettings({ referenceSite: 'PAR' }))).toBe('FORBIDDEN');
    const unknown = await failureOf(() => caller(admin).contracts.setSettings({ referenceSite: 'XYZ' }), TRPCError);
    expect(issuesOf(unknown)).toEqual(['referenceSite']);
    expect(await caller(admin).contracts.setSettings({ referenceSite: 'PAR' })).toEqual({ hqCurrency: 'EUR', referenceSite: 'PAR' });
    const [entry] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'setting.update'), eq(auditLog.entityId, 'cost_reference_site')));
    expect(entry).toMatchObject({ entity: 'setting', details: { from: null, to: 'PAR' } });
    // Back to the default: the first onshore site with a contract (PAR again).
    expect(await caller(admin).contracts.setSettings({ referenceSite: null })).toEqual({ hqCurrency: 'EUR', referenceSite: null });
  });
});

describe('contracts.statement', () => {
  it('equals the hand computation: per handled call, a weekly service level missed two weeks, its penalty capped', async () => {
    const statement = await caller(hq).contracts.statement({ site: 'TUN', month: '2026-02' });
    // Billed: 3 + 10 + 10 + 10 + 10 = 43 handled calls of February, 39 resolved, 220 s each.
    expect(statement.volume).toEqual({ handled: 43, resolved: 39, handledMinutes: (43 * 220) / 60, productiveHours: null });
    const [sl, abandon, aht] = statement.terms;
    expect(sl!.periods.map((p) => [p.start, p.end, p.offered, p.numerator, p.denominator, p.value, p.met])).toEqual([
      ['2026-02-02', '2026-02-08', 10, 10, 10, 1, true],
      ['2026-02-09', '2026-02-15', 10, 5, 10, 0.5, false],
      ['2026-02-16', '2026-02-22', 10, 6, 10, 0.6, false],
      ['2026-02-23', '2026-03-01', 12, 12, 12, 1, true],
    ]);
    // Two missed weeks × 400 = 800, capped at 600.
    expect(sl).toMatchObject({ missed: 2, penalty: 600, bonus: 0, penaltyRule: { kind: 'fixed', value: 400, cap: 600 }, bonusRule: null });
    expect(sl!.formula).toContain('answered within');
    // No abandon: every week met, the bonus earned.
    expect(abandon).toMatchObject({ missed: 0, penalty: 0, bonus: 50 });
    expect(aht!.periods).toEqual([{ start: '2026-02-01', end: '2026-02-28', value: 220, met: true, offered: 43, numerator: 43 * 220, denominator: 43 }]);
    expect(aht).toMatchObject({ missed: 0, penalty: 0 });
    // 43 × 2.50 = 107.50; + 1,000 fees − 600 + 50 = 557.50; at 0.3 EUR per TND, 167.25 EUR.
    expect(statement).toMatchObject({
      site: 'TUN',
      siteName: 'Tunis Lac',
      month: '2026-02',
      currency: 'TND',
      status: 'draft',
      closedAt: null,
      closedBy: null,
      contract: { effectiveFrom: '2025-01-01', provider: 'Atlas Contact', pricing: { model: 'per_handled_call', rate: 2.5, seats: null, fixedMonthly: 1000 } },
      volumeCharge: 107.5,
      fixedFees: 1000,
      penalties: 600,
      bonuses: 50,
      invoiceEstimate: 557.5,
      cost: { amount: 557.5, perHandled: 12.9651, perResolved: 14.2949 },
      hqCurrency: { code: 'EUR', rate: 0.3, invoiceEstimate: 167.25 },
      variance: null,
    });
    // The site's lead reads the very same statement.
    expect(await caller(leadTun).contracts.statement({ site: 'TUN', month: '2026-02' })).toEqual(statement);
  });

  it('bills productive hours from the daily reports, from the first version’s day, without a rate: no HQ figure', async () => {
    const statement = await caller(leadDkr).contracts.statement({ site: 'DKR', month: '2026-02' });
    expect(statement.volume).toEqual({ handled: 5, resolved: 5, handledMinutes: (5 * 220) / 60, productiveHours: 15.5 });
    expect(statement).toMatchObject({ currency: 'XOF', volumeCharge: 31000, fixedFees: 0, invoiceEstimate: 31000, cost: { perHandled: 6200 } });
    expect(statement.hqCurrency).toEqual({ code: 'EUR', rate: null, invoiceEstimate: null });
    // January: no version in force yet.
    const none = await failureOf(() => caller(hq).contracts.statement({ site: 'DKR', month: '2026-01' }), TRPCError);
    expect([none.code, none.message]).toEqual(['NOT_FOUND', 'DKR has no contract for 2026-01']);
  });

  it('answers a lead asking for another site’s statement, or an unknown site, as not found', async () => {
    expect(await trpcCode(() => caller(leadTun).contracts.statement({ site: 'DKR', month: '2026-02' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => caller(leadTun).contracts.statement({ site: 'NOPE', month: '2026-02' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => caller(hq).contracts.statement({ site: 'NOPE', month: '2026-02' }))).toBe('NOT_FOUND');
    expect(await trpcCode(() => caller(siteKeyPrincipal(tun.id)).contracts.statement({ site: 'TUN', month: '2026-02' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(hq).contracts.statement({ site: 'TUN', month: '2026-13' }))).toBe('BAD_REQUEST');
  });

  it('sums up a month: every site for HQ, the lead’s own for a lead', async () => {
    const month = await caller(hq).contracts.statements({ month: '2026-02' });
    expect(month).toEqual({
      month: '2026-02',
      hqCurrency: 'EUR',
      sites: [
        { code: 'DKR', name: 'Dakar Plateau', status: 'draft', currency: 'XOF', invoiceEstimate: 31000, penalties: 0, bonuses: 0, hqInvoiceEstimate: null, missedTerms: 0 },
        { code: 'PAR', name: 'Paris Bercy', status: 'draft', currency: 'EUR', invoiceEstimate: 100, penalties: 0, bonuses: 0, hqInvoiceEstimate: 100, missedTerms: 0 },
        { code: 'TUN', name: 'Tunis Lac', status: 'draft', currency: 'TND', invoiceEstimate: 557.5, penalties: 600, bonuses: 50, hqInvoiceEstimate: 167.25, missedTerms: 1 },
      ],
    });
    const january = await caller(hq).contracts.statements({ month: '2026-01' });
    expect(january.sites.find((s) => s.code === 'DKR')).toMatchObject({ status: 'none', invoiceEstimate: null });
    expect((await caller(leadTun).contracts.statements({ month: '2026-02' })).sites.map((s) => s.code)).toEqual(['TUN']);
  });
});

describe('contracts.close', () => {
  it('refuses a month not over in the site’s own time (400), and closes it once it is', async () => {
    const before = await written();
    // 23:30 on 28 February in Tunis (UTC+1): February is not over there.
    const lastEvening = new Date('2026-02-28T22:30:00Z');
    const notOver = await failureOf(() => caller(hq, lastEvening).contracts.close({ site: 'TUN', month: '2026-02' }), TRPCError);
    expect([notOver.code, notOver.message]).toEqual(['BAD_REQUEST', '2026-02 is not over yet at TUN (it is 2026-02-28 there)']);
    expect(await trpcCode(() => caller(hq).contracts.close({ site: 'TUN', month: '2026-03' }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => caller(leadTun).contracts.close({ site: 'TUN', month: '2026-02' }))).toBe('FORBIDDEN');
    expect(await written()).toEqual(before);

    // 00:30 on 1 March in Tunis: over.
    const justAfter = new Date('2026-02-28T23:30:00Z');
    const draft = await caller(hq).contracts.statement({ site: 'TUN', month: '2026-02' });
    const closed = await caller(hq, justAfter).contracts.close({ site: 'TUN', month: '2026-02' });
    expect(closed).toEqual({ ...draft, status: 'closed', closedAt: justAfter.toISOString(), closedBy: hq.name, variance: null });
    const [entry] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'statement.close'));
    expect(entry).toMatchObject({ entity: 'statement', entityId: 'TUN:2026-02', siteId: tun.id, details: { invoiceEstimate: 557.5, penalties: 600 } });
  });

  it('refuses closing twice (409), writing nothing', async () => {
    const before = await written();
    const again = await failureOf(() => caller(admin).contracts.close({ site: 'TUN', month: '2026-02' }), TRPCError);
    expect(again.code).toBe('CONFLICT');
    expect(await written()).toEqual(before);
  });

  it('keeps a closed statement as it was when calls are corrected afterwards, and shows the variance', async () => {
    const closed = await caller(hq).contracts.statement({ site: 'TUN', month: '2026-02' });
    // A call that came in late for 20 February (week 3: 7 of 11 within the SLA, still missed).
    await push(tun.id, '+01:00', times(1, { day: '2026-02-20' }));
    const [row] = await h.db.select().from(statementClosures).where(eq(statementClosures.siteId, tun.id));
    expect(row!.statement.volume.handled).toBe(43);

    const after = await caller(leadTun).contracts.statement({ site: 'TUN', month: '2026-02' });
    expect({ ...after, variance: null }).toEqual({ ...closed, variance: null });
    expect(after.variance).toEqual({ handled: 1, resolved: 1, handledMinutes: 3.6667, invoiceEstimate: 2.5, penalties: 0 });
    const summary = await caller(hq).contracts.statements({ month: '2026-02' });
    expect(summary.sites.find((s) => s.code === 'TUN')).toMatchObject({ status: 'closed', invoiceEstimate: 557.5 });
  });
});

describe('contracts.costs', () => {
  it('prices each site’s range under its contract, in HQ’s currency, and the saving against the reference', async () => {
    const costs = await caller(hq).contracts.costs({ from: '2026-02-01', to: '2026-02-28' });
    expect(costs).toMatchObject({ from: '2026-02-01', to: '2026-02-28', hqCurrency: 'EUR', referenceSite: 'PAR' });
    const bySite = new Map(costs.sites.map((s) => [s.code, s]));
    // Tunis: 44 handled calls (with the late one) × 2.50 + the month's 1,000 in fees = 1,110 TND; 333 EUR.
    expect(bySite.get('TUN')).toMatchObject({
      kind: 'offshore',
      currency: 'TND',
      handled: 44,
      resolved: 40,
      amount: 1110,
      perHandled: 25.2273,
      hqAmount: 333,
      hqPerHandled: 7.5682,
      qaScore: null,
      csat: null,
      // (5 − 7.5682) × 44
      savingVsReference: -113,
    });
    expect(bySite.get('PAR')).toMatchObject({ kind: 'onshore', currency: 'EUR', handled: 20, amount: 100, hqPerHandled: 5, savingVsReference: null });
    // Dakar from 1 February, 15.5 hours × 2,000 XOF; no rate entered: no HQ figure, no saving.
    expect(bySite.get('DKR')).toMatchObject({ currency: 'XOF', amount: 31000, hqAmount: null, savingVsReference: null });
  });

  it('gives a lead their own site without the reference’s code or a saving, and refuses another site', async () => {
    const costs = await caller(leadTun).contracts.costs({ from: '2026-02-01', to: '2026-02-28' });
    expect(costs.referenceSite).toBeNull();
    expect(costs.sites.map((s) => [s.code, s.amount, s.savingVsReference])).toEqual([['TUN', 1110, null]]);
    expect(await trpcCode(() => caller(leadTun).contracts.costs({ from: '2026-02-01', to: '2026-02-28', site: 'DKR' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller(hq).contracts.costs({ from: '2026-02-28', to: '2026-02-01' }))).toBe('BAD_REQUEST');
  });
});

describe('a service level that leaves out-of-hours calls out', () => {
  const WEEKDAYS_8_TO_18: WeeklyHours = { mon: [['08:00', '18:00']], tue: [['08:00', '18:00']], wed: [['08:00', '18:00']], thu: [['08:00', '18:00']], fri: [['08:00', '18:00']] };

  beforeAll(async () => {
    const sou = await makeSite(h.db, { code: 'SOU', name: 'Sousse', timezone: 'Africa/Tunis', weeklyHours: WEEKDAYS_8_TO_18, slExcludesOutOfHours: true });
    await caller(admin).contracts.save({
      ...tunContract,
      site: 'SOU',
      terms: [
        { metric: 'serviceLevel', comparison: 'atLeast', threshold: 0.8, period: 'day', allowedMisses: 0, penalty: { kind: 'fixed', value: 10 } },
        { metric: 'serviceLevel', comparison: 'atLeast', threshold: 0.8, period: 'month', allowedMisses: 0, penalty: { kind: 'fixed', value: 100 } },
      ],
    });
    const at = (day: string, time: string, n: number, wait: number) =>
      Array.from({ length: n }, () => ({ ...calls('+01:00', [{ day, wait }])[0]!, startedAt: `${day}T${time}:00+01:00` }));
    const records = [
      // Tuesday 3 February: 10 within the SLA in hours, 5 slow ones at 20:00 (closed).
      ...at('2026-02-03', '10:00', 10, 5),
      ...at('2026-02-03', '20:00', 5, 90),
      // Wednesday 4 February: 3 of 4 within in hours.
      ...at('2026-02-04', '09:00', 3, 5),
      ...at('2026-02-04', '09:15', 1, 90),
      // Sunday 8 February, closed all day: 4 slow ones.
      ...at('2026-02-08', '11:00', 4, 90),
    ];
    expect((await ingestCalls(h.db, { siteId: sou.id, actor: cliActor(), records })).rejected).toEqual([]);
  });

  it('measures each day and the month without them, as the comparison does', async () => {
    const statement = await caller(hq).contracts.statement({ site: 'SOU', month: '2026-02' });
    const [daily, monthly] = statement.terms;
    const measured = daily!.periods.filter((p) => p.met !== null).map((p) => [p.start, p.offered, p.numerator, p.denominator, p.value, p.met]);
    // Sunday's calls were all out of hours: offered, but nothing left to measure.
    expect(measured).toEqual([
      ['2026-02-03', 15, 10, 10, 1, true],
      ['2026-02-04', 4, 3, 4, 0.75, false],
    ]);
    expect(daily!.periods.find((p) => p.start === '2026-02-08')).toMatchObject({ offered: 4, numerator: 0, denominator: 0, value: null, met: null });
    expect(daily!.formula).toContain('outside opening hours');
    expect(monthly!.periods[0]).toMatchObject({ offered: 23, numerator: 13, denominator: 14 });
    const compared = await caller(hq).kpi.compare({ from: '2026-02-01', to: '2026-02-28', site: 'SOU' });
    expect(monthly!.periods[0]!.value).toBe(compared.sites[0]!.serviceLevel);
    expect(compared.sites[0]!.serviceLevel).toBe(13 / 14);
  });
});

describe('a QA score term while HQ re-scores blind', () => {
  const SCORES = { clarity: 4, local_context: 4, identity_check: 1, disclosure: 4, resolution: 8, empathy: 5 };
  const evaluation = (externalId: string, day: string, resolution: number) => ({
    externalId,
    evaluatedAt: `${day}T11:00:00+01:00`,
    formCode: 'STD',
    agentRef: 'AG-1',
    evaluator: 'Site QA',
    scores: { ...SCORES, resolution },
  });
  let leadMon: UserPrincipal;

  beforeAll(async () => {
    const mon = await makeSite(h.db, { code: 'MON', name: 'Monastir', timezone: 'Africa/Tunis' });
    leadMon = await makePrincipal(h.db, 'site_lead', mon.id);
    const std = await createDraft(h.db, cliActor(), { code: 'STD', name: 'Standard', criteria: STD_V1 });
    await publishForm(h.db, cliActor(), { id: std.id }, MARCH_5);
    await caller(admin).contracts.save({
      ...tunContract,
      site: 'MON',
      terms: [{ metric: 'qaScore', comparison: 'atLeast', threshold: 80, period: 'month', allowedMisses: 0, penalty: { kind: 'fixed', value: 100 } }],
    });
    await push(mon.id, '+01:00', times(2, { day: '2026-02-10' }));
    // (2×4/5 + 4/5 + 1 + 1 + 0 + 1) ÷ 9 = 60, drawn for a blind re-score; then 86.67, not drawn.
    await ingestEvaluations(h.db, { siteId: mon.id, actor: cliActor(), evaluations: [evaluation('ev-low', '2026-02-11', 0)] });
    await drawSample(h.db, { scope: { all: true }, actor: cliActor(), requestedBy: null, input: { site: 'MON', from: '2026-02-11', to: '2026-02-11', size: 1 } });
    await ingestEvaluations(h.db, { siteId: mon.id, actor: cliActor(), evaluations: [evaluation('ev-high', '2026-02-10', 8)] });
  });

  it('leaves the evaluation awaiting its re-score out of HQ’s figures, keeps it in the lead’s, and varies a closed month by HQ’s figures only', async () => {
    const hqDraft = await caller(hq).contracts.statement({ site: 'MON', month: '2026-02' });
    expect(hqDraft.terms[0]!.periods[0]).toMatchObject({ denominator: 1, met: true });
    expect(hqDraft.terms[0]!.periods[0]!.numerator).toBeCloseTo(86.6667, 3);
    expect(hqDraft.penalties).toBe(0);
    const leadDraft = await caller(leadMon).contracts.statement({ site: 'MON', month: '2026-02' });
    expect(leadDraft.terms[0]!.periods[0]).toMatchObject({ denominator: 2, met: false });
    expect(leadDraft.penalties).toBe(100);

    const closed = await caller(hq).contracts.close({ site: 'MON', month: '2026-02' });
    expect(closed.penalties).toBe(0);
    // The lead reads the month as HQ closed it, and no variance that is only the blind re-score.
    expect(await caller(leadMon).contracts.statement({ site: 'MON', month: '2026-02' })).toEqual(closed);
    expect((await caller(leadMon).contracts.statements({ month: '2026-02' })).sites).toEqual([expect.objectContaining({ code: 'MON', status: 'closed', penalties: 0 })]);
  });
});
