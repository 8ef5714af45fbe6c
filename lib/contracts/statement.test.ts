import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeKpis, emptyParts, METRICS, PART_KEYS, type KpiParts, type SlExclusion } from '@/lib/kpi/definitions';
import { TERM_METRICS, type TermInput } from './contract-input';
import {
  computeStatement,
  statementVariance,
  statementVersion,
  TERM_KPI,
  termFormula,
  versionInForce,
  type StatementContract,
  type StatementDay,
} from './statement';
import type { Statement } from './statement-types';

const parts = (p: Partial<KpiParts>): KpiParts => ({ ...emptyParts(), ...p });
const day = (d: string, p: Partial<KpiParts>, productiveHours: number | null = null, slExcluded: SlExclusion | null = null): StatementDay => ({
  day: d,
  parts: parts(p),
  slExcluded,
  productiveHours,
});

/**
 * June 2026 at a site (weeks W1 Jun 1–7, W2 8–14, W3 15–21, W4 22–28; Jun 29–30 are July's week):
 *            offered  within SLA  handled  abandoned  handle s   resolved (known)  CSAT top2/answers  QA      hours
 * Jun 2      100      90 (0.9)    95       3          28,500     72 (90)           14/20                     7.5
 * Jun 9      100      70 (0.7)    96       2          28,800     60 (90)           14/20                     8.25
 * Jun 16      50      35 (0.7)    49       1          14,700     30 (40)            7/10             750/10   —
 * Jun 29      20      20 (1.0)    20       0           6,000     20 (20)                                     6.1
 * Jun 30       —                                                                                             0.1
 * Totals     270                  260      6          78,000 s = 1,300 min   182 (240)   35/50 = 0.7  75     21.95
 * Every day's AHT is 300 s. May 31 and July 1 are read too (a neighbour's days) and must not count.
 */
const JUNE: StatementDay[] = [
  day('2026-05-31', { offered: 1000, answeredWithinSla: 0, handled: 1000, handleSeconds: 600_000 }, 99),
  day('2026-06-02', { offered: 100, answeredWithinSla: 90, handled: 95, inboundHandled: 95, abandoned: 3, handleSeconds: 28_500, resolvedKnown: 90, resolvedTrue: 72, csatResponses: 20, csatTop2: 14 }, 7.5),
  day('2026-06-09', { offered: 100, answeredWithinSla: 70, handled: 96, inboundHandled: 96, abandoned: 2, handleSeconds: 28_800, resolvedKnown: 90, resolvedTrue: 60, csatResponses: 20, csatTop2: 14 }, 8.25),
  day('2026-06-16', { offered: 50, answeredWithinSla: 35, handled: 49, inboundHandled: 49, abandoned: 1, handleSeconds: 14_700, resolvedKnown: 40, resolvedTrue: 30, csatResponses: 10, csatTop2: 7, qaEvaluations: 10, qaScoredEvaluations: 10, qaScoreSum: 750 }),
  day('2026-06-29', { offered: 20, answeredWithinSla: 20, handled: 20, inboundHandled: 20, handleSeconds: 6_000, resolvedKnown: 20, resolvedTrue: 20 }, 6.1),
  day('2026-06-30', {}, 0.1),
  day('2026-07-01', { offered: 500, answeredWithinSla: 0, handled: 500, handleSeconds: 300_000 }, 99),
];

const SITE = { code: 'CAS', name: 'Casablanca' };

const term = (t: Partial<TermInput> & Pick<TermInput, 'metric' | 'comparison' | 'threshold' | 'period'>): TermInput => ({
  allowedMisses: 0,
  penalty: { kind: 'fixed', value: 0 },
  ...t,
});

const contract = (c: Partial<StatementContract> & Pick<StatementContract, 'pricing'>): StatementContract => ({
  effectiveFrom: '2026-01-01',
  provider: 'Atlas Contact',
  currency: 'EUR',
  terms: [],
  ...c,
});

