// What a site's calls cost over a date range (the overview's cost column and chart), and the
// saving of a site against the reference site. Pure: the caller reads versions, days and rates.
//
// Each day is priced under the version in force that day: volume charges per day, the per-seat
// charge and fixed fees prorated (monthly amount × days of the month in the range under that
// version ÷ days of the month). Penalties and bonuses are left to the statements. Days without a
// contract count neither in the cost nor in the calls it is divided by.
//
// Currency: the latest version in force over the range gives it. When versions in the range differ
// in currency, the parts in another currency are converted into the latest one through HQ's rates
// of their month (part × rate(other) ÷ rate(latest)); a missing rate leaves the amount unknown
// (null), never a mix of currencies. HQ figures convert each month's part at that month's rate.
// Amounts are rounded to the cent once, on the totals; per-call costs to 4 decimals.
import { daysOf } from '@/lib/kpi/periods';
import { perCall, roundMoney } from './money';
import { daysInMonth, monthOf } from './periods';
import { monthlyCharge, versionInForce, volumeAmount, type StatementContract } from './statement';

/** One site-local day of the site (one entry a day): resolved = calls resolved at first contact (resolvedTrue). */
export type CostDay = { day: string; handled: number; resolved: number; handleSeconds: number; productiveHours: number | null };

export type RangeCost = {
  currency: string | null;
  handled: number;
  resolved: number;
  amount: number | null;
  perHandled: number | null;
  perResolved: number | null;
  hqAmount: number | null;
  hqPerHandled: number | null;
  hqPerResolved: number | null;
};

/** The key of a month's rate in the rates map: 'YYYY-MM|CUR'. */
export function rateKey(month: string, currency: string): string {
  return `${month}|${currency}`;
}

/** One month's days under one version: what it costs, in the version's currency. */
type Part = { month: string; currency: string; amount: number };

export function rangeCost(args: {
  from: string;
  to: string;
  contracts: readonly StatementContract[];
  days: readonly CostDay[];
  rates: ReadonlyMap<string, number | null>;
  hqCurrency: string;
}): RangeCost {
  const { contracts, rates, hqCurrency } = args;
  const byDay = new Map<string, CostDay>();
  for (const d of args.days) byDay.set(d.day, d);

  // Group the range's days by month and version.
  const groups = new Map<string, { month: string; version: StatementContract; days: number; handled: number; handleSeconds: number; productiveHours: number | null }>();
  let latest: StatementContract | null = null;
  let handled = 0;
  let resolved = 0;
  for (const day of daysOf({ from: args.from, to: args.to })) {
    const version = versionInForce(contracts, day);
    if (!version) continue;
    latest = version;
    const month = monthOf(day);
    const key = `${month}|${version.effectiveFrom}`;
    const group = groups.get(key) ?? { month, version, days: 0, handled: 0, handleSeconds: 0, productiveHours: null };
    groups.set(key, group);
    group.days += 1;
    const data = byDay.get(day);
    if (!data) continue;
    group.handled += data.handled;
    group.handleSeconds += data.handleSeconds;
    if (data.productiveHours !== null) group.productiveHours = (group.productiveHours ?? 0) + data.productiveHours;
    handled += data.handled;
    resolved += data.resolved;
  }
  if (latest === null) {
    return { currency: null, handled: 0, resolved: 0, amount: null, perHandled: null, perResolved: null, hqAmount: null, hqPerHandled: null, hqPerResolved: null };
  }

  const parts: Part[] = [...groups.values()].map((g) => {
    const monthly = monthlyCharge(g.version.pricing);
    const share = g.days / daysInMonth(g.month);
    const amount = volumeAmount(g.version.pricing, g) + (monthly.seats + monthly.fixedFees) * share;
    return { month: g.month, currency: g.version.currency, amount };
  });

  const hqRate = (month: string, currency: string): number | null => (currency === hqCurrency ? 1 : (rates.get(rateKey(month, currency)) ?? null));
  const currency = latest.currency;
  const amount = sumConverted(parts, (p) => {
    if (p.currency === currency) return 1;
    const from = hqRate(p.month, p.currency);
    const into = hqRate(p.month, currency);
    return from === null || into === null || into <= 0 ? null : from / into;
  });
  const hqAmount = sumConverted(parts, (p) => hqRate(p.month, p.currency));

  return {
    currency,
    handled,
    resolved,
    amount,
    perHandled: perCall(amount, handled),
    perResolved: perCall(amount, resolved),
    hqAmount,
    hqPerHandled: perCall(hqAmount, handled),
    hqPerResolved: perCall(hqAmount, resolved),
  };
}

/** Σ part × its factor, to the cent; null when any factor is unknown. */
function sumConverted(parts: readonly Part[], factorOf: (p: Part) => number | null): number | null {
  let sum = 0;
  for (const part of parts) {
    const factor = factorOf(part);
    if (factor === null) return null;
    sum += part.amount * factor;
  }
  return roundMoney(sum);
}

/**
 * What a site saves against the reference site for its own volume, in HQ's currency: (reference's
 * cost per handled call − the site's) × the site's handled calls; positive is a saving. Null
 * without both costs; the caller passes a null reference for the reference site itself.
 */
export function savingVsReference(reference: { hqPerHandled: number | null } | null, site: { hqPerHandled: number | null; handled: number }): number | null {
  if (reference === null || reference.hqPerHandled === null || site.hqPerHandled === null) return null;
  return roundMoney((reference.hqPerHandled - site.hqPerHandled) * site.handled);
}
