import { describe, expect, it } from 'vitest';
import { missionProjection, paceStatus } from '@/lib/kpi/definitions';
import { combinedPhase, cumulativeByDay, elapsedDays, overallProgress, phaseOn, siteProgress, windowDays } from './progress';

const WINDOW = { startsOn: '2025-03-01', endsOn: '2025-03-10' };
const site = (code: string, timezone: string, target: number, achieved: number, closedDays: ReadonlySet<string> = new Set()) => ({
  code,
  name: code,
  timezone,
  target,
  achieved,
  closedDays,
});

describe('window arithmetic in site-local days', () => {
  it('counts the complete days of the window before today', () => {
    expect(windowDays(WINDOW)).toBe(10);
    expect(elapsedDays(WINDOW, '2025-02-20')).toBe(0);
    expect(elapsedDays(WINDOW, '2025-03-01')).toBe(0);
    expect(elapsedDays(WINDOW, '2025-03-02')).toBe(1);
    expect(elapsedDays(WINDOW, '2025-03-10')).toBe(9);
    expect(elapsedDays(WINDOW, '2025-03-11')).toBe(10);
    expect(elapsedDays(WINDOW, '2026-01-01')).toBe(10);
  });

  it('knows whether the window is ahead, running or over on a given day', () => {
    expect(phaseOn(WINDOW, '2025-02-28')).toBe('upcoming');
    expect(phaseOn(WINDOW, '2025-03-01')).toBe('active');
    expect(phaseOn(WINDOW, '2025-03-10')).toBe('active');
    expect(phaseOn(WINDOW, '2025-03-11')).toBe('ended');
    expect(combinedPhase(['upcoming', 'upcoming'])).toBe('upcoming');
    expect(combinedPhase(['upcoming', 'active'])).toBe('active');
    expect(combinedPhase(['ended', 'active'])).toBe('active');
    expect(combinedPhase(['ended', 'ended'])).toBe('ended');
  });
});

describe('siteProgress', () => {
  it('measures completion, pace, projection and status against the elapsed share', () => {
    // 12:00 UTC on 6 March: 13:00 in Tunis, five complete days (1–5 March) of ten.
    const p = siteProgress(WINDOW, site('TUN', 'Africa/Tunis', 200, 90), new Date('2025-03-06T12:00:00Z'));
    expect(p).toMatchObject({ today: '2025-03-06', elapsedDays: 5, windowDays: 10, completion: 0.45, phase: 'active' });
    expect(p.pace).toBeCloseTo(0.9, 12);
    expect(p.projection).toBe(180);
    expect(p.projectedCompletion).toBe(0.9);
    expect(p.status).toBe('at_risk');
  });

  it('uses each site’s own date: Port Louis is a day further than Dakar at 21:30 UTC', () => {
    const now = new Date('2025-03-05T21:30:00Z');
    const mru = siteProgress(WINDOW, site('MRU', 'Indian/Mauritius', 100, 50), now);
    const dkr = siteProgress(WINDOW, site('DKR', 'Africa/Dakar', 100, 50), now);
    expect(mru).toMatchObject({ today: '2025-03-06', elapsedDays: 5, pace: 1, status: 'on_track' });
    expect(dkr).toMatchObject({ today: '2025-03-05', elapsedDays: 4, pace: 1.25, status: 'on_track' });
  });

  it('has no pace before a day of the window is complete, and elapsed 1 once it is over', () => {
    const before = siteProgress(WINDOW, site('TUN', 'Africa/Tunis', 100, 7), new Date('2025-02-27T12:00:00Z'));
    expect(before).toMatchObject({ phase: 'upcoming', completion: 0.07, pace: null, projection: null, status: null });
    const firstDay = siteProgress(WINDOW, site('TUN', 'Africa/Tunis', 100, 7), new Date('2025-03-01T12:00:00Z'));
    expect(firstDay).toMatchObject({ phase: 'active', elapsedDays: 0, pace: null, status: null });
    const after = siteProgress(WINDOW, site('TUN', 'Africa/Tunis', 100, 95), new Date('2025-04-01T12:00:00Z'));
    expect(after).toMatchObject({ phase: 'ended', elapsedDays: 10, completion: 0.95, pace: 0.95, projection: 95, status: 'at_risk' });
  });

  it('counts pace and projection in working days: a closed day is neither elapsed nor in the window', () => {
    // Ten days, 1–10 March 2025; Sundays 2 and 9 March closed, and a holiday on 4 March: 7 working days.
    const closed = new Set(['2025-03-02', '2025-03-04', '2025-03-09']);
    // 6 March in Tunis: 1–5 March complete, of which 1, 3 and 5 are working days (3 of 7).
    const p = siteProgress(WINDOW, site('TUN', 'Africa/Tunis', 70, 30, closed), new Date('2025-03-06T12:00:00Z'));
    expect(p).toMatchObject({ elapsedDays: 5, windowDays: 10, workingDaysElapsed: 3, workingDays: 7, completion: 30 / 70 });
    // By hand: 30 calls in 3 working days is 10 a day, 70 over the 7 working days: on pace exactly.
    expect(p.projection).toBe(70);
    expect(p.pace).toBeCloseTo(1, 12);
    expect(p.status).toBe('on_track');
    // Counted in calendar days the same site would look behind: 0.43 / 0.5.
    expect(siteProgress(WINDOW, site('TUN', 'Africa/Tunis', 70, 30), new Date('2025-03-06T12:00:00Z')).status).toBe('behind');
  });

  it('grades pace: 1 and above on track, from 0.9 at risk, below behind', () => {
    expect(paceStatus(1)).toBe('on_track');
    expect(paceStatus(1.4)).toBe('on_track');
    expect(paceStatus(0.9999)).toBe('at_risk');
    expect(paceStatus(0.9)).toBe('at_risk');
    expect(paceStatus(0.8999)).toBe('behind');
    expect(paceStatus(null)).toBeNull();
    expect(missionProjection(30, 3, 10)).toBe(100);
    expect(missionProjection(30, 0, 10)).toBeNull();
  });
});