const SL_WEEKLY_CAPPED = term({ metric: 'serviceLevel', comparison: 'atLeast', threshold: 0.8, period: 'week', penalty: { kind: 'fixed', value: 500, cap: 800 } });
const ABANDON_MONTHLY_BONUS = term({ metric: 'abandonRate', comparison: 'atMost', threshold: 0.05, period: 'month', penalty: { kind: 'percent', value: 5 }, bonus: { kind: 'fixed', value: 200 } });
const AHT_DAILY_PERCENT = term({ metric: 'ahtSeconds', comparison: 'atMost', threshold: 290, period: 'day', allowedMisses: 1, penalty: { kind: 'percent', value: 2 } });

const perCallContract = contract({
  currency: 'USD',
  pricing: { model: 'per_handled_call', rate: 2.5, seats: null, fixedMonthly: 1000 },
  terms: [SL_WEEKLY_CAPPED, ABANDON_MONTHLY_BONUS, AHT_DAILY_PERCENT],
});
const perCallStatement = () => computeStatement({ site: SITE, month: '2026-06', contract: perCallContract, days: JUNE, hq: { code: 'EUR', rate: 0.92 } });

describe('computeStatement: per handled call', () => {
  const s = perCallStatement();

  it('bills the month’s own days only', () => {
    expect(s.volume).toEqual({ handled: 260, resolved: 182, handledMinutes: 1300, productiveHours: 21.95 });
    // 260 handled × 2.50 = 650.00; fixed fees 1,000.00.
    expect(s.volumeCharge).toBe(650);
    expect(s.fixedFees).toBe(1000);
  });

  it('measures the service level per ISO week: two weeks missed, the week without calls neither; 2 × 500 capped at 800', () => {
    const sl = s.terms[0]!;
    expect(sl.periods).toEqual([
      { start: '2026-06-01', end: '2026-06-07', value: 0.9, met: true, offered: 100, numerator: 90, denominator: 100 },
      { start: '2026-06-08', end: '2026-06-14', value: 0.7, met: false, offered: 100, numerator: 70, denominator: 100 },
      { start: '2026-06-15', end: '2026-06-21', value: 0.7, met: false, offered: 50, numerator: 35, denominator: 50 },
      { start: '2026-06-22', end: '2026-06-28', value: null, met: null, offered: 0, numerator: 0, denominator: 0 },
    ]);
    expect(sl.missed).toBe(2);
    expect(sl.penalty).toBe(800);
    expect(sl.penaltyRule).toEqual({ kind: 'fixed', value: 500, cap: 800 });
    expect(sl.bonus).toBe(0);
    expect(sl.bonusRule).toBeNull();
    expect(sl.formula).toBe(METRICS.service_level.explanation.en);
  });

  it('earns the abandon-rate bonus: 6 / 270 = 2.2 % ≤ 5 % over the month', () => {
    const abandon = s.terms[1]!;
    expect(abandon.periods).toEqual([{ start: '2026-06-01', end: '2026-06-30', value: 6 / 270, met: true, offered: 270, numerator: 6, denominator: 270 }]);
    expect(abandon.missed).toBe(0);
    expect(abandon.penalty).toBe(0);
    expect(abandon.bonus).toBe(200);
    expect(abandon.bonusRule).toEqual({ kind: 'fixed', value: 200 });
  });

  it('counts daily AHT misses beyond the one allowed, as a percent of the volume charge, uncapped', () => {
    const aht = s.terms[2]!;
    expect(aht.periods).toHaveLength(30);
    expect(aht.periods.filter((p) => p.met === false).map((p) => p.start)).toEqual(['2026-06-02', '2026-06-09', '2026-06-16', '2026-06-29']);
    expect(aht.periods.filter((p) => p.met === null)).toHaveLength(26);
    expect(aht.periods[1]).toEqual({ start: '2026-06-02', end: '2026-06-02', value: 300, met: false, offered: 100, numerator: 28_500, denominator: 95 });
    // 4 missed − 1 allowed = 3 × 2 % × 650.00 = 39.00.
    expect(aht.missed).toBe(4);
    expect(aht.penalty).toBe(39);
    expect(aht.penaltyRule).toEqual({ kind: 'percent', value: 2, cap: null });
  });

  it('adds up to the invoice, its cost per call and its HQ figure', () => {
    // 650.00 + 1,000.00 − (800.00 + 0 + 39.00) + 200.00 = 1,011.00
    expect(s.penalties).toBe(839);
    expect(s.bonuses).toBe(200);
    expect(s.invoiceEstimate).toBe(1011);
    // 1,011 / 260 = 3.888461…; 1,011 / 182 = 5.554945…
    expect(s.cost).toEqual({ amount: 1011, perHandled: 3.8885, perResolved: 5.5549 });
    // 1,011.00 USD × 0.92 = 930.12 EUR
    expect(s.hqCurrency).toEqual({ code: 'EUR', rate: 0.92, invoiceEstimate: 930.12 });
    expect(s).toMatchObject({
      site: 'CAS',
      siteName: 'Casablanca',
      month: '2026-06',
      currency: 'USD',
      contract: { effectiveFrom: '2026-01-01', provider: 'Atlas Contact', pricing: { model: 'per_handled_call', rate: 2.5, seats: null, fixedMonthly: 1000 } },
    });
    expect(s).not.toHaveProperty('status');
    expect(s).not.toHaveProperty('variance');
  });
});

