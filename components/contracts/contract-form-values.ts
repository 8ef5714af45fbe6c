// The contract form's own values and their translation to and from the API's contract
// (lib/contracts/contract-input.ts): numbers are typed as text in the reader's locale ("2,10" or
// "2.10"), a ratio's threshold as a percentage (80 for 0.8), optional amounts left empty, a term's
// bonus "none" or its kind. The form is checked with the API's own schema before anything is
// sent: each issue is taken back to the field it came from, named by a message key the form
// translates. Pure: no React, so it is tested on its own.
import { nestedFieldErrors } from '@/components/forms/issues-resolver';
import type { FieldErrors } from 'react-hook-form';
import {
  contractInput,
  type AdjustmentKind,
  type ContractInput,
  type PricingModel,
  type TermComparison,
  type TermInput,
  type TermMetric,
  type TermPeriod,
} from '@/lib/contracts/contract-input';
import { METRICS } from '@/lib/kpi/definitions';
import { TERM_KPI } from './wording';

export type TermFormValues = {
  metric: TermMetric;
  comparison: TermComparison;
  /** In the metric's display unit: a percentage for a ratio. */
  threshold: string;
  period: TermPeriod;
  allowedMisses: string;
  penaltyKind: AdjustmentKind;
  penaltyValue: string;
  /** Empty: no cap. */
  penaltyCap: string;
  bonusKind: 'none' | AdjustmentKind;
  bonusValue: string;
};

export type ContractFormValues = {
  site: string;
  effectiveFrom: string;
  provider: string;
  currency: string;
  model: PricingModel;
  rate: string;
  /** Only read for a per-seat price. */
  seats: string;
  /** Empty: no fixed fees. */
  fixedMonthly: string;
  terms: TermFormValues[];
};

/** A contract version as the API answers it (contracts.list), as far as the form reads it. */
export type StoredContract = {
  site: string;
  provider: string;
  currency: string;
  pricing: { model: PricingModel; rate: number; seats: number | null; fixedMonthly: number | null };
  terms: TermInput[];
};

/** The message keys the form translates (contracts.form.errors.*). */
export type ContractErrorKey =
  | 'site'
  | 'effectiveFrom'
  | 'provider'
  | 'currency'
  | 'model'
  | 'rate'
  | 'seats'
  | 'fixedMonthly'
  | 'metric'
  | 'comparison'
  | 'threshold'
  | 'thresholdRatio'
  | 'thresholdScore'
  | 'thresholdSeconds'
  | 'period'
  | 'allowedMisses'
  | 'penaltyValue'
  | 'penaltyCap'
  | 'bonusValue'
  | 'terms'
  | 'invalid';

export type ThresholdUnit = 'percent' | 'seconds' | 'score';

/** The unit a threshold is typed in: a ratio as a percentage, the rest as the KPI module measures it. */
export function thresholdUnitOf(metric: TermMetric): ThresholdUnit {
  const unit = METRICS[TERM_KPI[metric]].unit;
  return unit === 'ratio' ? 'percent' : unit;
}

