import { describe, expect, it } from 'vitest';
import { isKnownZone, isoWithOffset, parseWallClock, zoneClock } from './wall-clock';

const wall = (text: string) => parseWallClock(text)!;

describe('the PBX clock read as instants', () => {
  it('reads a plain time with the offset in force', () => {
    const paris = zoneClock('Europe/Paris');
    expect(paris.read(wall('2026-01-15 10:00:00'))).toEqual({ kind: 'exact', ms: Date.parse('2026-01-15T09:00:00Z'), offsetMinutes: 60 });
    expect(paris.read(wall('2026-07-15 10:00:00'))).toEqual({ kind: 'exact', ms: Date.parse('2026-07-15T08:00:00Z'), offsetMinutes: 120 });
  });

  it('the spring gap does not exist; its edges do', () => {
    const paris = zoneClock('Europe/Paris');
    expect(paris.read(wall('2026-03-29 01:59:59'))).toMatchObject({ kind: 'exact', offsetMinutes: 60 });
    expect(paris.read(wall('2026-03-29 02:00:00'))).toEqual({ kind: 'nonexistent' });
    expect(paris.read(wall('2026-03-29 02:59:59'))).toEqual({ kind: 'nonexistent' });
    expect(paris.read(wall('2026-03-29 03:00:00'))).toEqual({ kind: 'exact', ms: Date.parse('2026-03-29T01:00:00Z'), offsetMinutes: 120 });
  });

  it('the autumn hour lived twice is read as its first instant', () => {
    const paris = zoneClock('Europe/Paris');
    expect(paris.read(wall('2026-10-25 01:59:59'))).toMatchObject({ kind: 'exact', offsetMinutes: 120 });
    expect(paris.read(wall('2026-10-25 02:00:00'))).toEqual({ kind: 'ambiguous', ms: Date.parse('2026-10-25T00:00:00Z'), offsetMinutes: 120 });
    expect(paris.read(wall('2026-10-25 02:59:59'))).toMatchObject({ kind: 'ambiguous', offsetMinutes: 120 });
    expect(paris.read(wall('2026-10-25 03:00:00'))).toEqual({ kind: 'exact', ms: Date.parse('2026-10-25T02:00:00Z'), offsetMinutes: 60 });
  });

  it('half-hour changes (Lord Howe Island) and southern summers', () => {
    const lordHowe = zoneClock('Australia/Lord_Howe');
    // 2026-10-04 02:00 → 02:30 (+10:30 → +11:00).
    expect(lordHowe.read(wall('2026-10-04 02:15:00'))).toEqual({ kind: 'nonexistent' });
    expect(lordHowe.read(wall('2026-10-04 02:30:00'))).toMatchObject({ kind: 'exact', offsetMinutes: 660 });
    expect(lordHowe.read(wall('2026-10-04 01:59:00'))).toMatchObject({ kind: 'exact', offsetMinutes: 630 });
  });

  it('writes an instant back on the zone clock, and with its offset', () => {
    const kolkata = zoneClock('Asia/Kolkata');
    expect(kolkata.wallText(Date.parse('2026-06-01T04:30:05Z'))).toBe('2026-06-01 10:00:05');
    expect(isoWithOffset('2026-06-01 10:00:05', 330)).toBe('2026-06-01T10:00:05+05:30');
    expect(isoWithOffset('2026-06-01 10:00:05', -270)).toBe('2026-06-01T10:00:05-04:30');
    expect(isoWithOffset('2026-06-01 10:00:05', 0)).toBe('2026-06-01T10:00:05+00:00');
  });

  it('takes only real "YYYY-MM-DD HH:MM:SS" readings, years before 100 included', () => {
    for (const bad of ['2026-02-29 10:00:00', '2026-13-01 10:00:00', '2026-01-01 24:00:00', '2026-01-01T10:00:00', '2026-01-01 10:00', ' 2026-01-01 10:00:00', '2026-0a-01 10:00:00']) {
      expect(parseWallClock(bad)).toBeNull();
    }
    expect(parseWallClock('2028-02-29 23:59:59')).toBe(Date.parse('2028-02-29T23:59:59Z'));
    expect(parseWallClock('0050-03-01 00:00:00')).toBe(Date.parse('0050-03-01T00:00:00Z'));
  });

  it('knows the runtime zones only', () => {
    expect(isKnownZone('Africa/Casablanca')).toBe(true);
    expect(isKnownZone('Mars/Olympus')).toBe(false);
  });
});
