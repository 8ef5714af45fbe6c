import { describe, expect, it } from 'vitest';
import {
  csvHref,
  paramsOf,
  rangeChanges,
  readQualityAxis,
  readRange,
  readSites,
  readSort,
  readTrendFigure,
  siteHref,
  siteTodayHref,
  sortChanges,
  withParams,
} from './dashboard-state';

// 10:00 UTC on 15 March 2025: still the 15th in Paris and in Port Louis.
const now = new Date('2025-03-15T10:00:00Z');
const opts = { now, timeZone: 'Europe/Paris', defaultPreset: 'last_7_days' as const };
const read = (query: string) => new URLSearchParams(query);

describe('readRange', () => {
  it('defaults to the page’s preset', () => {
    expect(readRange(read(''), opts)).toEqual({ choice: 'last_7_days', from: '2025-03-08', to: '2025-03-14' });
  });

  it('reads each preset by name', () => {
    expect(readRange(read('range=yesterday'), opts)).toEqual({ choice: 'yesterday', from: '2025-03-14', to: '2025-03-14' });
    expect(readRange(read('range=last_30_days'), opts)).toEqual({ choice: 'last_30_days', from: '2025-02-13', to: '2025-03-14' });
    expect(readRange(read('range=month_to_date'), opts)).toEqual({ choice: 'month_to_date', from: '2025-03-01', to: '2025-03-15' });
    expect(readRange(read('range=forever'), opts).choice).toBe('last_7_days');
  });

  it('reads the live today by name only: the same day given by its dates stays a day', () => {
    expect(readRange(read('range=today'), opts)).toEqual({ choice: 'today', from: '2025-03-15', to: '2025-03-15' });
    expect(readRange(read('from=2025-03-15&to=2025-03-15'), opts).choice).toBe('custom');
    expect(siteTodayHref('TUN')).toBe('/sites/TUN?range=today');
  });

  it('takes explicit dates, and names them as the preset they equal today', () => {
    expect(readRange(read('from=2025-01-01&to=2025-01-31'), opts)).toEqual({ choice: 'custom', from: '2025-01-01', to: '2025-01-31' });
    expect(readRange(read('from=2025-03-14&to=2025-03-14&range=last_30_days'), opts).choice).toBe('yesterday');
  });

  it('falls back when the dates are not a valid range', () => {
    expect(readRange(read('from=2025-03-10&to=2025-03-01'), opts).choice).toBe('last_7_days');
    expect(readRange(read('from=2025-02-30&to=2025-03-01&range=yesterday'), opts).choice).toBe('yesterday');
    expect(readRange(read('from=2023-01-01&to=2025-03-01'), opts).choice).toBe('last_7_days');
  });

  it('counts days in the reader’s own time zone', () => {
    const late = new Date('2025-03-15T22:30:00Z'); // already the 16th in Port Louis (UTC+4)
    expect(readRange(read('range=yesterday'), { ...opts, now: late, timeZone: 'Indian/Mauritius' }).from).toBe('2025-03-15');
    expect(readRange(read('range=yesterday'), { ...opts, now: late, timeZone: 'Africa/Dakar' }).from).toBe('2025-03-14');
  });
});

describe('the other parameters', () => {
  it('reads sites once each, upper-cased, ignoring malformed codes', () => {
    expect(readSites(read('site=tun&site=CAS&site=TUN&site=x1&site=dkr,mru'))).toEqual(['CAS', 'DKR', 'MRU', 'TUN']);
    expect(readSites(read(''))).toEqual([]);
  });

  it('reads the sort, the trend metric and the quality axis, with defaults', () => {
    expect(readSort(read('sort=aht&dir=desc'))).toEqual({ key: 'aht', dir: 'desc' });
    expect(readSort(read('sort=aht'))).toEqual({ key: 'aht', dir: 'asc' });
    expect(readSort(read('sort=bogus&dir=desc'))).toEqual({ key: 'site', dir: 'asc' });
    expect(readTrendFigure(read('metric=csat'))).toBe('csat');
    expect(readTrendFigure(read('metric=report_compliance'))).toBe('service_level');
    expect(readQualityAxis(read('quality=qa_score'))).toBe('qa_score');
    expect(readQualityAxis(read('quality=x'))).toBe('csat');
  });

  it('reads a Next.js searchParams object the same way', () => {
    const params = paramsOf({ site: ['TUN', 'cas'], range: 'yesterday', metric: undefined });
    expect(readSites(params)).toEqual(['CAS', 'TUN']);
    expect(readRange(params, opts).choice).toBe('yesterday');
    expect(readTrendFigure(params)).toBe('service_level');
  });
});

describe('writing the URL', () => {
  it('replaces, repeats and removes parameters, keeping the others', () => {
    expect(withParams('range=yesterday&metric=aht', { site: ['TUN', 'CAS'] })).toBe('?range=yesterday&metric=aht&site=TUN&site=CAS');
    expect(withParams('site=TUN&metric=aht', { site: null, metric: null })).toBe('');
  });

  it('writes a preset by name and a custom range by dates, dropping the other form', () => {
    expect(withParams('from=2025-01-01&to=2025-01-31&site=TUN', rangeChanges('last_30_days'))).toBe('?site=TUN&range=last_30_days');
    expect(withParams('range=yesterday', rangeChanges('custom', { from: '2025-01-01', to: '2025-01-31' }))).toBe('?from=2025-01-01&to=2025-01-31');
    expect(() => rangeChanges('custom')).toThrow();
  });

  it('leaves the default sort out of the URL', () => {
    expect(withParams('sort=aht&dir=desc', sortChanges({ key: 'site', dir: 'asc' }))).toBe('');
    expect(withParams('', sortChanges({ key: 'csat', dir: 'desc' }))).toBe('?sort=csat&dir=desc');
  });

  it('links a drill-down and the CSV export to the same days', () => {
    const range = { from: '2025-03-08', to: '2025-03-14' };
    expect(siteHref('TUN', range)).toBe('/sites/TUN?from=2025-03-08&to=2025-03-14');
    expect(csvHref(range, [])).toBe('/api/v1/kpis.csv?from=2025-03-08&to=2025-03-14');
    expect(csvHref(range, ['CAS', 'TUN'])).toBe('/api/v1/kpis.csv?from=2025-03-08&to=2025-03-14&site=CAS&site=TUN');
  });
});
