import { describe, expect, it } from 'vitest';
import { dayHoursSchema, isOpenAtMinute, minuteOfTime, minutesOpen, weekdayOf, weeklyHoursOn, weeklyHoursSchema } from './hours';

describe('weekly hours validation', () => {
  it('accepts sorted, non-overlapping quarter-hour periods, 24:00 as an end', () => {
    expect(dayHoursSchema.safeParse([['08:00', '12:30'], ['13:45', '24:00']]).success).toBe(true);
    expect(dayHoursSchema.safeParse([['08:00', '12:00'], ['12:00', '18:00']]).success).toBe(true);
    expect(dayHoursSchema.safeParse([]).success).toBe(true);
    expect(weeklyHoursSchema.safeParse({ mon: [['00:00', '24:00']], sun: [] }).success).toBe(true);
  });

  it.each([
    [[['8:00', '12:00']], 'Expected a time'],
    [[['08:00', '24:15']], 'Expected a time'],
    [[['08:00', '25:00']], 'Expected a time'],
    [[['08:10', '12:00']], 'quarter hour'],
    [[['12:00', '08:00']], 'ends after it starts'],
    [[['12:00', '12:00']], 'ends after it starts'],
    [[['24:00', '24:00']], 'cannot start at 24:00'],
    [[['08:00', '13:00'], ['12:00', '18:00']], 'do not overlap'],
    [[['14:00', '18:00'], ['08:00', '12:00']], 'do not overlap'],
  ])('refuses %j', (hours, message) => {
    const parsed = dayHoursSchema.safeParse(hours);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.message).join(' | ')).toContain(message);
  });

  it('refuses unknown weekdays', () => {
    expect(weeklyHoursSchema.safeParse({ monday: [['08:00', '18:00']] }).success).toBe(false);
  });
});

describe('days and minutes', () => {
  it('names the ISO weekday of a date', () => {
    expect(weekdayOf('2026-03-29')).toBe('sun');
    expect(weekdayOf('2026-03-30')).toBe('mon');
    expect(weekdayOf('2027-01-01')).toBe('fri');
  });

  it('reads null weekly hours as around the clock and a missing day as closed', () => {
    expect(weeklyHoursOn(null, '2026-12-25')).toEqual([['00:00', '24:00']]);
    expect(weeklyHoursOn({ mon: [['08:00', '18:00']] }, '2026-03-30')).toEqual([['08:00', '18:00']]);
    expect(weeklyHoursOn({ mon: [['08:00', '18:00']] }, '2026-03-29')).toEqual([]);
  });

  it('says whether a local minute is open: start included, end excluded', () => {
    const hours: [string, string][] = [['08:00', '12:00'], ['13:00', '24:00']];
    expect(isOpenAtMinute(hours, minuteOfTime('07:59')!)).toBe(false);
    expect(isOpenAtMinute(hours, minuteOfTime('08:00')!)).toBe(true);
    expect(isOpenAtMinute(hours, minuteOfTime('12:00')!)).toBe(false);
    expect(isOpenAtMinute(hours, minuteOfTime('23:59')!)).toBe(true);
    expect(minutesOpen(hours)).toBe(4 * 60 + 11 * 60);
  });
});