describe('computeStatement: per handled minute', () => {
  it('bills talk + hold + wrap-up minutes; a capped percent penalty and a percent bonus', () => {
    const s = computeStatement({
      site: SITE,
      month: '2026-06',
      contract: contract({
        pricing: { model: 'per_handled_minute', rate: 0.4, seats: null, fixedMonthly: null },
        terms: [
          term({ metric: 'csat', comparison: 'atLeast', threshold: 0.8, period: 'month', penalty: { kind: 'percent', value: 10, cap: 30 } }),
          term({ metric: 'fcr', comparison: 'atLeast', threshold: 0.6, period: 'month', penalty: { kind: 'fixed', value: 100 }, bonus: { kind: 'percent', value: 5 } }),
        ],
      }),
      days: JUNE,
      hq: { code: 'EUR', rate: 1 },
    });
    // 78,000 s = 1,300 min × 0.40 = 520.00; no fixed fees.
    expect(s.volume.handledMinutes).toBe(1300);
    expect(s.volumeCharge).toBe(520);
    expect(s.fixedFees).toBe(0);
    // CSAT 35 / 50 = 0.7 < 0.8: 10 % × 520.00 = 52.00, capped at 30.00.
    expect(s.terms[0]!.periods[0]).toMatchObject({ value: 0.7, met: false, numerator: 35, denominator: 50 });
    expect(s.terms[0]!.penalty).toBe(30);
    // FCR 182 / 240 = 0.758 ≥ 0.6: bonus 5 % × 520.00 = 26.00.
    expect(s.terms[1]!.periods[0]).toMatchObject({ value: 182 / 240, met: true, numerator: 182, denominator: 240 });
    expect(s.terms[1]!.bonus).toBe(26);
    // 520.00 − 30.00 + 26.00 = 516.00, HQ's own currency at 1.
    expect(s.invoiceEstimate).toBe(516);
    expect(s.hqCurrency).toEqual({ code: 'EUR', rate: 1, invoiceEstimate: 516 });
  });

  it('keeps handled minutes unrounded, and rounds the charge to the cent', () => {
    const s = computeStatement({
      site: SITE,
      month: '2026-06',
      contract: contract({ pricing: { model: 'per_handled_minute', rate: 0.5, seats: null, fixedMonthly: null } }),
      days: [day('2026-06-03', { handled: 3, handleSeconds: 1000 })],
      hq: { code: 'EUR', rate: 1 },
    });
    // 1,000 s = 16.666… min × 0.50 = 8.333… → 8.33
    expect(s.volume.handledMinutes).toBe(1000 / 60);
    expect(s.volumeCharge).toBe(8.33);
    expect(s.cost.perHandled).toBe(2.7767);
  });
});

