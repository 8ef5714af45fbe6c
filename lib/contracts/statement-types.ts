// A site's monthly statement as GET /api/v1/statements answers it, the statement page shows it, and
// the PDF and CSV exports print it. Amounts are in the contract's currency unless named HQ's;
// ratios as fractions, as GET /api/v1/kpis gives them.
import type { AdjustmentKind, PricingModel, TermComparison, TermMetric, TermPeriod } from './contract-input';

export type StatementStatus = 'draft' | 'closed';

/** One measurement period of a term: site-local days `start`..`end` inclusive. */
export type StatementPeriod = {
  start: string;
  end: string;
  /** The KPI over the period (null when its denominator is zero). */
  value: number | null;
  /** Null when the period had no offered call: neither met nor missed. */
  met: boolean | null;
  offered: number;
  /** The counts the value is computed from (its formula's numerator and denominator). */
  numerator: number;
  denominator: number;
};

export type StatementTerm = {
  metric: TermMetric;
  comparison: TermComparison;
  threshold: number;
  period: TermPeriod;
  allowedMisses: number;
  /** How the value is computed, in words (the KPI module's formula). */
  formula: string;
  periods: StatementPeriod[];
  missed: number;
  /** The term's penalty this month after its cap (0 when missed ≤ allowedMisses). */
  penalty: number;
  penaltyRule: { kind: AdjustmentKind; value: number; cap: number | null };
  /** The term's bonus this month (0 unless every period with calls was met). */
  bonus: number;
  bonusRule: { kind: AdjustmentKind; value: number } | null;
};

export type StatementVolume = {
  handled: number;
  resolved: number;
  /** (talk + hold + wrap-up) of the handled calls, in minutes. */
  handledMinutes: number;
  /** Summed from the site's daily reports (productiveHours); null when none says. */
  productiveHours: number | null;
};

export type Statement = {
  site: string;
  siteName: string;
  /** YYYY-MM, the site-local calendar month. */
  month: string;
  currency: string;
  status: StatementStatus;
  closedAt: string | null;
  closedBy: string | null;
  contract: {
    effectiveFrom: string;
    provider: string;
    pricing: { model: PricingModel; rate: number; seats: number | null; fixedMonthly: number | null };
  };
  terms: StatementTerm[];
  volume: StatementVolume;
  /** The billed quantity × the rate (before penalties and bonuses). */
  volumeCharge: number;
  fixedFees: number;
  cost: { amount: number; perHandled: number | null; perResolved: number | null };
  penalties: number;
  bonuses: number;
  /** volumeCharge + fixedFees − penalties + bonuses. */
  invoiceEstimate: number;
  /** HQ's currency and the month's rate (1 unit of the contract's currency in HQ's); null rate when HQ has not entered one. */
  hqCurrency: { code: string; rate: number | null; invoiceEstimate: number | null };
  /**
   * A closed statement against the calls as they are now: what changed since closing (now − closed).
   * Null for drafts and when nothing changed.
   */
  variance: { handled: number; resolved: number; handledMinutes: number; invoiceEstimate: number; penalties: number } | null;
};
