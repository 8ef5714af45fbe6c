import { describe, expect, it } from 'vitest';
import { ALL_SITES, chartPoints, expectedShare } from './mission-figures';

describe('expectedShare', () => {
  it('weighs each site’s elapsed share by its target', () => {
    expect(
      expectedShare([
        { target: 300, elapsedDays: 5, windowDays: 10 },
        { target: 100, elapsedDays: 4, windowDays: 10 },
      ]),
    ).toBeCloseTo(190 / 400, 12);
    expect(expectedShare([])).toBeNull();
  });
});

describe('chartPoints', () => {
  const series = {
    days: ['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04'],
    sites: [
      { code: 'MRU', target: 40, cumulative: [5, 9, 12] },
      { code: 'DKR', target: 20, cumulative: [1, 4] },
    ],
  };

  it('plots one site with its plan line, and nothing for days ahead', () => {
    expect(chartPoints(series, 'MRU')).toEqual({
      target: 40,
      points: [
        { day: '2025-03-01', plan: 10, achieved: 5 },
        { day: '2025-03-02', plan: 20, achieved: 9 },
        { day: '2025-03-03', plan: 30, achieved: 12 },
        { day: '2025-03-04', plan: 40 },
      ],
    });
  });

  it('sums every site, carrying a site’s latest figure over the day its zone has not reached', () => {
    const { points, target } = chartPoints(series, ALL_SITES);
    expect(target).toBe(60);
    expect(points.map((p) => p.achieved)).toEqual([6, 13, 16, undefined]);
    expect(points.map((p) => p.plan)).toEqual([15, 30, 45, 60]);
  });
});