describe('overallProgress', () => {
  it('sums the sites and weighs each site’s elapsed share by its target', () => {
    const now = new Date('2025-03-05T21:30:00Z');
    const sites = [
      siteProgress(WINDOW, site('MRU', 'Indian/Mauritius', 300, 90), now), // 5 of 10 days: expected 150
      siteProgress(WINDOW, site('DKR', 'Africa/Dakar', 100, 60), now), // 4 of 10 days: expected 40
    ];
    const overall = overallProgress(sites);
    expect(overall).toMatchObject({ target: 400, achieved: 150, completion: 0.375, phase: 'active' });
    expect(overall.pace).toBeCloseTo(150 / 190, 12);
    expect(overall.status).toBe('behind');
    expect(overall.projection).toBeCloseTo(90 * 2 + 60 * 2.5, 9);
  });

  it('is empty-safe and has no projection while a site has none', () => {
    expect(overallProgress([])).toMatchObject({ target: 0, achieved: 0, completion: null, pace: null, projection: null, phase: 'upcoming' });
    const now = new Date('2025-03-01T21:30:00Z');
    const sites = [siteProgress(WINDOW, site('MRU', 'Indian/Mauritius', 10, 1), now), siteProgress(WINDOW, site('DKR', 'Africa/Dakar', 10, 1), now)];
    expect(sites.map((s) => s.elapsedDays)).toEqual([1, 0]);
    expect(overallProgress(sites).projection).toBeNull();
    expect(overallProgress(sites).pace).toBeCloseTo(2 / 20 / 0.05, 12);
  });
});

describe('cumulativeByDay', () => {
  it('accumulates per window day up to today, ignoring days outside the window', () => {
    const daily = [
      { day: '2025-02-28', calls: 50 },
      { day: '2025-03-01', calls: 2 },
      { day: '2025-03-03', calls: 3 },
      { day: '2025-03-03', calls: 1 },
      { day: '2025-03-11', calls: 50 },
    ];
    expect(cumulativeByDay(WINDOW, daily, '2025-03-04')).toEqual([2, 2, 6, 6]);
    expect(cumulativeByDay(WINDOW, daily, '2025-05-01')).toHaveLength(10);
    expect(cumulativeByDay(WINDOW, daily, '2025-05-01').at(-1)).toBe(6);
    expect(cumulativeByDay(WINDOW, daily, '2025-02-01')).toEqual([]);
  });
});
