import { describe, expect, it } from 'vitest';
import { emptyParts } from '@/lib/kpi/definitions';
import { rangeCost, rateKey, savingVsReference, type CostDay } from './range-cost';
import { computeStatement, type StatementContract } from './statement';

const costDay = (day: string, handled: number, resolved: number, handleSeconds = 0, productiveHours: number | null = null): CostDay => ({
  day,
  handled,
  resolved,
  handleSeconds,
  productiveHours,
});

const version = (v: Partial<StatementContract> & Pick<StatementContract, 'effectiveFrom' | 'pricing'>): StatementContract => ({
  provider: 'Atlas Contact',
  currency: 'EUR',
  terms: [],
  ...v,
});

// Jan 20 – Feb 20, 2026: 12 January days (of 31) and 14 + 6 February days (of 28).
const DAYS = [
  costDay('2026-01-10', 1000, 1000), // before the range
  costDay('2026-01-20', 10, 8),
  costDay('2026-02-03', 20, 10),
  costDay('2026-02-16', 5, 5),
  costDay('2026-02-25', 1000, 1000), // after the range
];

describe('rangeCost', () => {
  it('prices each day under its version and prorates the monthly amounts over two months and a version change', () => {
    const contracts = [
      version({ effectiveFrom: '2026-02-15', pricing: { model: 'per_seat_month', rate: 280, seats: 3, fixedMonthly: null } }),
      version({ effectiveFrom: '2025-06-01', pricing: { model: 'per_handled_call', rate: 2, seats: null, fixedMonthly: 300 } }),
    ];
    const cost = rangeCost({ from: '2026-01-20', to: '2026-02-20', contracts, days: DAYS, rates: new Map(), hqCurrency: 'EUR' });
    // January, first version:  10 × 2 + 300 × 12/31 = 20 + 116.129… = 136.129…
    // February, first version: 20 × 2 + 300 × 14/28 = 40 + 150      = 190
    // February, second:        3 seats × 280 × 6/28                 = 180
    // Total 506.129… → 506.13 EUR for 35 handled, 23 resolved.
    expect(cost).toEqual({
      currency: 'EUR',
      handled: 35,
      resolved: 23,
      amount: 506.13,
      perHandled: 14.4609, // 506.13 / 35 = 14.460857…
      perResolved: 22.0057, // 506.13 / 23 = 22.005652…
      hqAmount: 506.13,
      hqPerHandled: 14.4609,
      hqPerResolved: 22.0057,
    });
  });

  it('gives the latest version’s currency when versions differ, converting the others through HQ’s monthly rates', () => {
    const contracts = [
      version({ effectiveFrom: '2025-06-01', currency: 'MAD', pricing: { model: 'per_handled_call', rate: 20, seats: null, fixedMonthly: 3100 } }),
      version({ effectiveFrom: '2026-02-15', currency: 'EUR', pricing: { model: 'per_seat_month', rate: 280, seats: 3, fixedMonthly: null } }),
    ];
    const rates = new Map<string, number | null>([
      [rateKey('2026-01', 'MAD'), 0.09],
      [rateKey('2026-02', 'MAD'), 0.1],
    ]);
    const cost = rangeCost({ from: '2026-01-20', to: '2026-02-20', contracts, days: DAYS, rates, hqCurrency: 'EUR' });
    // January MAD:  10 × 20 + 3,100 × 12/31 = 200 + 1,200 = 1,400 MAD × 0.09 = 126 EUR
    // February MAD: 20 × 20 + 3,100 × 14/28 = 400 + 1,550 = 1,950 MAD × 0.10 = 195 EUR
    // February EUR: 3 × 280 × 6/28 = 180 EUR.            Total 501.00 EUR.
    expect(cost).toMatchObject({ currency: 'EUR', handled: 35, resolved: 23, amount: 501, perHandled: 14.3143, hqAmount: 501 });

    // Without February's MAD rate neither figure can be given.
    const missing = rangeCost({ from: '2026-01-20', to: '2026-02-20', contracts, days: DAYS, rates: new Map([[rateKey('2026-01', 'MAD'), 0.09]]), hqCurrency: 'EUR' });
    expect(missing).toEqual({ currency: 'EUR', handled: 35, resolved: 23, amount: null, perHandled: null, perResolved: null, hqAmount: null, hqPerHandled: null, hqPerResolved: null });
  });

  it('converts into a latest currency other than HQ’s through both rates', () => {
    const contracts = [
      version({ effectiveFrom: '2025-06-01', currency: 'EUR', pricing: { model: 'per_handled_call', rate: 1, seats: null, fixedMonthly: null } }),
      version({ effectiveFrom: '2026-02-01', currency: 'MAD', pricing: { model: 'per_handled_call', rate: 10, seats: null, fixedMonthly: null } }),
    ];
    const rates = new Map<string, number | null>([
      [rateKey('2026-01', 'MAD'), 0.1],
      [rateKey('2026-02', 'MAD'), 0.08],
    ]);
    const cost = rangeCost({ from: '2026-01-20', to: '2026-02-20', contracts, days: DAYS, rates, hqCurrency: 'EUR' });
    // January: 10 × 1 EUR = 10 EUR = 100 MAD at January's 0.1; February: 25 × 10 = 250 MAD (= 20 EUR at 0.08).
    expect(cost).toMatchObject({ currency: 'MAD', amount: 350, hqAmount: 30 });
  });

  it('converts each month at its own rate into HQ’s currency, and gives no HQ figure when a month’s rate is missing', () => {
    const contracts = [version({ effectiveFrom: '2025-06-01', currency: 'USD', pricing: { model: 'per_handled_call', rate: 10, seats: null, fixedMonthly: null } })];
    const both = new Map<string, number | null>([
      [rateKey('2026-01', 'USD'), 0.9],
      [rateKey('2026-02', 'USD'), 0.8],
    ]);
    // 10 × 10 USD × 0.9 + 25 × 10 USD × 0.8 = 90 + 200 = 290 EUR; 350 USD.
    expect(rangeCost({ from: '2026-01-20', to: '2026-02-20', contracts, days: DAYS, rates: both, hqCurrency: 'EUR' })).toMatchObject({
      currency: 'USD',
      amount: 350,
      perHandled: 10,
      hqAmount: 290,
      hqPerHandled: 8.2857,
    });
    const januaryOnly = new Map<string, number | null>([
      [rateKey('2026-01', 'USD'), 0.9],
      [rateKey('2026-02', 'USD'), null],
    ]);
    expect(rangeCost({ from: '2026-01-20', to: '2026-02-20', contracts, days: DAYS, rates: januaryOnly, hqCurrency: 'EUR' })).toMatchObject({
      amount: 350,
      hqAmount: null,
      hqPerHandled: null,
      hqPerResolved: null,
    });
  });

  it('leaves days without a contract out of both the cost and the calls', () => {
    const contracts = [version({ effectiveFrom: '2026-01-25', pricing: { model: 'per_handled_call', rate: 2, seats: null, fixedMonthly: 310 } })];
    const cost = rangeCost({ from: '2026-01-20', to: '2026-01-31', contracts, days: [costDay('2026-01-20', 10, 8), costDay('2026-01-26', 4, 2)], rates: new Map(), hqCurrency: 'EUR' });
    // Jan 25–31 only: 4 × 2 + 310 × 7/31 = 8 + 70 = 78.00.
    expect(cost).toMatchObject({ currency: 'EUR', handled: 4, resolved: 2, amount: 78, perHandled: 19.5, perResolved: 39 });
  });

  it('answers no cost without any contract in force over the range', () => {
    const contracts = [version({ effectiveFrom: '2026-03-01', pricing: { model: 'per_handled_call', rate: 2, seats: null, fixedMonthly: null } })];
    expect(rangeCost({ from: '2026-01-20', to: '2026-02-20', contracts, days: DAYS, rates: new Map(), hqCurrency: 'EUR' })).toEqual({
      currency: null,
      handled: 0,
      resolved: 0,
      amount: null,
      perHandled: null,
      perResolved: null,
      hqAmount: null,
      hqPerHandled: null,
      hqPerResolved: null,
    });
    expect(rangeCost({ from: '2026-01-20', to: '2026-02-20', contracts: [], days: DAYS, rates: new Map(), hqCurrency: 'EUR' }).currency).toBeNull();
  });

  it('bills minutes and productive hours per day; no call means no cost per call', () => {
    const perMinute = [version({ effectiveFrom: '2025-06-01', pricing: { model: 'per_handled_minute', rate: 0.5, seats: null, fixedMonthly: null } })];
    const days = [costDay('2026-03-02', 3, 1, 600, 7.5), costDay('2026-03-03', 2, 2, 300, null)];
    // 900 s = 15 min × 0.50 = 7.50
    expect(rangeCost({ from: '2026-03-01', to: '2026-03-31', contracts: perMinute, days, rates: new Map(), hqCurrency: 'EUR' })).toMatchObject({ amount: 7.5, perHandled: 1.5, perResolved: 2.5 });
    const perHour = [version({ effectiveFrom: '2025-06-01', pricing: { model: 'per_productive_hour', rate: 20, seats: null, fixedMonthly: null } })];
    // 7.5 h × 20 = 150.00; the day without a report bills no hour.
    expect(rangeCost({ from: '2026-03-01', to: '2026-03-31', contracts: perHour, days, rates: new Map(), hqCurrency: 'EUR' })).toMatchObject({ amount: 150 });
    const perSeat = [version({ effectiveFrom: '2025-06-01', pricing: { model: 'per_seat_month', rate: 100, seats: 2, fixedMonthly: null } })];
    expect(rangeCost({ from: '2026-03-01', to: '2026-03-31', contracts: perSeat, days: [], rates: new Map(), hqCurrency: 'EUR' })).toMatchObject({
      amount: 200,
      handled: 0,
      perHandled: null,
      hqAmount: 200,
      hqPerHandled: null,
    });
  });

  it('over a whole month under one version equals the statement’s volume charge and fees', () => {
    const contract = version({ effectiveFrom: '2025-06-01', pricing: { model: 'per_handled_minute', rate: 0.37, seats: null, fixedMonthly: 123.45 } });
    const days = [costDay('2026-04-03', 7, 3, 1234), costDay('2026-04-17', 11, 9, 4321)];
    const cost = rangeCost({ from: '2026-04-01', to: '2026-04-30', contracts: [contract], days, rates: new Map(), hqCurrency: 'EUR' });
    const statement = computeStatement({
      site: { code: 'TUN', name: 'Tunis' },
      month: '2026-04',
      contract,
      days: days.map((d) => ({ day: d.day, parts: { ...emptyParts(), handled: d.handled, resolvedTrue: d.resolved, handleSeconds: d.handleSeconds }, slExcluded: null, productiveHours: null })),
      hq: { code: 'EUR', rate: 1 },
    });
    expect(cost.amount).toBe(statement.volumeCharge + statement.fixedFees);
    expect(cost.handled).toBe(statement.volume.handled);
    expect(cost.resolved).toBe(statement.volume.resolved);
  });
});

describe('savingVsReference', () => {
  it('is (reference’s HQ cost per handled call − the site’s) × the site’s handled calls', () => {
    expect(savingVsReference({ hqPerHandled: 4.5 }, { hqPerHandled: 1.2, handled: 1000 })).toBe(3300);
    expect(savingVsReference({ hqPerHandled: 1.1 }, { hqPerHandled: 1.35, handled: 40 })).toBe(-10); // dearer: a negative saving
    expect(savingVsReference({ hqPerHandled: 3.3333 }, { hqPerHandled: 1.1111, handled: 3 })).toBe(6.67);
  });

  it('is null without a reference (the reference itself) or without either cost', () => {
    expect(savingVsReference(null, { hqPerHandled: 1.2, handled: 1000 })).toBeNull();
    expect(savingVsReference({ hqPerHandled: null }, { hqPerHandled: 1.2, handled: 1000 })).toBeNull();
    expect(savingVsReference({ hqPerHandled: 4.5 }, { hqPerHandled: null, handled: 0 })).toBeNull();
  });
});