describe('computeStatement: per productive hour', () => {
  it('bills the hours the daily reports give; a missed QA score pays its fixed penalty; no rate, no HQ figure', () => {
    const s = computeStatement({
      site: SITE,
      month: '2026-06',
      contract: contract({
        currency: 'TND',
        pricing: { model: 'per_productive_hour', rate: 18.5, seats: null, fixedMonthly: null },
        terms: [term({ metric: 'qaScore', comparison: 'atLeast', threshold: 80, period: 'month', penalty: { kind: 'fixed', value: 150 } })],
      }),
      days: JUNE,
      hq: { code: 'EUR', rate: null },
    });
    // 7.5 + 8.25 + 6.1 + 0.1 = 21.95 h × 18.50 = 406.075 → 406.08
    expect(s.volume.productiveHours).toBe(21.95);
    expect(s.volumeCharge).toBe(406.08);
    // QA 750 / 10 = 75 < 80: one missed month, 150.00.
    expect(s.terms[0]!.periods[0]).toMatchObject({ value: 75, met: false, numerator: 750, denominator: 10 });
    expect(s.penalties).toBe(150);
    expect(s.invoiceEstimate).toBe(256.08);
    expect(s.hqCurrency).toEqual({ code: 'EUR', rate: null, invoiceEstimate: null });
  });

  it('bills nothing, and says no hours, when no report gives any', () => {
    const s = computeStatement({
      site: SITE,
      month: '2026-06',
      contract: contract({ pricing: { model: 'per_productive_hour', rate: 18.5, seats: null, fixedMonthly: 250 } }),
      days: [day('2026-06-03', { handled: 3, handleSeconds: 600 })],
      hq: { code: 'EUR', rate: 1 },
    });
    expect(s.volume.productiveHours).toBeNull();
    expect(s.volumeCharge).toBe(0);
    expect(s.invoiceEstimate).toBe(250);
  });
});

describe('computeStatement: per seat and month', () => {
  it('bills seats × rate whatever the volume; a percent penalty per missed week; converted at the month’s rate', () => {
    const s = computeStatement({
      site: SITE,
      month: '2026-06',
      contract: contract({
        currency: 'MAD',
        provider: 'in-house',
        pricing: { model: 'per_seat_month', rate: 2000, seats: 12, fixedMonthly: 500 },
        terms: [term({ metric: 'serviceLevel', comparison: 'atLeast', threshold: 0.8, period: 'week', penalty: { kind: 'percent', value: 1 } })],
      }),
      days: JUNE,
      hq: { code: 'EUR', rate: 0.0915 },
    });
    // 12 seats × 2,000.00 = 24,000.00; fees 500.00; 2 weeks missed × 1 % × 24,000.00 = 480.00.
    expect(s.volumeCharge).toBe(24_000);
    expect(s.fixedFees).toBe(500);
    expect(s.terms[0]!.missed).toBe(2);
    expect(s.penalties).toBe(480);
    // 24,000 + 500 − 480 = 24,020.00 MAD; × 0.0915 = 2,197.83 EUR; per call 24,020 / 260 and / 182.
    expect(s.invoiceEstimate).toBe(24_020);
    expect(s.hqCurrency.invoiceEstimate).toBe(2197.83);
    expect(s.cost).toEqual({ amount: 24_020, perHandled: 92.3846, perResolved: 131.978 });
  });
});

