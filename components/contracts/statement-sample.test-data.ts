// A hand-built statement for the export tests (CSV, PDF): Casablanca in October 2026, a weekly
// service-level term missed twice with one miss allowed (one penalised week), a monthly QA term
// met and earning its bonus, and one week without calls.
import type { Statement } from '@/lib/contracts/statement-types';

export function sampleStatement(overrides: Partial<Statement> = {}): Statement {
  return {
    site: 'CAS',
    siteName: 'Casablanca',
    month: '2026-10',
    currency: 'MAD',
    status: 'closed',
    closedAt: '2026-11-02T09:15:00.000Z',
    closedBy: 'Alice Admin',
    contract: { effectiveFrom: '2026-01-01', provider: 'Atlas Contact', pricing: { model: 'per_handled_call', rate: 2.1, seats: null, fixedMonthly: 1000 } },
    terms: [
      {
        metric: 'serviceLevel',
        comparison: 'atLeast',
        threshold: 0.8,
        period: 'week',
        allowedMisses: 1,
        formula: 'answeredWithinSla / offered',
        periods: [
          { start: '2026-09-28', end: '2026-10-04', value: 0.75, met: false, offered: 1200, numerator: 900, denominator: 1200 },
          { start: '2026-10-05', end: '2026-10-11', value: 0.85, met: true, offered: 1000, numerator: 850, denominator: 1000 },
          { start: '2026-10-12', end: '2026-10-18', value: 0.7, met: false, offered: 1000, numerator: 700, denominator: 1000 },
          { start: '2026-10-19', end: '2026-10-25', value: null, met: null, offered: 0, numerator: 0, denominator: 0 },
        ],
        missed: 2,
        penalty: 246.75,
        penaltyRule: { kind: 'percent', value: 2, cap: 5000 },
        bonus: 0,
        bonusRule: null,
      },
      {
        metric: 'qaScore',
        comparison: 'atLeast',
        threshold: 85,
        period: 'month',
        allowedMisses: 0,
        formula: 'qaScoreSum / qaScoredEvaluations',
        periods: [{ start: '2026-10-01', end: '2026-10-31', value: 88.4, met: true, offered: 3200, numerator: 4420, denominator: 50 }],
        missed: 0,
        penalty: 0,
        penaltyRule: { kind: 'fixed', value: 500, cap: null },
        bonus: 300,
        bonusRule: { kind: 'fixed', value: 300 },
      },
    ],
    volume: { handled: 5875, resolved: 4700, handledMinutes: 29375.5, productiveHours: null },
    volumeCharge: 12337.5,
    fixedFees: 1000,
    cost: { amount: 13390.75, perHandled: 2.2793, perResolved: 2.8491 },
    penalties: 246.75,
    bonuses: 300,
    invoiceEstimate: 13390.75,
    hqCurrency: { code: 'EUR', rate: 0.092, invoiceEstimate: 1231.95 },
    variance: { handled: 12, resolved: 10, handledMinutes: 60.5, invoiceEstimate: 25.2, penalties: 0 },
    ...overrides,
  };
}
