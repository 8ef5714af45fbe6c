// A site's monthly statement against its contract: each term per period, met or missed, the
// penalties and bonuses, the invoice estimate and its HQ-currency figure. Pure: the caller reads
// the contract, the days and the rate; nothing here reads a clock or a database.
//
// The rules are docs/contracts.md's. Where they leave a case open, the statement does what a
// reader checking it against the contract expects:
// - A later version taking effect within the month applies from the next month's statement; the
//   month keeps the version in force on its first day (statementVersion).
// - A first version taking effect within the month: days before it are neither billed nor
//   measured. Periods wholly before it are left out, a period it cuts starts on its first day,
//   and the monthly amounts (per-seat charge, fixed fees) are prorated to the days under contract
//   (days under contract ÷ days of the month), as the range cost prorates them.
// - A weekly term measures its weeks whole, days of the neighbouring month included, but only the
//   month's own days are billed (volume): a straddling week is measured once, billed once.
// - A percent penalty or bonus is a percent of the volume charge as the statement prints it (to the
//   cent). Penalties are not bounded by the invoice: a term bounds its own with its cap.
// - A value is compared with its threshold unrounded, as computeKpis gives it.
// - handledMinutes is Σ handle seconds / 60, unrounded, so handledMinutes × rate is the charge
//   before its rounding to the cent; productive hours are summed to 1/10,000 h (no binary noise).
// - A period's offered calls are all its offered calls; the service level's counts leave out the
//   calls offered out of hours when the site says so, and its formula text says so.
// - The HQ invoice is the invoice × the month's rate, to the cent.
// - Variance: handled minutes to 1/10,000, money to the cent, so storage never shows as a change.
import {
  computeKpis,
  emptyParts,
  METRICS,
  sumParts,
  sumSlExclusions,
  withoutSlExclusion,
  type KpiMetric,
  type KpiParts,
  type SlExclusion,
} from '@/lib/kpi/definitions';
import { daysOf } from '@/lib/kpi/periods';
import type { PricingModel, TermInput, TermMetric } from './contract-input';
import { perCall, roundMoney, roundTo } from './money';
import { daysInMonth, monthDays, termPeriods } from './periods';
import type { Statement, StatementPeriod, StatementTerm } from './statement-types';

/** One site-local day of the site: its summed call parts, its out-of-hours exclusion and its reported hours (one entry a day). */
export type StatementDay = { day: string; parts: KpiParts; slExcluded: SlExclusion | null; productiveHours: number | null };

export type StatementPricing = { model: PricingModel; rate: number; seats: number | null; fixedMonthly: number | null };

export type StatementContract = {
  effectiveFrom: string;
  provider: string;
  currency: string;
  pricing: StatementPricing;
  terms: TermInput[];
};

/** A statement as computed from the calls: the caller adds its status, closing and variance. */
export type ComputedStatement = Omit<Statement, 'status' | 'closedAt' | 'closedBy' | 'variance'>;

// ── Contract in force ─────────────────────────────────────────────────────────────────────────

/** The version in force on a day: the latest that took effect on or before it (null before the first). */
export function versionInForce<V extends { effectiveFrom: string }>(versions: readonly V[], day: string): V | null {
  let found: V | null = null;
  for (const v of versions) if (v.effectiveFrom <= day && (found === null || v.effectiveFrom > found.effectiveFrom)) found = v;
  return found;
}

/**
 * The version a month's statement uses: the one in force on its first day, else the first one
 * taking effect within the month; null when none is in force during the month (NOT_FOUND).
 */
export function statementVersion<V extends { effectiveFrom: string }>(versions: readonly V[], month: string): V | null {
  const { from, to } = monthDays(month);
  const inForce = versionInForce(versions, from);
  if (inForce) return inForce;
  let first: V | null = null;
  for (const v of versions) if (v.effectiveFrom > from && v.effectiveFrom <= to && (first === null || v.effectiveFrom < first.effectiveFrom)) first = v;
  return first;
}

// ── Terms: which KPI, and its counts ──────────────────────────────────────────────────────────

/** The KPI module's metric behind each term metric (a term metric is the Kpis key it reads). */
const TERM_KPI_METRIC: Record<TermMetric, KpiMetric> = {
  serviceLevel: 'service_level',
  abandonRate: 'abandon_rate',
  asaSeconds: 'asa',
  ahtSeconds: 'aht',
  fcr: 'fcr',
  csat: 'csat',
  qaScore: 'qa_score',
};

export type TermKpi = {
  kpi: KpiMetric;
  /** The formula's numerator and denominator over summed parts (service level after its exclusion). */
  numerator: (p: KpiParts, slExcluded?: SlExclusion | null) => number;
  denominator: (p: KpiParts, slExcluded?: SlExclusion | null) => number;
};

