import { describe, expect, it } from 'vitest';
import { calibrationHref, readCalibrationState } from './calibration-url';

describe('calibration URL state', () => {
  const now = new Date('2026-03-20T10:00:00Z');

  it('defaults to the last 91 complete days, week by week', () => {
    expect(readCalibrationState({}, now, 'Europe/Paris')).toEqual({ from: '2025-12-19', to: '2026-03-19', granularity: 'week', focus: undefined });
  });

  it('reads a valid period, the buckets and the site in focus, and writes them back', () => {
    const state = readCalibrationState({ from: '2026-01-01', to: '2026-03-31', granularity: 'month', site: 'cas' }, now, 'UTC');
    expect(state).toEqual({ from: '2026-01-01', to: '2026-03-31', granularity: 'month', focus: 'CAS' });
    expect(calibrationHref(state)).toBe('/qa/calibration?from=2026-01-01&to=2026-03-31&granularity=month&site=CAS');
    expect(readCalibrationState({ from: '2026-03-31', to: '2026-01-01', site: 'C4S' }, now, 'UTC')).toMatchObject({ from: '2025-12-19', focus: undefined });
  });
});
