// A contract's and a statement's words and figures as people read them, in English or French: the
// term in words ("Service level ≥ 80.0 % each week, 1 miss allowed, penalty 2 % per missed week,
// cap MAD 5,000.00"), the pricing, money in the contract's currency, a term's value as the KPI
// module formats it. One home for the settings page, the statement page and the PDF (which renders
// outside next-intl, in a route handler), so the dictionary lives here, typed so that both
// languages say everything. Pure (Intl only).
import type { PricingModel, TermComparison, TermMetric, TermPeriod } from '@/lib/contracts/contract-input';
import { METRICS, type KpiMetric } from '@/lib/kpi/definitions';
import { formatMetricValue, NO_VALUE } from '@/lib/kpi/format';
import { dateTimeFormat, numberFormat } from '@/lib/intl/formatters';

export type ContractLocale = 'en' | 'fr';

/** A term's metric as the KPI module names it (its unit, label and formula live there). */
export const TERM_KPI: Record<TermMetric, KpiMetric> = {
  serviceLevel: 'service_level',
  abandonRate: 'abandon_rate',
  asaSeconds: 'asa',
  ahtSeconds: 'aht',
  fcr: 'fcr',
  csat: 'csat',
  qaScore: 'qa_score',
};

export function asContractLocale(locale: string): ContractLocale {
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

type Wording = {
  comparison: Record<TermComparison, string>;
  each: Record<TermPeriod, string>;
  missed: Record<TermPeriod, string>;
  allowed: (n: number) => string;
  penaltyPercent: (value: string, period: string) => string;
  penaltyFixed: (money: string, period: string) => string;
  cap: (money: string) => string;
  bonusPercent: (value: string, period: string) => string;
  bonusFixed: (money: string, period: string) => string;
  pricing: Record<PricingModel, (rate: string) => string>;
  seats: (n: string) => string;
  fixedMonthly: (money: string) => string;
  /** The formula of a term's value: numerator ÷ denominator, in words. */
  formula: Record<TermMetric, string>;
};

const EN: Wording = {
  comparison: { atLeast: '≥', atMost: '≤' },
  each: { day: 'each day', week: 'each week', month: 'over the month' },
  missed: { day: 'missed day', week: 'missed week', month: 'missed month' },
  allowed: (n) => (n === 0 ? 'no miss allowed' : n === 1 ? '1 miss allowed' : `${n} misses allowed`),
  penaltyPercent: (value, period) => `penalty ${value} of the volume charge per ${period}`,
  penaltyFixed: (money, period) => `penalty ${money} per ${period}`,
  cap: (money) => `cap ${money}`,
  bonusPercent: (value, period) => `bonus ${value} of the volume charge when no ${period}`,
  bonusFixed: (money, period) => `bonus ${money} when no ${period}`,
  pricing: {
    per_handled_call: (rate) => `${rate} per handled call`,
    per_handled_minute: (rate) => `${rate} per handled minute`,
    per_productive_hour: (rate) => `${rate} per productive hour`,
    per_seat_month: (rate) => `${rate} per seat and month`,
  },
  seats: (n) => `${n} seats`,
  fixedMonthly: (money) => `fixed fees ${money} a month`,
  formula: {
    serviceLevel: 'calls answered within the SLA ÷ calls offered',
    abandonRate: 'calls abandoned ÷ calls offered',
    asaSeconds: 'wait seconds of inbound handled calls ÷ inbound handled calls',
    ahtSeconds: 'handle seconds (talk + hold + wrap-up) ÷ handled calls',
    fcr: 'calls resolved at first contact ÷ calls whose resolution is known',
    csat: 'answers of 4 or 5 ÷ survey answers',
    qaScore: 'sum of QA scores ÷ scored evaluations',
  },
};

const FR: Wording = {
  comparison: { atLeast: '≥', atMost: '≤' },
  each: { day: 'chaque jour', week: 'chaque semaine', month: 'sur le mois' },
  missed: { day: 'jour manqué', week: 'semaine manquée', month: 'mois manqué' },
  allowed: (n) => (n === 0 ? 'aucun écart toléré' : n === 1 ? '1 écart toléré' : `${n} écarts tolérés`),
  penaltyPercent: (value, period) => `pénalité de ${value} du montant variable par ${period}`,
  penaltyFixed: (money, period) => `pénalité de ${money} par ${period}`,
  cap: (money) => `plafond ${money}`,
  bonusPercent: (value, period) => `bonus de ${value} du montant variable sans ${period}`,
  bonusFixed: (money, period) => `bonus de ${money} sans ${period}`,
  pricing: {
    per_handled_call: (rate) => `${rate} par appel traité`,
    per_handled_minute: (rate) => `${rate} par minute traitée`,
    per_productive_hour: (rate) => `${rate} par heure productive`,
    per_seat_month: (rate) => `${rate} par poste et par mois`,
  },
  seats: (n) => `${n} postes`,
  fixedMonthly: (money) => `frais fixes de ${money} par mois`,
  formula: {
    serviceLevel: 'appels décrochés dans le délai ÷ appels présentés',
    abandonRate: 'appels abandonnés ÷ appels présentés',
    asaSeconds: 'secondes d’attente des appels entrants traités ÷ appels entrants traités',
    ahtSeconds: 'secondes de traitement (conversation + attente + post-appel) ÷ appels traités',
    fcr: 'appels résolus au premier contact ÷ appels dont la résolution est connue',
    csat: 'réponses de 4 ou 5 ÷ réponses à l’enquête',
    qaScore: 'somme des scores qualité ÷ évaluations notées',
  },
};

const WORDING: Record<ContractLocale, Wording> = { en: EN, fr: FR };
const wordingOf = (locale: string) => WORDING[asContractLocale(locale)];

/** An amount in a currency, to the cent, in the reader's locale ("MAD 5,000.00", "5 000,00 MAD"). */
export function formatMoney(amount: number | null | undefined, currency: string, locale: string): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return NO_VALUE;
  return numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
}

