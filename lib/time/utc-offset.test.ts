import { tzOffset } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { utcOffsetMinutes } from './utc-offset';

describe('utcOffsetMinutes', () => {
  it('is the zone’s offset at the instant, before and after a change', () => {
    // Paris goes back from UTC+2 to UTC+1 at 01:00 UTC on 26 October 2025.
    expect(utcOffsetMinutes('Europe/Paris', Date.parse('2025-10-26T00:59:59Z'))).toBe(120);
    expect(utcOffsetMinutes('Europe/Paris', Date.parse('2025-10-26T01:00:00Z'))).toBe(60);
    expect(utcOffsetMinutes('Asia/Kolkata', Date.parse('2026-06-01T12:00:00Z'))).toBe(330);
    // Asked again, from the cache: the same answers.
    expect(utcOffsetMinutes('Europe/Paris', Date.parse('2025-10-26T00:59:59Z'))).toBe(120);
    expect(utcOffsetMinutes('Europe/Paris', Date.parse('2025-10-26T01:00:00Z'))).toBe(60);
  });

  it('answers each instant of a quarter-hour in which the offset changes, not the quarter’s first', () => {
    // Monrovia left its -0:44:30 mean time for UTC at 00:44:30 UTC on 7 January 1972, mid-quarter.
    const change = Date.parse('1972-01-07T00:44:30Z');
    for (const ms of [change - 1000, change, change + 1000, change - 1000]) {
      expect(utcOffsetMinutes('Africa/Monrovia', ms)).toBe(tzOffset('Africa/Monrovia', new Date(ms)));
    }
    expect(utcOffsetMinutes('Africa/Monrovia', change - 1000)).not.toBe(utcOffsetMinutes('Africa/Monrovia', change));
  });

  it('is NaN for a zone the runtime does not know', () => {
    expect(utcOffsetMinutes('Mars/Olympus', Date.parse('2026-01-01T00:00:00Z'))).toBeNaN();
    expect(utcOffsetMinutes('Mars/Olympus', Date.parse('2026-01-01T00:00:00Z'))).toBeNaN();
  });
});