describe('computeStatement: periods and days', () => {
  it('a first version taking effect mid-month neither bills nor measures the days before it, and prorates the monthly amounts', () => {
    const s = computeStatement({
      site: SITE,
      month: '2026-06',
      contract: contract({
        effectiveFrom: '2026-06-10',
        currency: 'MAD',
        pricing: { model: 'per_seat_month', rate: 2000, seats: 12, fixedMonthly: 500 },
        terms: [
          term({ metric: 'serviceLevel', comparison: 'atLeast', threshold: 0.8, period: 'week', penalty: { kind: 'percent', value: 1 } }),
          term({ metric: 'ahtSeconds', comparison: 'atMost', threshold: 400, period: 'day', bonus: { kind: 'fixed', value: 10 } }),
        ],
      }),
      days: JUNE,
      hq: { code: 'EUR', rate: null },
    });
    // Days Jun 10–30 only: Jun 16 and Jun 29.
    expect(s.volume).toEqual({ handled: 69, resolved: 50, handledMinutes: 345, productiveHours: 6.2 });
    // 21 days of 30 under contract: 24,000.00 × 21/30 = 16,800.00; 500.00 × 21/30 = 350.00.
    expect(s.volumeCharge).toBe(16_800);
    expect(s.fixedFees).toBe(350);
    // W1 (Jun 1–7) is left out; W2 is measured from Jun 10, without Jun 9's calls.
    const sl = s.terms[0]!;
    expect(sl.periods.map((p) => [p.start, p.end, p.met])).toEqual([
      ['2026-06-10', '2026-06-14', null],
      ['2026-06-15', '2026-06-21', false],
      ['2026-06-22', '2026-06-28', null],
    ]);
    // 1 missed week × 1 % × 16,800.00 = 168.00
    expect(sl.penalty).toBe(168);
    const aht = s.terms[1]!;
    expect(aht.periods).toHaveLength(21);
    expect(aht.periods[0]!.start).toBe('2026-06-10');
    expect(aht.bonus).toBe(10); // two days measured, none missed
    expect(s.invoiceEstimate).toBe(16_800 + 350 - 168 + 10);
  });

  it('measures a week straddling two months whole in the month of its Thursday, and bills each day in its own month', () => {
    const days = [
      day('2026-09-28', { offered: 10, answeredWithinSla: 2, handled: 10, inboundHandled: 10 }),
      day('2026-10-01', { offered: 10, answeredWithinSla: 10, handled: 10, inboundHandled: 10 }),
      day('2026-11-01', { offered: 10, answeredWithinSla: 10, handled: 7, inboundHandled: 7 }),
    ];
    const terms = [term({ metric: 'serviceLevel', comparison: 'atLeast', threshold: 0.8, period: 'week', penalty: { kind: 'fixed', value: 100 } })];
    const pricing = { model: 'per_handled_call' as const, rate: 1, seats: null, fixedMonthly: null };
    const statementOf = (month: string) => computeStatement({ site: SITE, month, contract: contract({ pricing, terms }), days, hq: { code: 'EUR', rate: 1 } });

    const october = statementOf('2026-10');
    expect(october.terms[0]!.periods[0]).toEqual({ start: '2026-09-28', end: '2026-10-04', value: 0.6, met: false, offered: 20, numerator: 12, denominator: 20 });
    expect(october.terms[0]!.periods[4]).toMatchObject({ start: '2026-10-26', end: '2026-11-01', value: 1, met: true, offered: 10 });
    expect(october.volume.handled).toBe(10); // Oct 1 only
    expect(october.penalties).toBe(100);

    const september = statementOf('2026-09');
    expect(september.terms[0]!.periods.at(-1)!.end).toBe('2026-09-27');
    expect(september.terms[0]!.missed).toBe(0); // Sep 28 is measured in October's statement
    expect(september.volume.handled).toBe(10); // …and billed in September's
    expect(statementOf('2026-11').volume.handled).toBe(7);

    // A version that took effect on Sep 30 measures October's first week from Sep 30 only.
    const fromSep30 = computeStatement({ site: SITE, month: '2026-10', contract: contract({ effectiveFrom: '2026-09-30', pricing, terms }), days, hq: { code: 'EUR', rate: 1 } });
    expect(fromSep30.terms[0]!.periods[0]).toMatchObject({ start: '2026-09-30', end: '2026-10-04', value: 1, met: true });
    expect(fromSep30.fixedFees).toBe(0);
    expect(fromSep30.volume.handled).toBe(10);
  });

  it('a period without offered calls is neither met nor missed, even when its value is known, and earns no bonus alone', () => {
    const s = computeStatement({
      site: SITE,
      month: '2026-06',
      contract: contract({
        pricing: { model: 'per_handled_call', rate: 1, seats: null, fixedMonthly: null },
        terms: [term({ metric: 'qaScore', comparison: 'atLeast', threshold: 80, period: 'week', penalty: { kind: 'fixed', value: 100 }, bonus: { kind: 'fixed', value: 50 } })],
      }),
      // Evaluations of outbound calls only: a QA score, but no offered call.
      days: [day('2026-06-23', { handled: 4, qaEvaluations: 2, qaScoredEvaluations: 2, qaScoreSum: 100 })],
      hq: { code: 'EUR', rate: 1 },
    });
    const t = s.terms[0]!;
    expect(t.periods[3]).toEqual({ start: '2026-06-22', end: '2026-06-28', value: 50, met: null, offered: 0, numerator: 100, denominator: 2 });
    expect(t.periods.every((p) => p.met === null)).toBe(true);
    expect(t.missed).toBe(0);
    expect(t.penalty).toBe(0);
    expect(t.bonus).toBe(0);
    expect(s.invoiceEstimate).toBe(4);
  });

  it('leaves out-of-hours calls out of the service level when the site says so, and its formula says it', () => {
    const s = computeStatement({
      site: SITE,
      month: '2026-06',
      contract: contract({
        pricing: { model: 'per_handled_call', rate: 1, seats: null, fixedMonthly: null },
        terms: [
          term({ metric: 'serviceLevel', comparison: 'atLeast', threshold: 0.85, period: 'month' }),
          term({ metric: 'abandonRate', comparison: 'atMost', threshold: 0.1, period: 'month' }),
        ],
      }),
      days: [day('2026-06-05', { offered: 100, answeredWithinSla: 81, abandoned: 5, handled: 95 }, null, { offered: 10, answeredWithinSla: 1 })],
      hq: { code: 'EUR', rate: 1 },
    });
    // 80 / 90 = 0.889 ≥ 0.85 (all calls: 0.81, missed); abandon rate keeps every offered call: 5 / 100.
    expect(s.terms[0]!.periods[0]).toEqual({ start: '2026-06-01', end: '2026-06-30', value: 80 / 90, met: true, offered: 100, numerator: 80, denominator: 90 });
    expect(s.terms[0]!.formula).toBe(`${METRICS.service_level.explanation.en} Calls offered outside opening hours are left out (the site’s calendar settings).`);
    expect(s.terms[1]!.periods[0]).toMatchObject({ value: 0.05, numerator: 5, denominator: 100 });
    expect(s.terms[1]!.formula).toBe(METRICS.abandon_rate.explanation.en);
  });

  it('costs per call are null without calls', () => {
    const s = computeStatement({
      site: SITE,
      month: '2026-06',
      contract: contract({ pricing: { model: 'per_seat_month', rate: 100, seats: 2, fixedMonthly: null } }),
      days: [],
      hq: { code: 'EUR', rate: 1 },
    });
    expect(s.volume).toEqual({ handled: 0, resolved: 0, handledMinutes: 0, productiveHours: null });
    expect(s.cost).toEqual({ amount: 200, perHandled: null, perResolved: null });
  });

  it('refuses a contract that takes effect after the month', () => {
    expect(() =>
      computeStatement({
        site: SITE,
        month: '2026-06',
        contract: contract({ effectiveFrom: '2026-07-01', pricing: { model: 'per_handled_call', rate: 1, seats: null, fixedMonthly: null } }),
        days: [],
        hq: { code: 'EUR', rate: 1 },
      }),
    ).toThrow(RangeError);
  });
});

