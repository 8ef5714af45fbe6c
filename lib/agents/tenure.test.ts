import { describe, expect, it } from 'vitest';
import { addMonths, attritionByMonth, isOnHeadcount, tenureBandOf, tenureBands, type RosterDates } from './tenure';

const p = (startDate: string | null, endDate: string | null = null): RosterDates => ({ startDate, endDate });

describe('addMonths', () => {
  it('moves by calendar months, on the last day of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-03-01', 24)).toBe('2027-03-01');
    expect(addMonths('2025-03-01', -3)).toBe('2024-12-01');
  });
});

describe('tenure bands', () => {
  it('puts each boundary day in the longer band', () => {
    const start = '2024-01-15';
    expect(tenureBandOf(start, '2024-01-15')).toBe('under3m');
    expect(tenureBandOf(start, '2024-04-14')).toBe('under3m');
    expect(tenureBandOf(start, '2024-04-15')).toBe('m3to6');
    expect(tenureBandOf(start, '2024-07-14')).toBe('m3to6');
    expect(tenureBandOf(start, '2024-07-15')).toBe('m6to12');
    expect(tenureBandOf(start, '2025-01-14')).toBe('m6to12');
    expect(tenureBandOf(start, '2025-01-15')).toBe('y1to2');
    expect(tenureBandOf(start, '2026-01-14')).toBe('y1to2');
    expect(tenureBandOf(start, '2026-01-15')).toBe('over2y');
  });

  it('counts the people on the headcount that day only, those without a start date apart', () => {
    const people = [
      p('2026-02-01'), // under 3 months
      p('2025-10-01'), // 3–6
      p('2025-01-01', '2026-03-31'), // 1–2 years, leaves on the last day of March: still there
      p('2020-06-01', '2026-03-30'), // gone the day before
      p('2026-04-01'), // not started yet
      p(null), // there, tenure unknown
      p('2023-01-01'), // over 2 years
    ];
    expect(tenureBands(people, '2026-03-31')).toEqual({
      asOf: '2026-03-31',
      headcount: 5,
      bands: { under3m: 1, m3to6: 1, m6to12: 0, y1to2: 1, over2y: 1 },
      unknownStart: 1,
    });
  });

  it('reads the end date as the last day worked', () => {
    expect(isOnHeadcount(p('2025-01-01', '2025-06-30'), '2025-06-30')).toBe(true);
    expect(isOnHeadcount(p('2025-01-01', '2025-06-30'), '2025-07-01')).toBe(false);
    expect(isOnHeadcount(p('2025-01-01'), '2024-12-31')).toBe(false);
  });
});

describe('attrition by month', () => {
  it('is the leavers over the mean daily headcount', () => {
    // February 2026 (28 days): 10 people all month, one leaving on the 14th (14 days), one starting on the 15th (14 days).
    const people = [
      ...Array.from({ length: 10 }, () => p('2025-01-01')),
      p('2025-01-01', '2026-02-14'),
      p('2026-02-15'),
    ];
    const [feb] = attritionByMonth(people, { from: '2026-02-01', to: '2026-02-28' });
    expect(feb).toEqual({
      month: '2026-02',
      from: '2026-02-01',
      to: '2026-02-28',
      starters: 1,
      leavers: 1,
      meanHeadcount: 11,
      headcountAtEnd: 11,
      attrition: 1 / 11,
    });
  });

  it('gives every month the range touches, clipped to the range, and null without anyone', () => {
    const people = [p('2026-01-10', '2026-03-05'), p('2026-01-01')];
    const months = attritionByMonth(people, { from: '2026-01-20', to: '2026-03-10' });
    expect(months.map((m) => [m.month, m.from, m.to, m.leavers, m.meanHeadcount])).toEqual([
      ['2026-01', '2026-01-20', '2026-01-31', 0, 2],
      ['2026-02', '2026-02-01', '2026-02-28', 0, 2],
      ['2026-03', '2026-03-01', '2026-03-10', 1, 1.5],
    ]);
    expect(months[2]!.attrition).toBeCloseTo(1 / 1.5);
    expect(attritionByMonth([], { from: '2026-01-01', to: '2026-01-31' })[0]!.attrition).toBeNull();
    expect(attritionByMonth([p('2027-01-01')], { from: '2026-12-01', to: '2027-01-31' }).map((m) => m.meanHeadcount)).toEqual([0, 1]);
  });

  it('refuses a range backwards', () => {
    expect(() => attritionByMonth([], { from: '2026-02-01', to: '2026-01-31' })).toThrow(RangeError);
  });
});
