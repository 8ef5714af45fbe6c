import { and, eq, gte, lte } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { addDays } from '@/db/local-time';
import { exchangeRates, siteContracts, siteDay, sites } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { DEMO_CONTRACTS, DEMO_CONTRACTS_FROM } from '@/db/seed/demo-contracts';
import { contractInput } from '@/lib/contracts/contract-input';
import { computeKpis, emptyParts, sumParts, type KpiParts } from '@/lib/kpi/definitions';
import { siteCosts } from '@/server/contracts/costs';
import { siteStatement } from '@/server/contracts/statement';
import { seedDemo } from './demo';
import { UNDERSTAFFED_SITE, understaffedWeeks } from './demo-days';

// A Monday: the demo's last full month is October 2026, and 22 days of history reach back to the
// Monday of its third-last ISO week (the weeks of 12, 19 and 26 October have their Thursday in it).
const NOW = new Date('2026-11-02T10:30:00Z');
const DAYS = 22;
const MONTH = '2026-10';
const WEEKS = ['2026-10-12', '2026-10-19', '2026-10-26'];

let h: DbHandle;

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db, { now: NOW, days: DAYS, seed: 11 });
}, 300_000);
afterAll(async () => {
  await h?.close();
});

async function siteIdOf(code: string): Promise<number> {
  const [site] = await h.db.select({ id: sites.id }).from(sites).where(eq(sites.code, code));
  if (!site) throw new Error(`no site ${code}`);
  return site.id;
}

/** The KPI parts of a site's days from the rollups, summed. */
async function partsOf(code: string, from: string, to: string): Promise<KpiParts> {
  const rows = await h.db
    .select()
    .from(siteDay)
    .where(and(eq(siteDay.siteId, await siteIdOf(code)), gte(siteDay.day, from), lte(siteDay.day, to)));
  return sumParts(
    rows.map((r) => {
      const parts = emptyParts();
      for (const key of Object.keys(parts) as (keyof KpiParts)[]) parts[key] = Number(r[key]);
      return parts;
    }),
  );
}

/** Each ISO week's service level (Monday to Sunday), null for a week without offered calls. */
async function weeklyServiceLevels(code: string): Promise<(number | null)[]> {
  return Promise.all(WEEKS.map(async (monday) => computeKpis(await partsOf(code, monday, addDays(monday, 6))).serviceLevel));
}

describe('the demo contracts', () => {
  it('gives every site one contract from 2026-01-01 that the contract schema accepts', async () => {
    const rows = await h.db.select().from(siteContracts);
    expect(rows).toHaveLength(7);
    const codeOf = new Map((await h.db.select({ id: sites.id, code: sites.code }).from(sites)).map((s) => [s.id, s.code]));
    for (const row of rows) {
      expect(row.effectiveFrom).toBe(DEMO_CONTRACTS_FROM);
      const input = {
        site: codeOf.get(row.siteId)!,
        effectiveFrom: row.effectiveFrom,
        provider: row.provider,
        currency: row.currency,
        pricing: { model: row.pricingModel, rate: row.rate, ...(row.seats !== null && { seats: row.seats }), ...(row.fixedMonthly !== null && { fixedMonthly: row.fixedMonthly }) },
        terms: row.terms,
      };
      expect(contractInput.safeParse(input).success, input.site).toBe(true);
      expect(row.terms.length, input.site).toBeGreaterThanOrEqual(1);
      expect(row.terms.length, input.site).toBeLessThanOrEqual(3);
    }
    const models = new Set(rows.map((r) => r.pricingModel));
    expect(models).toEqual(new Set(['per_handled_call', 'per_handled_minute', 'per_productive_hour', 'per_seat_month']));
  });

  it('holds HQ rates for every month of the data in every local currency', async () => {
    const rates = await h.db.select().from(exchangeRates);
    const days = (await h.db.select({ day: siteDay.day }).from(siteDay)).map((d) => d.day.slice(0, 7));
    for (const month of new Set(days)) {
      const ofMonth = rates.filter((r) => r.month === month);
      expect(ofMonth.map((r) => r.currency).sort(), month).toEqual(['DZD', 'MAD', 'MGA', 'MUR', 'TND', 'XOF']);
    }
    // The CFA franc is pegged to the euro.
    for (const r of rates.filter((r) => r.currency === 'XOF')) expect(r.rate).toBeCloseTo(1 / 655.957, 8);
    const mad = rates.find((r) => r.currency === 'MAD' && r.month === MONTH)!;
    expect(mad.rate).toBeGreaterThan(0.085);
    expect(mad.rate).toBeLessThan(0.1);
  });

  it('makes only the understaffed site miss its weekly service level, the last two weeks of the last full month, and pay for it', async () => {
    expect(understaffedWeeks('2026-11-02')).toEqual(WEEKS.slice(1));
    for (const contract of DEMO_CONTRACTS) {
      const statement = await siteStatement(h.db, { all: true }, { site: contract.code, month: MONTH });
      const term = statement.terms.find((t) => t.metric === 'serviceLevel' && t.period === 'week');
      if (!term) continue;
      // The weeks the statement measures are the ISO weeks whose Thursday is in October; the
      // seeded history reaches back to the third-last of them.
      const measured = term.periods.filter((p) => p.met !== null).map((p) => p.start);
      expect(measured, contract.code).toEqual(WEEKS);
      // The statement's values are the rollups' (cross-checked from site_day).
      expect(term.periods.filter((p) => p.met !== null).map((p) => p.value)).toEqual(await weeklyServiceLevels(contract.code));
      if (contract.code !== UNDERSTAFFED_SITE) {
        expect(term.missed, `${contract.code} ${term.periods.map((p) => p.value).join(' ')}`).toBe(0);
        expect(term.penalty).toBe(0);
        continue;
      }
      // Met the first week, missed the two understaffed ones: one over the allowed misses, which
      // costs the percentage of the volume charge (its productive hours at the rate).
      expect(term.periods.filter((p) => p.met === false).map((p) => p.start)).toEqual(WEEKS.slice(1));
      expect(term.missed).toBe(2);
      expect(statement.volume.productiveHours).toBeGreaterThan(0);
      expect(statement.volumeCharge).toBeCloseTo(statement.volume.productiveHours! * contract.pricing.rate, 2);
      expect(term.penalty).toBeGreaterThan(0);
      expect(term.penalty).toBeCloseTo(Math.min((term.penaltyRule.value / 100) * statement.volumeCharge * (term.missed - term.allowedMisses), term.penaltyRule.cap ?? Infinity), 2);
      expect(statement.penalties).toBeGreaterThanOrEqual(term.penalty);
    }
  });

  it('gives every site a cost per handled call in euros, the reference cheaper than none of the offshore sites', async () => {
    const costs = await siteCosts(h.db, { all: true }, { from: '2026-10-12', to: '2026-10-31' });
    expect(costs.hqCurrency).toBe('EUR');
    expect(costs.referenceSite).toBe('PAR');
    const par = costs.sites.find((s) => s.code === 'PAR')!;
    for (const site of costs.sites) {
      expect(site.hqPerHandled, site.code).toBeGreaterThan(0.5);
      if (site.code === 'PAR') continue;
      expect(site.hqPerHandled!, site.code).toBeLessThan(par.hqPerHandled!);
      expect(site.savingVsReference!, site.code).toBeGreaterThan(0);
    }
  });
});
