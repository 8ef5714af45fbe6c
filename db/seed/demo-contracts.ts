// The demo network's contracts and exchange rates: each site's pricing in its real form and the SLA
// terms it is held to, all in force from 2026-01-01, and HQ's monthly rates for the local
// currencies over the demo's months. Thresholds follow each site's character (demo-network.ts):
// a term a site can never meet tells a manager nothing, so the slow sites are held to what their
// contract really promises. Only Port Louis misses its weekly service level, the two understaffed
// weeks of the last full month (server/seed/demo-days.ts), and pays the penalty.
import type { Db } from '../client';
import { exchangeRates, siteContracts } from '../schema';
import type { PricingInput, TermInput } from '@/lib/contracts/contract-input';
import { agentRefsOf } from './demo-calls';
import { DEMO_SITES } from './demo-network';
import { createRandom, hashString } from './random';

export const DEMO_CONTRACTS_FROM = '2026-01-01';

export type DemoContract = { code: string; provider: string; currency: string; pricing: PricingInput; terms: TermInput[] };

/**
 * Seats a per-seat contract bills: the positions the site staffs (its agents), not its
 * workstations — the demo's sites have about five workstations per agent.
 */
function staffedSeats(code: string): number {
  const profile = DEMO_SITES.find((p) => p.code === code);
  if (!profile) throw new Error(`Unknown demo site ${code}`);
  return agentRefsOf(profile).length;
}

const weeklyServiceLevel = (threshold: number, penalty: TermInput['penalty']): TermInput => ({
  metric: 'serviceLevel',
  comparison: 'atLeast',
  threshold,
  period: 'week',
  allowedMisses: 1,
  penalty,
});

export const DEMO_CONTRACTS: DemoContract[] = [
  // The onshore reference: in-house, paid per staffed seat. Its terms are internal targets (no
  // penalty), with a team bonus for the quality it is known for.
  {
    code: 'PAR',
    provider: 'in-house',
    currency: 'EUR',
    pricing: { model: 'per_seat_month', rate: 4900, seats: staffedSeats('PAR') },
    terms: [
      weeklyServiceLevel(0.8, { kind: 'fixed', value: 0 }),
      { metric: 'qaScore', comparison: 'atLeast', threshold: 85, period: 'month', allowedMisses: 0, penalty: { kind: 'fixed', value: 0 }, bonus: { kind: 'fixed', value: 2000 } },
    ],
  },
  // A vendor paid per handled call, in euros.
  {
    code: 'TUN',
    provider: 'Teleperf Tunisie',
    currency: 'EUR',
    pricing: { model: 'per_handled_call', rate: 2.1 },
    terms: [
      weeklyServiceLevel(0.7, { kind: 'percent', value: 2, cap: 3000 }),
      { metric: 'abandonRate', comparison: 'atMost', threshold: 0.06, period: 'month', allowedMisses: 0, penalty: { kind: 'percent', value: 3, cap: 4000 } },
      { metric: 'qaScore', comparison: 'atLeast', threshold: 80, period: 'month', allowedMisses: 0, penalty: { kind: 'fixed', value: 500 }, bonus: { kind: 'percent', value: 1.5 } },
    ],
  },
  // In-house, per seat and month in dirhams.
  {
    code: 'CAS',
    provider: 'in-house',
    currency: 'MAD',
    pricing: { model: 'per_seat_month', rate: 9500, seats: staffedSeats('CAS') },
    terms: [
      weeklyServiceLevel(0.7, { kind: 'fixed', value: 0 }),
      { metric: 'qaScore', comparison: 'atLeast', threshold: 80, period: 'month', allowedMisses: 0, penalty: { kind: 'fixed', value: 0 }, bonus: { kind: 'fixed', value: 15000 } },
    ],
  },
  // A vendor per handled call in dinars, with a platform fee; the outage month costs it its abandon term.
  {
    code: 'ALG',
    provider: 'Numidia Relation Client',
    currency: 'DZD',
    pricing: { model: 'per_handled_call', rate: 330, fixedMonthly: 250000 },
    terms: [
      { metric: 'abandonRate', comparison: 'atMost', threshold: 0.07, period: 'month', allowedMisses: 0, penalty: { kind: 'percent', value: 3, cap: 400000 } },
      { metric: 'qaScore', comparison: 'atLeast', threshold: 80, period: 'month', allowedMisses: 0, penalty: { kind: 'fixed', value: 100000 }, bonus: { kind: 'percent', value: 1 } },
    ],
  },
  // A vendor per handled minute in CFA francs, with a platform fee.
  {
    code: 'DKR',
    provider: 'Téranga Contact',
    currency: 'XOF',
    pricing: { model: 'per_handled_minute', rate: 195, fixedMonthly: 1500000 },
    terms: [
      weeklyServiceLevel(0.6, { kind: 'percent', value: 2, cap: 500000 }),
      { metric: 'abandonRate', comparison: 'atMost', threshold: 0.08, period: 'month', allowedMisses: 0, penalty: { kind: 'percent', value: 2 } },
    ],
  },
  // A vendor per productive hour in euros, held to the classic 80 % weekly service level.
  {
    code: 'MRU',
    provider: 'Lagon Contact Services',
    currency: 'EUR',
    pricing: { model: 'per_productive_hour', rate: 14 },
    terms: [
      weeklyServiceLevel(0.8, { kind: 'percent', value: 5, cap: 3000 }),
      { metric: 'abandonRate', comparison: 'atMost', threshold: 0.05, period: 'month', allowedMisses: 0, penalty: { kind: 'percent', value: 3, cap: 2000 } },
      { metric: 'qaScore', comparison: 'atLeast', threshold: 80, period: 'month', allowedMisses: 0, penalty: { kind: 'fixed', value: 500 }, bonus: { kind: 'percent', value: 2 } },
    ],
  },
  // Cheap per minute, but its calls are long: per handled minute in ariary.
  {
    code: 'TNR',
    provider: 'Madagascar Relation Client',
    currency: 'MGA',
    pricing: { model: 'per_handled_minute', rate: 1050 },
    terms: [
      { metric: 'abandonRate', comparison: 'atMost', threshold: 0.15, period: 'month', allowedMisses: 0, penalty: { kind: 'percent', value: 3, cap: 2000000 } },
      { metric: 'qaScore', comparison: 'atLeast', threshold: 75, period: 'month', allowedMisses: 0, penalty: { kind: 'fixed', value: 500000 } },
    ],
  },
];

