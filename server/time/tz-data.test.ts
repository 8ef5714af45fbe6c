import { describe, expect, it } from 'vitest';
import { localDayOf } from '@/db/local-time';
import { MINIMUM_TZ_VERSION, OutdatedTzDataError, assertCurrentTzData, compareTzVersions, runtimeTzVersion } from './tz-data';

describe('time-zone data', () => {
  it('the runtime carries at least the declared minimum', () => {
    const version = runtimeTzVersion();
    expect(version).toMatch(/^\d{4}[a-z]+$/);
    expect(compareTzVersions(version!, MINIMUM_TZ_VERSION)).toBeGreaterThanOrEqual(0);
    expect(assertCurrentTzData()).toBe(version);
  });

  it('orders releases by year, then letter', () => {
    expect(compareTzVersions('2025c', '2026c')).toBeLessThan(0);
    expect(compareTzVersions('2026c', '2026b')).toBeGreaterThan(0);
    expect(compareTzVersions('2026c', '2026c')).toBe(0);
    expect(compareTzVersions('2027a', '2026z')).toBeGreaterThan(0);
    expect(() => compareTzVersions('2026', '2026c')).toThrow(/IANA/);
  });

  it('refuses older or unnamed data with a plain message', () => {
    expect(() => assertCurrentTzData('2025c')).toThrow(OutdatedTzDataError);
    expect(() => assertCurrentTzData('2025c')).toThrow(/2026c or later.*has 2025c/);
    expect(() => assertCurrentTzData(null)).toThrow(OutdatedTzDataError);
    expect(() => assertCurrentTzData('2026d')).not.toThrow();
  });

  it('the rules in use are the current ones: Casablanca on UTC+0, Vancouver on permanent UTC−7', () => {
    // 23:30 UTC on 2026-11-26 is 23:30 in Casablanca under 2026c (00:30 the next day under older data).
    expect(localDayOf(new Date('2026-11-26T23:30:00Z'), 'Africa/Casablanca')).toBe('2026-11-26');
    // 06:30 UTC on 2026-12-02 is 23:30 on 1 December in Vancouver at UTC−7 (22:30 at UTC−8).
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Vancouver', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(new Date('2026-12-02T06:30:00Z'))).toBe('23:30');
    // Paris keeps its summer time: 2026-03-29 02:30 local does not exist, 01:30 UTC is 03:30 CEST.
    expect(localDayOf(new Date('2026-03-28T23:30:00Z'), 'Europe/Paris')).toBe('2026-03-29');
  });
});