describe('statementVersion and versionInForce', () => {
  const versions = [{ effectiveFrom: '2026-06-15' }, { effectiveFrom: '2026-01-01' }, { effectiveFrom: '2026-09-01' }];

  it('a month keeps the version in force on its first day, even when another takes effect within it', () => {
    expect(statementVersion(versions, '2026-06')?.effectiveFrom).toBe('2026-01-01');
    expect(statementVersion(versions, '2026-07')?.effectiveFrom).toBe('2026-06-15');
    expect(statementVersion(versions, '2026-09')?.effectiveFrom).toBe('2026-09-01');
    expect(statementVersion(versions, '2027-03')?.effectiveFrom).toBe('2026-09-01');
  });

  it('a first version taking effect within the month is the month’s; before any version, none', () => {
    expect(statementVersion([{ effectiveFrom: '2026-06-10' }, { effectiveFrom: '2026-06-20' }], '2026-06')?.effectiveFrom).toBe('2026-06-10');
    expect(statementVersion(versions, '2025-12')).toBeNull();
    expect(statementVersion([], '2026-06')).toBeNull();
  });

  it('a day is under the latest version taken effect on or before it', () => {
    expect(versionInForce(versions, '2026-06-14')?.effectiveFrom).toBe('2026-01-01');
    expect(versionInForce(versions, '2026-06-15')?.effectiveFrom).toBe('2026-06-15');
    expect(versionInForce(versions, '2025-12-31')).toBeNull();
  });
});