/** A number typed in either locale ("80,5" or "80.5", "5 000"); NaN when it is not one. */
export function parseTypedNumber(text: string): number {
  const trimmed = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (trimmed === '' || !/^-?\d*\.?\d+$|^-?\d+\.$/.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

const optionalNumber = (text: string): number | undefined => (text.trim() === '' ? undefined : parseTypedNumber(text));

export function thresholdFromDisplay(metric: TermMetric, typed: string): number {
  const value = parseTypedNumber(typed);
  if (thresholdUnitOf(metric) !== 'percent' || Number.isNaN(value)) return value;
  // Rounded so that 80.1 % is 0.801, not 0.8009999999999999.
  return Math.round(value * 1e6) / 1e8;
}

export function thresholdToDisplay(metric: TermMetric, threshold: number): string {
  if (thresholdUnitOf(metric) !== 'percent') return String(threshold);
  return String(Math.round(threshold * 1e8) / 1e6);
}

export function emptyTermValues(): TermFormValues {
  return {
    metric: 'serviceLevel',
    comparison: 'atLeast',
    threshold: '80',
    period: 'week',
    allowedMisses: '0',
    penaltyKind: 'percent',
    penaltyValue: '',
    penaltyCap: '',
    bonusKind: 'none',
    bonusValue: '',
  };
}

/** The comparison that means "good" for a metric: at least a service level, at most an AHT. */
export function naturalComparison(metric: TermMetric): TermComparison {
  return METRICS[TERM_KPI[metric]].direction === 'higher' ? 'atLeast' : 'atMost';
}

/**
 * A new version's values: the site's current version as it stands (the usual change is one figure
 * of it), from `effectiveFrom`; or an empty contract in HQ's currency.
 */
export function newVersionValues(site: string, effectiveFrom: string, current: StoredContract | null, hqCurrency: string): ContractFormValues {
  if (!current) {
    return { site, effectiveFrom, provider: '', currency: hqCurrency, model: 'per_handled_call', rate: '', seats: '', fixedMonthly: '', terms: [] };
  }
  return {
    site,
    effectiveFrom,
    provider: current.provider,
    currency: current.currency,
    model: current.pricing.model,
    rate: String(current.pricing.rate),
    seats: current.pricing.seats === null ? '' : String(current.pricing.seats),
    fixedMonthly: current.pricing.fixedMonthly === null ? '' : String(current.pricing.fixedMonthly),
    terms: current.terms.map((term) => ({
      metric: term.metric,
      comparison: term.comparison,
      threshold: thresholdToDisplay(term.metric, term.threshold),
      period: term.period,
      allowedMisses: String(term.allowedMisses),
      penaltyKind: term.penalty.kind,
      penaltyValue: String(term.penalty.value),
      penaltyCap: term.penalty.cap === undefined ? '' : String(term.penalty.cap),
      bonusKind: term.bonus ? term.bonus.kind : 'none',
      bonusValue: term.bonus ? String(term.bonus.value) : '',
    })),
  };
}

/** The API's contract from the form's values; empty optional fields are left out. */
export function contractFromValues(values: ContractFormValues): ContractInput {
  const seats = values.model === 'per_seat_month' ? optionalNumber(values.seats) : undefined;
  const fixedMonthly = optionalNumber(values.fixedMonthly);
  return {
    site: values.site,
    effectiveFrom: values.effectiveFrom.trim(),
    provider: values.provider,
    currency: values.currency.trim().toUpperCase(),
    pricing: {
      model: values.model,
      rate: parseTypedNumber(values.rate),
      ...(seats === undefined ? {} : { seats }),
      ...(fixedMonthly === undefined ? {} : { fixedMonthly }),
    },
    terms: values.terms.map((term) => {
      const cap = optionalNumber(term.penaltyCap);
      return {
        metric: term.metric,
        comparison: term.comparison,
        threshold: thresholdFromDisplay(term.metric, term.threshold),
        period: term.period,
        allowedMisses: parseTypedNumber(term.allowedMisses),
        penalty: { kind: term.penaltyKind, value: parseTypedNumber(term.penaltyValue), ...(cap === undefined ? {} : { cap }) },
        ...(term.bonusKind === 'none' ? {} : { bonus: { kind: term.bonusKind, value: parseTypedNumber(term.bonusValue) } }),
      };
    }),
  };
}

/** Where an issue of the API's schema shows in the form, and what it says there. */
export type FormIssue = { field: string; key: ContractErrorKey };

const THRESHOLD_KEY: Record<ThresholdUnit, ContractErrorKey> = { percent: 'thresholdRatio', score: 'thresholdScore', seconds: 'thresholdSeconds' };

/** An issue's path in the API's contract, taken back to the form's field. */
export function issueToField(values: ContractFormValues, path: readonly PropertyKey[]): FormIssue {
  const [head, second, third, fourth] = path;
  switch (head) {
    case 'site':
    case 'effectiveFrom':
    case 'provider':
    case 'currency':
      return { field: head, key: head };
    case 'pricing':
      if (second === 'model' || second === 'rate' || second === 'seats' || second === 'fixedMonthly') return { field: second, key: second };
      return { field: 'rate', key: 'rate' };
    case 'terms': {
      if (typeof second !== 'number') return { field: 'terms', key: 'terms' };
      const term = values.terms[second];
      const at = (name: keyof TermFormValues) => `terms.${second}.${name}`;
      switch (third) {
        case 'metric':
        case 'comparison':
        case 'period':
        case 'allowedMisses':
          return { field: at(third), key: third };
        case 'threshold': {
          const typed = term ? parseTypedNumber(term.threshold) : Number.NaN;
          return { field: at('threshold'), key: Number.isNaN(typed) || !term ? 'threshold' : THRESHOLD_KEY[thresholdUnitOf(term.metric)] };
        }
        case 'penalty':
          return fourth === 'cap' ? { field: at('penaltyCap'), key: 'penaltyCap' } : { field: at('penaltyValue'), key: 'penaltyValue' };
        case 'bonus':
          return { field: at('bonusValue'), key: 'bonusValue' };
        default:
          return { field: at('metric'), key: 'invalid' };
      }
    }
    default:
      return { field: 'provider', key: 'invalid' };
  }
}

/** Every field the API's schema refuses, the first issue of each. */
export function checkContractValues(values: ContractFormValues): FormIssue[] {
  const result = contractInput.safeParse(contractFromValues(values));
  if (result.success) return [];
  const issues: FormIssue[] = [];
  for (const issue of result.error.issues) {
    const found = issueToField(values, issue.path);
    if (!issues.some((i) => i.field === found.field)) issues.push(found);
  }
  // The schema says a per-seat price lacks its seats only once the rest of the price is valid:
  // said at once here, with the rest.
  if (values.model === 'per_seat_month' && values.seats.trim() === '' && !issues.some((i) => i.field === 'seats')) issues.push({ field: 'seats', key: 'seats' });
  return issues;
}

/** react-hook-form's errors from the issues: nested where the field is (terms.0.threshold). */
export function formErrorsOf(issues: FormIssue[]): FieldErrors<ContractFormValues> {
  return nestedFieldErrors<ContractFormValues>(issues);
}
