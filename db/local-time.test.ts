import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, localDayBounds, localDayOf, localMidnight } from './local-time';

const ZONES = [
  'Europe/Paris',
  'Africa/Casablanca',
  'Africa/Tunis',
  'Africa/Dakar',
  'Indian/Mauritius',
  'Indian/Antananarivo',
  'America/Santiago', // changes to summer time at midnight
  'Australia/Lord_Howe', // half-hour daylight saving
  'Asia/Kathmandu',
  'Pacific/Chatham',
];

/** The local date as Intl formats it: an independent way to the same answer. */
function intlDay(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

describe('site-local days', () => {
  it('agrees with Intl and falls inside its own day bounds, for any instant and zone', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.constantFrom(...ZONES),
        (at, zone) => {
          const day = localDayOf(at, zone);
          expect(day).toBe(intlDay(at, zone));
          const { start, end } = localDayBounds(day, zone);
          expect(start.getTime()).toBeLessThanOrEqual(at.getTime());
          expect(at.getTime()).toBeLessThan(end.getTime());
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('knows Casablanca on UTC+1 outside Ramadan until 2026-09-20 and on UTC+0 since (tz 2026c), and the length of daylight-saving days', () => {
    expect(localDayOf(new Date('2026-08-10T23:30:00Z'), 'Africa/Casablanca')).toBe('2026-08-11');
    expect(localDayOf(new Date('2026-11-10T23:30:00Z'), 'Africa/Casablanca')).toBe('2026-11-10');
    expect(localDayOf(new Date('2026-03-01T23:30:00Z'), 'Africa/Casablanca')).toBe('2026-03-01'); // Ramadan: UTC+0
    const hours = (day: string, zone: string) => {
      const { start, end } = localDayBounds(day, zone);
      return (end.getTime() - start.getTime()) / 3_600_000;
    };
    expect(hours('2026-03-29', 'Europe/Paris')).toBe(23);
    expect(hours('2026-10-25', 'Europe/Paris')).toBe(25);
    expect(hours('2026-06-15', 'Europe/Paris')).toBe(24);
    expect(localMidnight('2026-03-29', 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('counts days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});
