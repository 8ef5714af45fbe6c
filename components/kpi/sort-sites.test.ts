import { describe, expect, it } from 'vitest';
import { computeKpis, emptyParts } from '@/lib/kpi/definitions';
import { firstDirection, nextSort, sortRows, type SortableSite } from './sort-sites';

function site(code: string, over: Partial<SortableSite> & { freshness?: number | null; compliance?: number | null } = {}): SortableSite {
  const { freshness = null, compliance = null, ...rest } = over;
  return { code, ...computeKpis(emptyParts()), feed: { freshnessSeconds: freshness }, reports: { compliance }, ...rest };
}

const rows = [
  site('TUN', { ahtSeconds: 300, serviceLevel: 0.8, offered: 200, freshness: 60, compliance: 1 }),
  site('CAS', { ahtSeconds: 400, serviceLevel: null, offered: 50, freshness: null, compliance: 0.5 }),
  site('DKR', { ahtSeconds: null, serviceLevel: 0.9, offered: 0, freshness: 3600 }),
  site('ALG', { ahtSeconds: 300, serviceLevel: 0.6, offered: 90, freshness: 30, compliance: 0.9 }),
];
const codes = (list: SortableSite[]) => list.map((r) => r.code);

describe('sortRows', () => {
  it('sorts by site code, either way', () => {
    expect(codes(sortRows(rows, { key: 'site', dir: 'asc' }))).toEqual(['ALG', 'CAS', 'DKR', 'TUN']);
    expect(codes(sortRows(rows, { key: 'site', dir: 'desc' }))).toEqual(['TUN', 'DKR', 'CAS', 'ALG']);
  });

  it('sorts by a metric with missing values last in both directions, ties by code', () => {
    expect(codes(sortRows(rows, { key: 'aht', dir: 'asc' }))).toEqual(['ALG', 'TUN', 'CAS', 'DKR']);
    expect(codes(sortRows(rows, { key: 'aht', dir: 'desc' }))).toEqual(['CAS', 'ALG', 'TUN', 'DKR']);
    expect(codes(sortRows(rows, { key: 'service_level', dir: 'desc' }))).toEqual(['DKR', 'TUN', 'ALG', 'CAS']);
    expect(codes(sortRows(rows, { key: 'offered', dir: 'asc' }))).toEqual(['DKR', 'CAS', 'ALG', 'TUN']);
  });

  it('sorts by feed freshness and report compliance', () => {
    expect(codes(sortRows(rows, { key: 'feed', dir: 'asc' }))).toEqual(['ALG', 'TUN', 'DKR', 'CAS']);
    expect(codes(sortRows(rows, { key: 'reports', dir: 'asc' }))).toEqual(['CAS', 'ALG', 'TUN', 'DKR']);
  });

  it('does not change the list it is given', () => {
    const copy = [...rows];
    sortRows(rows, { key: 'aht', dir: 'desc' });
    expect(rows).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('starts a metric with its best first and flips on a second click', () => {
    expect(firstDirection('aht')).toBe('asc');
    expect(firstDirection('csat')).toBe('desc');
    expect(nextSort({ key: 'site', dir: 'asc' }, 'csat')).toEqual({ key: 'csat', dir: 'desc' });
    expect(nextSort({ key: 'csat', dir: 'desc' }, 'csat')).toEqual({ key: 'csat', dir: 'asc' });
    expect(nextSort({ key: 'site', dir: 'asc' }, 'site')).toEqual({ key: 'site', dir: 'desc' });
  });
});