function termKpi(kpi: KpiMetric): TermKpi {
  const formula = METRICS[kpi].formula;
  if (formula.source !== 'site_day') throw new Error(`${kpi} is not computed from the call rollups`);
  // Only the service level leaves out-of-hours calls out (computeKpis), so only it sees the exclusion.
  const partsOf = (p: KpiParts, slExcluded?: SlExclusion | null) => (kpi === 'service_level' ? withoutSlExclusion(p, slExcluded) : p);
  return {
    kpi,
    numerator: (p, slExcluded) => partsOf(p, slExcluded)[formula.numerator],
    denominator: (p, slExcluded) => partsOf(p, slExcluded)[formula.denominator],
  };
}

/** Each term metric's KPI and counts, read from METRICS: the one home of the formulas. */
export const TERM_KPI: Record<TermMetric, TermKpi> = {
  serviceLevel: termKpi(TERM_KPI_METRIC.serviceLevel),
  abandonRate: termKpi(TERM_KPI_METRIC.abandonRate),
  asaSeconds: termKpi(TERM_KPI_METRIC.asaSeconds),
  ahtSeconds: termKpi(TERM_KPI_METRIC.ahtSeconds),
  fcr: termKpi(TERM_KPI_METRIC.fcr),
  csat: termKpi(TERM_KPI_METRIC.csat),
  qaScore: termKpi(TERM_KPI_METRIC.qaScore),
};

/** How a term's value is computed, in words: the KPI module's explanation (English). */
export function termFormula(metric: TermMetric): string {
  return METRICS[TERM_KPI[metric].kpi].explanation.en;
}

const SL_EXCLUSION_NOTE = ' Calls offered outside opening hours are left out (the site’s calendar settings).';

/** A term's value over summed parts: the very figure computeKpis gives. */
export function termValue(metric: TermMetric, parts: KpiParts, slExcluded: SlExclusion | null): number | null {
  return computeKpis(parts, slExcluded)[metric];
}

export function isMet(term: Pick<TermInput, 'comparison' | 'threshold'>, offered: number, value: number | null): boolean | null {
  if (offered <= 0 || value === null) return null;
  return term.comparison === 'atLeast' ? value >= term.threshold : value <= term.threshold;
}

// ── Charges ───────────────────────────────────────────────────────────────────────────────────

export type BilledVolume = { handled: number; handleSeconds: number; productiveHours: number | null };

/**
 * The volume-based part of the charge over some days (unrounded): per handled call, minute or
 * productive hour. A per-seat contract's charge is monthly: see monthlyCharge.
 */
export function volumeAmount(pricing: StatementPricing, volume: BilledVolume): number {
  switch (pricing.model) {
    case 'per_handled_call':
      return volume.handled * pricing.rate;
    case 'per_handled_minute':
      return (volume.handleSeconds / 60) * pricing.rate;
    case 'per_productive_hour':
      return (volume.productiveHours ?? 0) * pricing.rate;
    case 'per_seat_month':
      return 0;
  }
}

/** The monthly amounts of a pricing, for a whole month: the seats' charge and the fixed fees. */
export function monthlyCharge(pricing: StatementPricing): { seats: number; fixedFees: number } {
  return {
    seats: pricing.model === 'per_seat_month' ? (pricing.seats ?? 0) * pricing.rate : 0,
    fixedFees: pricing.fixedMonthly ?? 0,
  };
}

function adjustmentOf(rule: { kind: 'fixed' | 'percent'; value: number }, volumeCharge: number, times: number): number {
  return rule.kind === 'fixed' ? rule.value * times : (rule.value / 100) * volumeCharge * times;
}

/** A term's penalty: per missed period beyond the allowed ones, capped, to the cent. */
export function termPenalty(term: Pick<TermInput, 'allowedMisses' | 'penalty'>, missed: number, volumeCharge: number): number {
  const excess = Math.max(0, missed - term.allowedMisses);
  const penalty = adjustmentOf(term.penalty, volumeCharge, excess);
  return roundMoney(term.penalty.cap === undefined ? penalty : Math.min(penalty, term.penalty.cap));
}

/** A term's bonus: earned when a period was measured and none missed, to the cent. */
export function termBonus(term: Pick<TermInput, 'bonus'>, periods: readonly Pick<StatementPeriod, 'met'>[], volumeCharge: number): number {
  if (!term.bonus) return 0;
  const measured = periods.some((p) => p.met !== null);
  const missed = periods.some((p) => p.met === false);
  return measured && !missed ? roundMoney(adjustmentOf(term.bonus, volumeCharge, 1)) : 0;
}

// ── The statement ─────────────────────────────────────────────────────────────────────────────

const later = (a: string, b: string) => (a > b ? a : b);

