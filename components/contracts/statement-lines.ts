// What a monthly statement says, worded and formatted once for the statement page and the PDF so
// that the two cannot drift apart: each term in words, a period's dates, the invoice lines down to
// the estimate and HQ's currency, and a variance's signed figures. Pure: the caller hands in the
// `contracts` messages' translator (next-intl's hook on the page, createTranslator in the route).
import type { PricingModel } from '@/lib/contracts/contract-input';
import type { Statement, StatementTerm } from '@/lib/contracts/statement-types';
import { describeTerm, formatDay, formatMoney, formatMonth, formatNumber, formatRate, termMetricLabel } from './wording';
import { numberFormat } from '@/lib/intl/formatters';

/** The `contracts` messages the invoice is worded with: a key missing from them fails the type check where a translator is passed. */
type InvoiceKey =
  | 'statement.volume'
  | 'statement.volumeLine'
  | `statement.units.${PricingModel}`
  | 'statement.noProductiveHours'
  | 'statement.fixedFees'
  | 'statement.penaltyLine'
  | 'statement.bonusLine'
  | 'statements.penalties'
  | 'statements.bonuses'
  | 'statement.invoiceEstimate'
  | 'statement.hqLine'
  | 'statement.hqLineNoRate';

/** A translator of the `contracts` messages: next-intl's hook on the page, createTranslator in the route handler. */
export type ContractsTranslate = (key: InvoiceKey, values?: Record<string, string | number>) => string;

export type InvoiceLine = {
  key: string;
  label: string;
  amount: string;
  /** The invoice estimate: the line the others add up to. */
  total?: boolean;
  /** Why the line's figure may be short (a per-hour price with no productive hours reported). */
  note?: string;
};

/** The quantity the rate is charged on under the contract's pricing model. */
export function billedQuantity(s: Statement): number {
  switch (s.contract.pricing.model) {
    case 'per_handled_call':
      return s.volume.handled;
    case 'per_handled_minute':
      return s.volume.handledMinutes;
    case 'per_productive_hour':
      return s.volume.productiveHours ?? 0;
    case 'per_seat_month':
      return s.contract.pricing.seats ?? 0;
  }
}

/** "Service level ≥ 80.0 % each week, 1 miss allowed, penalty …": a statement's term in words. */
export function statementTermWords(term: StatementTerm, currency: string, locale: string): string {
  return describeTerm({ ...term, penalty: term.penaltyRule, bonus: term.bonusRule }, currency, locale);
}

/** A period's dates: one day, or its first and last day. */
export function periodDates(start: string, end: string, locale: string): string {
  return start === end ? formatDay(start, locale) : `${formatDay(start, locale)} – ${formatDay(end, locale)}`;
}

/** A change since closing with its sign (+25, −3), in the contract's currency when given. */
export function formatSigned(value: number, locale: string, currency?: string): string {
  return numberFormat(locale, {
    signDisplay: 'exceptZero',
    maximumFractionDigits: 2,
    ...(currency ? { style: 'currency', currency, minimumFractionDigits: 2 } : {}),
  }).format(value);
}

/**
 * The invoice: the volume charge, the fixed fees, each term's penalty and bonus that is not zero,
 * their totals, the estimate, and the estimate in HQ's currency at the month's rate.
 */
export function invoiceLines(s: Statement, locale: string, t: ContractsTranslate): InvoiceLine[] {
  const money = (amount: number | null) => formatMoney(amount, s.currency, locale);
  const pricing = s.contract.pricing;
  const termName = (i: number, term: StatementTerm) => `${i + 1}. ${termMetricLabel(term.metric, locale)}`;
  const volume = t('statement.volumeLine', {
    quantity: formatNumber(billedQuantity(s), locale),
    unit: t(`statement.units.${pricing.model}`),
    rate: formatRate(pricing.rate, s.currency, locale),
  });
  return [
    {
      key: 'volume',
      label: `${t('statement.volume')}: ${volume}`,
      amount: money(s.volumeCharge),
      note: pricing.model === 'per_productive_hour' && s.volume.productiveHours === null ? t('statement.noProductiveHours') : undefined,
    },
    { key: 'fixed', label: t('statement.fixedFees'), amount: money(s.fixedFees) },
    ...s.terms.flatMap((term, i) => (term.penalty !== 0 ? [{ key: `p${i}`, label: t('statement.penaltyLine', { term: termName(i, term) }), amount: `− ${money(term.penalty)}` }] : [])),
    ...s.terms.flatMap((term, i) => (term.bonus !== 0 ? [{ key: `b${i}`, label: t('statement.bonusLine', { term: termName(i, term) }), amount: `+ ${money(term.bonus)}` }] : [])),
    { key: 'penalties', label: t('statements.penalties'), amount: `− ${money(s.penalties)}` },
    { key: 'bonuses', label: t('statements.bonuses'), amount: `+ ${money(s.bonuses)}` },
    { key: 'estimate', label: t('statement.invoiceEstimate'), amount: money(s.invoiceEstimate), total: true },
    {
      key: 'hq',
      label:
        s.hqCurrency.rate === null
          ? t('statement.hqLineNoRate', { hq: s.hqCurrency.code, month: formatMonth(s.month, locale) })
          : t('statement.hqLine', { hq: s.hqCurrency.code, rate: formatNumber(s.hqCurrency.rate, locale, 6) }),
      amount: formatMoney(s.hqCurrency.invoiceEstimate, s.hqCurrency.code, locale),
    },
  ];
}