/**
 * Euros per unit of each local currency, about their 2026 levels. The CFA franc is pegged to the
 * euro (655.957 XOF = 1 EUR); the others drift a little from month to month.
 */
const EUR_PER_UNIT: Record<string, { rate: number; pegged?: boolean }> = {
  MAD: { rate: 1 / 10.75 },
  TND: { rate: 1 / 3.39 },
  DZD: { rate: 1 / 151.5 },
  XOF: { rate: 1 / 655.957, pegged: true },
  MUR: { rate: 1 / 53.2 },
  MGA: { rate: 1 / 5150 },
};

/** Every month (YYYY-MM) from `from`'s to `to`'s. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return months;
    months.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/** HQ's rates (EUR per unit) for each month, drawn from the seed: the same demo gets the same rates. */
export function demoExchangeRates(months: readonly string[], seed: number): { month: string; currency: string; rate: number }[] {
  const out: { month: string; currency: string; rate: number }[] = [];
  for (const [currency, { rate, pegged }] of Object.entries(EUR_PER_UNIT)) {
    const random = createRandom(seed ^ hashString(`${currency}:rates`));
    let level = rate;
    for (const month of months) {
      // A slow random walk of about half a percent a month.
      if (!pegged) level *= 1 + random.normal(0, 0.005);
      out.push({ month, currency, rate: Number(level.toPrecision(6)) });
    }
  }
  return out;
}

/** Writes the demo's contracts (one version each, from 2026-01-01) and the rates of `months`. */
export async function seedDemoContracts(db: Db, siteIdOf: (code: string) => number, months: readonly string[], seed: number, createdBy: number | null): Promise<void> {
  await db.insert(siteContracts).values(
    DEMO_CONTRACTS.map((c) => ({
      siteId: siteIdOf(c.code),
      effectiveFrom: DEMO_CONTRACTS_FROM,
      provider: c.provider,
      currency: c.currency,
      pricingModel: c.pricing.model,
      rate: c.pricing.rate,
      seats: c.pricing.seats ?? null,
      fixedMonthly: c.pricing.fixedMonthly ?? null,
      terms: c.terms,
      createdBy,
    })),
  );
  if (months.length > 0) await db.insert(exchangeRates).values(demoExchangeRates(months, seed).map((r) => ({ ...r, updatedBy: createdBy })));
}