export function computeStatement(args: {
  site: { code: string; name: string };
  month: string;
  contract: StatementContract;
  days: readonly StatementDay[];
  hq: { code: string; rate: number | null };
}): ComputedStatement {
  const { site, month, contract, hq } = args;
  const { from, to } = monthDays(month);
  if (contract.effectiveFrom > to) throw new RangeError(`The contract from ${contract.effectiveFrom} is not in force in ${month}`);
  // Days before the version took effect count nowhere; a week may still reach back into the
  // previous month when the version was already in force there.
  const measuredFrom = contract.effectiveFrom;
  const byDay = new Map<string, StatementDay>();
  for (const d of args.days) if (d.day >= measuredFrom) byDay.set(d.day, d);

  // Volume: the month's own days under contract.
  const billedDays = daysOf({ from: later(from, measuredFrom), to });
  const billed = billedDays.flatMap((day) => byDay.get(day) ?? []);
  const parts = sumParts(billed.map((d) => d.parts));
  const reportedHours = billed.map((d) => d.productiveHours).filter((h): h is number => h !== null);
  const volume = {
    handled: parts.handled,
    resolved: parts.resolvedTrue,
    handledMinutes: parts.handleSeconds / 60,
    productiveHours: reportedHours.length === 0 ? null : roundTo(reportedHours.reduce((sum, h) => sum + h, 0), 4),
  };

  const share = billedDays.length / daysInMonth(month);
  const monthly = monthlyCharge(contract.pricing);
  const volumeCharge = roundMoney(
    volumeAmount(contract.pricing, { handled: volume.handled, handleSeconds: parts.handleSeconds, productiveHours: volume.productiveHours }) +
      monthly.seats * share,
  );
  const fixedFees = roundMoney(monthly.fixedFees * share);

  const terms = contract.terms.map((term) => statementTerm(term, month, measuredFrom, byDay, volumeCharge));
  const penalties = roundMoney(terms.reduce((sum, t) => sum + t.penalty, 0));
  const bonuses = roundMoney(terms.reduce((sum, t) => sum + t.bonus, 0));
  const invoiceEstimate = roundMoney(volumeCharge + fixedFees - penalties + bonuses);

  return {
    site: site.code,
    siteName: site.name,
    month,
    currency: contract.currency,
    contract: {
      effectiveFrom: contract.effectiveFrom,
      provider: contract.provider,
      pricing: { ...contract.pricing },
    },
    terms,
    volume,
    volumeCharge,
    fixedFees,
    cost: { amount: invoiceEstimate, perHandled: perCall(invoiceEstimate, volume.handled), perResolved: perCall(invoiceEstimate, volume.resolved) },
    penalties,
    bonuses,
    invoiceEstimate,
    hqCurrency: { code: hq.code, rate: hq.rate, invoiceEstimate: hq.rate === null ? null : roundMoney(invoiceEstimate * hq.rate) },
  };
}

function statementTerm(
  term: TermInput,
  month: string,
  measuredFrom: string,
  byDay: ReadonlyMap<string, StatementDay>,
  volumeCharge: number,
): StatementTerm {
  const kpi = TERM_KPI[term.metric];
  let excludesOutOfHours = false;
  const periods: StatementPeriod[] = [];
  for (const period of termPeriods(month, term.period)) {
    if (period.end < measuredFrom) continue;
    const start = later(period.start, measuredFrom);
    const days = daysOf({ from: start, to: period.end }).flatMap((day) => byDay.get(day) ?? []);
    const parts = days.length === 0 ? emptyParts() : sumParts(days.map((d) => d.parts));
    const slExcluded = sumSlExclusions(days.map((d) => d.slExcluded));
    if (slExcluded) excludesOutOfHours = true;
    const value = termValue(term.metric, parts, slExcluded);
    periods.push({
      start,
      end: period.end,
      value,
      met: isMet(term, parts.offered, value),
      offered: parts.offered,
      numerator: kpi.numerator(parts, slExcluded),
      denominator: kpi.denominator(parts, slExcluded),
    });
  }
  const missed = periods.filter((p) => p.met === false).length;
  const formula = termFormula(term.metric) + (term.metric === 'serviceLevel' && excludesOutOfHours ? SL_EXCLUSION_NOTE : '');
  return {
    metric: term.metric,
    comparison: term.comparison,
    threshold: term.threshold,
    period: term.period,
    allowedMisses: term.allowedMisses,
    formula,
    periods,
    missed,
    penalty: termPenalty(term, missed, volumeCharge),
    penaltyRule: { kind: term.penalty.kind, value: term.penalty.value, cap: term.penalty.cap ?? null },
    bonus: termBonus(term, periods, volumeCharge),
    bonusRule: term.bonus ? { kind: term.bonus.kind, value: term.bonus.value } : null,
  };
}

/** What changed since closing: the statement recomputed now − the closed one; null when nothing did. */
export function statementVariance(closed: Statement | ComputedStatement, now: ComputedStatement): Statement['variance'] {
  const variance = {
    handled: now.volume.handled - closed.volume.handled,
    resolved: now.volume.resolved - closed.volume.resolved,
    handledMinutes: roundTo(now.volume.handledMinutes - closed.volume.handledMinutes, 4),
    invoiceEstimate: roundMoney(now.invoiceEstimate - closed.invoiceEstimate),
    penalties: roundMoney(now.penalties - closed.penalties),
  };
  return Object.values(variance).every((v) => v === 0) ? null : variance;
}
