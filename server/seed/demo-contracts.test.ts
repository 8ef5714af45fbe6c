import { and, eq, gte, lte } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { addDays } from '@/db/local-time';
import { dailyReports, exchangeRates, siteContracts, siteDay, sites } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { DEMO_CONTRACTS, DEMO_CONTRACTS_FROM } from '@/db/seed/demo-contracts';
import { contractInput } from '@/lib/contracts/contract-input';
import { computeKpis, emptyParts, sumParts, type KpiParts } from '@/lib/kpi/definitions';
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

  it('makes only the understaffed site miss its weekly service level, the last two weeks of the last full month', async () => {
    expect(understaffedWeeks('2026-11-02')).toEqual(WEEKS.slice(1));
    for (const contract of DEMO_CONTRACTS) {
      const term = contract.terms.find((t) => t.metric === 'serviceLevel' && t.period === 'week');
      if (!term) continue;
      const levels = await weeklyServiceLevels(contract.code);
      const missed = levels.filter((v) => v !== null && v < term.threshold).length;
      expect(levels.every((v) => v !== null), contract.code).toBe(true);
      if (contract.code !== UNDERSTAFFED_SITE) {
        expect(missed, `${contract.code} ${levels.join(' ')}`).toBe(0);
        continue;
      }
      // Met the first week, missed the two understaffed ones: one over the allowed misses.
      expect(levels[0]!).toBeGreaterThanOrEqual(term.threshold);
      expect(missed).toBe(2);
      const excess = Math.max(0, missed - term.allowedMisses);
      expect(excess).toBe(1);

      // The penalty is a percentage of the month's volume charge: its productive hours at the rate.
      const reports = await h.db
        .select({ productiveHours: dailyReports.productiveHours })
        .from(dailyReports)
        .where(and(eq(dailyReports.siteId, await siteIdOf(contract.code)), gte(dailyReports.day, `${MONTH}-01`), lte(dailyReports.day, `${MONTH}-31`)));
      expect(reports.length).toBeGreaterThan(0);
      for (const r of reports) expect(r.productiveHours).toBeGreaterThan(0);
      const volumeCharge = reports.reduce((sum, r) => sum + r.productiveHours!, 0) * contract.pricing.rate;
      expect(term.penalty.kind).toBe('percent');
      const penalty = Math.min((term.penalty.value / 100) * volumeCharge * excess, term.penalty.cap ?? Infinity);
      expect(penalty).toBeGreaterThan(0);
    }
  });
});