describe('TERM_KPI and termFormula', () => {
  it('maps each term metric to the KPI module’s metric whose Kpis key it is', () => {
    for (const metric of TERM_METRICS) {
      expect(METRICS[TERM_KPI[metric].kpi].kpi).toBe(metric);
      expect(termFormula(metric)).toBe(METRICS[TERM_KPI[metric].kpi].explanation.en);
    }
  });

  it('property: numerator / denominator is the very figure computeKpis gives, service level after its exclusion', () => {
    const partsArb = fc.record(Object.fromEntries(PART_KEYS.map((k) => [k, fc.nat({ max: 10_000 })])) as Record<keyof KpiParts, fc.Arbitrary<number>>);
    fc.assert(
      fc.property(partsArb, fc.option(fc.record({ offered: fc.nat({ max: 50 }), answeredWithinSla: fc.nat({ max: 50 }) })), (p, excluded) => {
        const slExcluded = excluded && { offered: Math.min(excluded.offered, p.offered), answeredWithinSla: Math.min(excluded.answeredWithinSla, p.answeredWithinSla) };
        const kpis = computeKpis(p, slExcluded);
        for (const metric of TERM_METRICS) {
          const { numerator, denominator } = TERM_KPI[metric];
          const d = denominator(p, slExcluded);
          expect(d > 0 ? numerator(p, slExcluded) / d : null).toBe(kpis[metric]);
        }
      }),
    );
  });
});

describe('statementVariance', () => {
  const close = (s: ReturnType<typeof perCallStatement>): Statement => ({ ...s, status: 'closed', closedAt: '2026-07-02T08:00:00.000Z', closedBy: 'hq@vigie.test', variance: null });

  it('is null when nothing changed, also after the closed statement went through storage as JSON', () => {
    const closed = close(perCallStatement());
    expect(statementVariance(closed, perCallStatement())).toBeNull();
    expect(statementVariance(JSON.parse(JSON.stringify(closed)) as Statement, perCallStatement())).toBeNull();
  });

  it('shows a call corrected after closing as now − closed', () => {
    const closed = close(perCallStatement());
    // An outbound call of 120 s, resolved, added to Jun 2 after closing.
    const corrected = JUNE.map((d) =>
      d.day === '2026-06-02' ? { ...d, parts: { ...d.parts, handled: d.parts.handled + 1, handleSeconds: d.parts.handleSeconds + 120, resolvedKnown: d.parts.resolvedKnown + 1, resolvedTrue: d.parts.resolvedTrue + 1 } } : d,
    );
    const now = computeStatement({ site: SITE, month: '2026-06', contract: perCallContract, days: corrected, hq: { code: 'EUR', rate: 0.92 } });
    // 261 × 2.50 = 652.50; AHT penalty 3 × 2 % × 652.50 = 39.15; 652.50 + 1,000 − 839.15 + 200 = 1,013.35.
    expect(now.invoiceEstimate).toBe(1013.35);
    expect(statementVariance(closed, now)).toEqual({ handled: 1, resolved: 1, handledMinutes: 2, invoiceEstimate: 2.35, penalties: 0.15 });
    // The closed statement itself is untouched.
    expect(closed.invoiceEstimate).toBe(1011);
  });
});
