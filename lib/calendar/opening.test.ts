import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, type SiteCalendar } from './days';
import { instantOfLocalMinute, openIntervals, openingAt } from './opening';

const iso = (d: Date) => d.toISOString();

describe('instantOfLocalMinute', () => {
  it('reads an ordinary local time with the offset in force', () => {
    expect(iso(instantOfLocalMinute('2026-07-01', 8 * 60, 'Europe/Paris'))).toBe('2026-07-01T06:00:00.000Z');
    expect(iso(instantOfLocalMinute('2026-07-01', 1440, 'Europe/Paris'))).toBe('2026-07-01T22:00:00.000Z');
  });

  it('moves a time Paris skips (last Sunday of March) to the end of the gap', () => {
    // 02:00–03:00 does not exist on 2026-03-29: the clock goes from 01:59 CET to 03:00 CEST (01:00Z).
    expect(iso(instantOfLocalMinute('2026-03-29', 2 * 60, 'Europe/Paris'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(instantOfLocalMinute('2026-03-29', 2 * 60 + 30, 'Europe/Paris'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(instantOfLocalMinute('2026-03-29', 3 * 60, 'Europe/Paris'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(instantOfLocalMinute('2026-03-29', 1 * 60 + 45, 'Europe/Paris'))).toBe('2026-03-29T00:45:00.000Z');
  });

  it('takes the first of a repeated time (last Sunday of October in Paris)', () => {
    // 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    expect(iso(instantOfLocalMinute('2026-10-25', 2 * 60 + 30, 'Europe/Paris'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(instantOfLocalMinute('2026-10-25', 3 * 60, 'Europe/Paris'))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('follows Morocco onto UTC+0 on 2026-09-20 (01:00–02:00 lived twice that night)', () => {
    expect(iso(instantOfLocalMinute('2026-09-19', 9 * 60, 'Africa/Casablanca'))).toBe('2026-09-19T08:00:00.000Z');
    expect(iso(instantOfLocalMinute('2026-09-20', 60 + 30, 'Africa/Casablanca'))).toBe('2026-09-20T00:30:00.000Z');
    expect(iso(instantOfLocalMinute('2026-09-20', 2 * 60 + 30, 'Africa/Casablanca'))).toBe('2026-09-20T02:30:00.000Z');
    expect(iso(instantOfLocalMinute('2026-09-21', 9 * 60, 'Africa/Casablanca'))).toBe('2026-09-21T09:00:00.000Z');
  });
});

describe('openIntervals', () => {
  const aroundTheClock: SiteCalendar = { weeklyHours: null, holidays: [], periods: [] };

  it('gives a site open around the clock a 23-hour and a 25-hour day across the Paris changes', () => {
    const spring = openIntervals(calendarDaysBetween(aroundTheClock, '2026-03-29', '2026-03-29'), 'Europe/Paris');
    expect(spring).toHaveLength(1);
    expect(spring[0]!.end.getTime() - spring[0]!.start.getTime()).toBe(23 * 3_600_000);
    const autumn = openIntervals(calendarDaysBetween(aroundTheClock, '2026-10-25', '2026-10-25'), 'Europe/Paris');
    expect(autumn[0]!.end.getTime() - autumn[0]!.start.getTime()).toBe(25 * 3_600_000);
  });

  it('joins 24:00 with the next day’s 00:00 and leaves out a period the skipped hour empties', () => {
    const night: SiteCalendar = { weeklyHours: { sat: [['20:00', '24:00']], sun: [['00:00', '01:00'], ['02:00', '03:00'], ['08:00', '12:00']] }, holidays: [], periods: [] };
    const intervals = openIntervals(calendarDaysBetween(night, '2026-03-28', '2026-03-29'), 'Europe/Paris');
    expect(intervals.map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2026-03-28T19:00:00.000Z', '2026-03-29T00:00:00.000Z'],
      ['2026-03-29T06:00:00.000Z', '2026-03-29T10:00:00.000Z'],
    ]);
  });
});

describe('openingAt', () => {
  const paris: SiteCalendar = {
    weeklyHours: { mon: [['08:00', '12:00'], ['14:00', '18:00']], fri: [['08:00', '18:00']], sat: [['01:00', '04:00']], sun: [['01:00', '04:00']] },
    holidays: [{ observedOn: '2026-12-25', name: 'Christmas Day' }],
    periods: [],
  };
  const at = (from: string, to: string, now: string) => openingAt(calendarDaysBetween(paris, from, to), 'Europe/Paris', new Date(now));

  it('is open with the closing instant, closed with the next opening', () => {
    expect(at('2026-11-29', '2026-12-31', '2026-11-30T09:00:00Z')).toEqual({ open: true, closesAt: '2026-11-30T11:00:00.000Z', opensAt: null });
    expect(at('2026-11-29', '2026-12-31', '2026-11-30T12:00:00Z')).toEqual({ open: false, closesAt: null, opensAt: '2026-11-30T13:00:00.000Z' });
    // Monday evening: next opening on Friday.
    expect(at('2026-11-29', '2026-12-31', '2026-11-30T18:00:00Z')).toEqual({ open: false, closesAt: null, opensAt: '2026-12-04T07:00:00.000Z' });
  });

  it('skips a holiday when looking for the next opening', () => {
    // Friday 25 December is Christmas: the next opening is Saturday 01:00.
    expect(at('2026-12-23', '2027-01-10', '2026-12-24T12:00:00Z')).toMatchObject({ open: false, opensAt: '2026-12-26T00:00:00.000Z' });
  });

  it('keeps 01:00–04:00 on the DST Sundays: 2 hours in March, 4 hours in October', () => {
    expect(at('2026-03-28', '2026-04-10', '2026-03-29T00:30:00Z')).toEqual({ open: true, closesAt: '2026-03-29T02:00:00.000Z', opensAt: null });
    expect(at('2026-10-24', '2026-11-10', '2026-10-25T01:30:00Z')).toEqual({ open: true, closesAt: '2026-10-25T03:00:00.000Z', opensAt: null });
    expect(at('2026-10-24', '2026-11-10', '2026-10-24T22:59:00Z')).toEqual({ open: false, closesAt: null, opensAt: '2026-10-24T23:00:00.000Z' });
  });

  it('answers null where the days given hold no closing or opening', () => {
    const always = calendarDaysBetween({ weeklyHours: null, holidays: [], periods: [] }, '2026-11-29', '2026-12-05');
    expect(openingAt(always, 'Africa/Tunis', new Date('2026-12-01T12:00:00Z'))).toEqual({ open: true, closesAt: null, opensAt: null });
    const never = calendarDaysBetween({ weeklyHours: {}, holidays: [], periods: [] }, '2026-11-29', '2026-12-05');
    expect(openingAt(never, 'Africa/Tunis', new Date('2026-12-01T12:00:00Z'))).toEqual({ open: false, closesAt: null, opensAt: null });
  });
});