/** A unit price: up to four decimals (a call can cost 0.0125 EUR). */
export function formatRate(amount: number | null | undefined, currency: string, locale: string): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return NO_VALUE;
  return numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(amount);
}

export function formatNumber(value: number | null | undefined, locale: string, maxDigits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return numberFormat(locale, { maximumFractionDigits: maxDigits }).format(value);
}

/** A site-local day (YYYY-MM-DD) as the reader writes dates, without moving it across time zones. */
export function formatDay(day: string, locale: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return dateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** A month (YYYY-MM) in words: "October 2026", "octobre 2026". */
export function formatMonth(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number);
  return dateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, 1)));
}

export function formatInstant(iso: string, locale: string, timeZone?: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

export function termMetricLabel(metric: TermMetric, locale: string): string {
  return METRICS[TERM_KPI[metric]].label[asContractLocale(locale)];
}

/** A term's value (or threshold) as the KPI module formats its metric: 80.0 %, 0:25, 87.5. */
export function formatTermValue(metric: TermMetric, value: number | null | undefined, locale: string): string {
  return formatMetricValue(TERM_KPI[metric], value, locale);
}

export function termFormula(metric: TermMetric, locale: string): string {
  return wordingOf(locale).formula[metric];
}

export function comparisonSign(comparison: TermComparison): string {
  return EN.comparison[comparison];
}

export function periodEach(period: TermPeriod, locale: string): string {
  return wordingOf(locale).each[period];
}

/** What a term holds the site to, as the statement and the settings show it. */
export type TermWords = {
  metric: TermMetric;
  comparison: TermComparison;
  threshold: number;
  period: TermPeriod;
  allowedMisses: number;
  penalty: { kind: 'fixed' | 'percent'; value: number; cap?: number | null };
  bonus?: { kind: 'fixed' | 'percent'; value: number } | null;
};

const percentOf = (value: number, locale: string) => `${formatNumber(value, locale)} %`;

/** "Service level ≥ 80.0 % each week, 1 miss allowed, penalty 2 % of the volume charge per missed week, cap MAD 5,000.00". */
export function describeTerm(term: TermWords, currency: string, locale: string): string {
  const w = wordingOf(locale);
  const missed = w.missed[term.period];
  const parts = [
    `${termMetricLabel(term.metric, locale)} ${w.comparison[term.comparison]} ${formatTermValue(term.metric, term.threshold, locale)} ${w.each[term.period]}`,
    w.allowed(term.allowedMisses),
    term.penalty.kind === 'percent' ? w.penaltyPercent(percentOf(term.penalty.value, locale), missed) : w.penaltyFixed(formatMoney(term.penalty.value, currency, locale), missed),
  ];
  if (term.penalty.cap !== null && term.penalty.cap !== undefined) parts.push(w.cap(formatMoney(term.penalty.cap, currency, locale)));
  if (term.bonus) {
    parts.push(term.bonus.kind === 'percent' ? w.bonusPercent(percentOf(term.bonus.value, locale), missed) : w.bonusFixed(formatMoney(term.bonus.value, currency, locale), missed));
  }
  return parts.join(', ');
}

/** "MAD 2.10 per handled call, fixed fees MAD 1,000.00 a month"; seats for a per-seat price. */
export function describePricing(
  pricing: { model: PricingModel; rate: number; seats?: number | null; fixedMonthly?: number | null },
  currency: string,
  locale: string,
): string {
  const w = wordingOf(locale);
  const parts = [w.pricing[pricing.model](formatRate(pricing.rate, currency, locale))];
  if (pricing.model === 'per_seat_month' && pricing.seats) parts[0] = `${parts[0]} × ${w.seats(formatNumber(pricing.seats, locale))}`;
  if (pricing.fixedMonthly) parts.push(w.fixedMonthly(formatMoney(pricing.fixedMonthly, currency, locale)));
  return parts.join(', ');
}
