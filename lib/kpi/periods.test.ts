import { describe, expect, it } from 'vitest';
import { checkRange, daysOf, isoWeekStart, parseRange, presetRange, previousRange, rangeLength, todayIn } from './periods';

describe('checkRange', () => {
  it('accepts a real range, one day included', () => {
    expect(checkRange('2025-03-01', '2025-03-31')).toEqual({ ok: true, range: { from: '2025-03-01', to: '2025-03-31' } });
    expect(checkRange('2025-03-01', '2025-03-01').ok).toBe(true);
  });

  it('rejects malformed and impossible dates', () => {
    expect(checkRange('2025-3-1', '2025-03-31')).toMatchObject({ ok: false, field: 'from' });
    expect(checkRange('2025-02-29', '2025-03-31')).toMatchObject({ ok: false, field: 'from' });
    expect(checkRange('2025-03-01', '2025-13-01')).toMatchObject({ ok: false, field: 'to' });
    expect(checkRange('2025-03-01T00:00', '2025-03-02')).toMatchObject({ ok: false, field: 'from' });
    expect(checkRange('2024-02-29', '2024-03-01').ok).toBe(true);
    expect(checkRange('2024-02-30', '2024-03-01')).toMatchObject({ ok: false, field: 'from' });
    expect(checkRange('2024-04-31', '2024-05-01')).toMatchObject({ ok: false, field: 'from' });
    expect(checkRange('2024-00-10', '2024-05-01')).toMatchObject({ ok: false, field: 'from' });
    // Date.UTC reads years 0–99 as 1900–1999: such a day is refused, not moved.
    expect(checkRange('0099-01-01', '2024-05-01')).toMatchObject({ ok: false, field: 'from' });
  });

  it('rejects a reversed range', () => {
    expect(checkRange('2025-03-02', '2025-03-01')).toMatchObject({ ok: false, field: 'to' });
  });

  it('allows at most 400 days', () => {
    expect(checkRange('2024-01-01', '2025-02-03').ok).toBe(true); // 400 days (2024 is leap)
    expect(rangeLength({ from: '2024-01-01', to: '2025-02-03' })).toBe(400);
    expect(checkRange('2024-01-01', '2025-02-04')).toMatchObject({ ok: false, field: 'to' });
    expect(() => parseRange('2024-01-01', '2025-02-04')).toThrow(/400/);
  });
});

describe('previousRange', () => {
  it('is the period of equal length just before', () => {
    expect(previousRange({ from: '2025-03-10', to: '2025-03-16' })).toEqual({ from: '2025-03-03', to: '2025-03-09' });
    expect(previousRange({ from: '2025-03-01', to: '2025-03-01' })).toEqual({ from: '2025-02-28', to: '2025-02-28' });
    // March has 31 days: the previous 31 days reach back into January.
    expect(previousRange({ from: '2025-03-01', to: '2025-03-31' })).toEqual({ from: '2025-01-29', to: '2025-02-28' });
  });

  it('crosses a DST change and a year end without losing a day', () => {
    expect(previousRange({ from: '2025-03-31', to: '2025-04-06' })).toEqual({ from: '2025-03-24', to: '2025-03-30' });
    expect(previousRange({ from: '2025-01-01', to: '2025-01-02' })).toEqual({ from: '2024-12-30', to: '2024-12-31' });
    expect(daysOf({ from: '2025-03-29', to: '2025-04-01' })).toEqual(['2025-03-29', '2025-03-30', '2025-03-31', '2025-04-01']);
  });
});

describe('todayIn and presets', () => {
  // 23:30 UTC on 9 March is already 10 March in Tunis (UTC+1) and still 9 March in Dakar (UTC+0).
  const now = new Date('2025-03-09T23:30:00Z');

  it('takes today in the given time zone, not the server’s', () => {
    expect(todayIn(now, 'Africa/Tunis')).toBe('2025-03-10');
    expect(todayIn(now, 'Africa/Dakar')).toBe('2025-03-09');
    expect(todayIn(now, 'Indian/Mauritius')).toBe('2025-03-10');
    expect(() => todayIn(now, 'Mars/Olympus')).toThrow(/Unknown time zone: Mars\/Olympus/);
    expect(() => todayIn(new Date(Number.NaN), 'Africa/Tunis')).toThrow(RangeError);
  });

  it('follows a zone across its clock changes, whatever the locale of the server', () => {
    // Paris goes back from UTC+2 to UTC+1 on 26 October 2025.
    expect(todayIn(new Date('2025-10-25T21:59:00Z'), 'Europe/Paris')).toBe('2025-10-25');
    expect(todayIn(new Date('2025-10-25T22:00:00Z'), 'Europe/Paris')).toBe('2025-10-26');
    expect(todayIn(new Date('2025-10-26T22:59:00Z'), 'Europe/Paris')).toBe('2025-10-26');
    expect(todayIn(new Date('2025-10-26T23:00:00Z'), 'Europe/Paris')).toBe('2025-10-27');
    // Samoa skipped 30 December 2011 entirely.
    expect(todayIn(new Date('2011-12-30T10:00:00Z'), 'Pacific/Apia')).toBe('2011-12-31');
  });

  it('builds each preset relative to that day', () => {
    expect(presetRange('today', now, 'Africa/Tunis')).toEqual({ from: '2025-03-10', to: '2025-03-10' });
    expect(presetRange('yesterday', now, 'Africa/Tunis')).toEqual({ from: '2025-03-09', to: '2025-03-09' });
    expect(presetRange('yesterday', now, 'Africa/Dakar')).toEqual({ from: '2025-03-08', to: '2025-03-08' });
    expect(presetRange('last_7_days', now, 'Africa/Tunis')).toEqual({ from: '2025-03-03', to: '2025-03-09' });
    expect(presetRange('last_30_days', now, 'Africa/Tunis')).toEqual({ from: '2025-02-08', to: '2025-03-09' });
    expect(presetRange('month_to_date', now, 'Africa/Tunis')).toEqual({ from: '2025-03-01', to: '2025-03-10' });
  });

  it('makes month to date a single day on the first of the month', () => {
    const first = new Date('2025-04-01T08:00:00Z');
    expect(presetRange('month_to_date', first, 'Europe/Paris')).toEqual({ from: '2025-04-01', to: '2025-04-01' });
    expect(rangeLength(presetRange('last_7_days', first, 'Europe/Paris'))).toBe(7);
    expect(rangeLength(presetRange('last_30_days', first, 'Europe/Paris'))).toBe(30);
  });
});

describe('isoWeekStart', () => {
  it('starts a week on its Monday, whatever the day', () => {
    expect(isoWeekStart('2026-03-02')).toBe('2026-03-02'); // Monday
    expect(isoWeekStart('2026-03-08')).toBe('2026-03-02'); // Sunday
    expect(isoWeekStart('2026-03-05')).toBe('2026-03-02');
    expect(isoWeekStart('2026-01-01')).toBe('2025-12-29'); // across a year
    expect(isoWeekStart('2024-03-03')).toBe('2024-02-26'); // across a leap day
  });
});
