import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shiftDay } from '@/lib/kpi/periods';
import { daysInMonth, isMonth, monthDays, monthOf, statementReadRange, termPeriods } from './periods';

const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

describe('months', () => {
  it('recognises YYYY-MM with a month 01–12', () => {
    expect(isMonth('2026-11')).toBe(true);
    expect(isMonth('2026-01')).toBe(true);
    expect(isMonth('2026-12')).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-11', '2026-11-01', '2026/11', ' 2026-11', '']) expect(isMonth(bad)).toBe(false);
  });

  it('gives a month its first and last days, leap years included', () => {
    expect(monthDays('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthDays('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthDays('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthDays('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthDays('2000-02').to).toBe('2000-02-29');
    expect(monthDays('1900-02').to).toBe('1900-02-28');
    expect(daysInMonth('2026-01')).toBe(31);
    expect(() => monthDays('2026-13')).toThrow(RangeError);
  });

  it('gives a day its month', () => {
    expect(monthOf('2026-09-28')).toBe('2026-09');
    expect(() => monthOf('2026-02-30')).toThrow(RangeError);
  });
});

describe('termPeriods', () => {
  it('day: each day of the month; month: the month', () => {
    const days = termPeriods('2026-11', 'day');
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ start: '2026-11-01', end: '2026-11-01' });
    expect(days[29]).toEqual({ start: '2026-11-30', end: '2026-11-30' });
    expect(termPeriods('2026-02', 'month')).toEqual([{ start: '2026-02-01', end: '2026-02-28' }]);
  });

  it('week: June 2026 holds the four weeks whose Thursday is in June; June 29–30 belong to July’s first week', () => {
    expect(termPeriods('2026-06', 'week')).toEqual([
      { start: '2026-06-01', end: '2026-06-07' },
      { start: '2026-06-08', end: '2026-06-14' },
      { start: '2026-06-15', end: '2026-06-21' },
      { start: '2026-06-22', end: '2026-06-28' },
    ]);
    expect(termPeriods('2026-07', 'week')[0]).toEqual({ start: '2026-06-29', end: '2026-07-05' });
  });

  it('week: 2026-10-01 is a Thursday, so the week Sep 28–Oct 4 is October’s, and Oct 26–Nov 1 too', () => {
    const october = termPeriods('2026-10', 'week');
    expect(october).toHaveLength(5);
    expect(october[0]).toEqual({ start: '2026-09-28', end: '2026-10-04' });
    expect(october[4]).toEqual({ start: '2026-10-26', end: '2026-11-01' });
    const september = termPeriods('2026-09', 'week');
    expect(september[0]).toEqual({ start: '2026-08-31', end: '2026-09-06' });
    expect(september[september.length - 1]).toEqual({ start: '2026-09-21', end: '2026-09-27' });
    expect(termPeriods('2026-11', 'week')[0]).toEqual({ start: '2026-11-02', end: '2026-11-08' });
  });

  it('every ISO week of 2026 (53 of them) appears in exactly one month’s periods', () => {
    const weeks = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`).flatMap((m) => termPeriods(m, 'week'));
    // ISO week 1 of 2026 starts on Monday 2025-12-29 (2026-01-01 is a Thursday); 2026 has 53 weeks.
    const isoWeeks = Array.from({ length: 53 }, (_, i) => {
      const start = shiftDay('2025-12-29', 7 * i);
      return { start, end: shiftDay(start, 6) };
    });
    expect(weeks).toEqual(isoWeeks);
    expect(new Set(weeks.map((w) => w.start)).size).toBe(53);
    expect(termPeriods('2027-01', 'week')[0]!.start).toBe('2027-01-04'); // after week 53 (Dec 28 – Jan 3)
    expect(termPeriods('2025-12', 'week').at(-1)!.end).toBe('2025-12-28');
  });

  it('property: a month’s weeks are Monday–Sunday with their Thursday in the month, and consecutive months tile the calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1971, max: 2199 }), fc.integer({ min: 1, max: 12 }), (year, m) => {
        const month = `${year}-${String(m).padStart(2, '0')}`;
        const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
        const weeks = termPeriods(month, 'week');
        expect(weeks.length === 4 || weeks.length === 5).toBe(true);
        for (const [i, w] of weeks.entries()) {
          expect(weekdayOf(w.start)).toBe(1);
          expect(w.end).toBe(shiftDay(w.start, 6));
          expect(monthOf(shiftDay(w.start, 3))).toBe(month);
          if (i > 0) expect(w.start).toBe(shiftDay(weeks[i - 1]!.end, 1));
        }
        // No gap and no overlap between one month's last week and the next month's first.
        expect(termPeriods(next, 'week')[0]!.start).toBe(shiftDay(weeks.at(-1)!.end, 1));
      }),
    );
  });
});

describe('statementReadRange', () => {
  it('is the month without a weekly term', () => {
    expect(statementReadRange('2026-10', [{ period: 'day' }, { period: 'month' }])).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(statementReadRange('2026-10', [])).toEqual({ from: '2026-10-01', to: '2026-10-31' });
  });

  it('widens to the month’s weeks when a term is weekly, and never narrows the month', () => {
    expect(statementReadRange('2026-10', [{ period: 'day' }, { period: 'week' }])).toEqual({ from: '2026-09-28', to: '2026-11-01' });
    expect(statementReadRange('2026-12', [{ period: 'week' }])).toEqual({ from: '2026-11-30', to: '2027-01-03' });
    // June's weeks lie inside June (June 29–30 are July's); its days are still read for the volume.
    expect(statementReadRange('2026-06', [{ period: 'week' }])).toEqual({ from: '2026-06-01', to: '2026-06-30' });
  });
});
