// Sorting the comparison's site rows by a column. Rows without a value sort last in either
// direction, so "—" never hides the best or the worst site.
import type { ComparisonSite } from '@/server/kpi/comparison';
import type { Kpis } from '@/lib/kpi/definitions';
import { figureValue, isFigure, type Figure } from './metrics';

export const SORT_KEYS = ['site', 'offered', 'handled', 'aht', 'asa', 'service_level', 'abandon_rate', 'fcr', 'csat', 'qa_score', 'feed', 'reports'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';
export type SortState = { key: SortKey; dir: SortDirection };

export const DEFAULT_SORT: SortState = { key: 'site', dir: 'asc' };

export function isSortKey(value: string | null | undefined): value is SortKey {
  return (SORT_KEYS as readonly string[]).includes(value ?? '');
}

export type SortableSite = Pick<ComparisonSite, 'code' | keyof Kpis> & {
  feed: Pick<ComparisonSite['feed'], 'freshnessSeconds'>;
  reports: Pick<ComparisonSite['reports'], 'compliance'>;
};

export function sortValue(row: SortableSite, key: SortKey): number | string | null {
  if (key === 'site') return row.code;
  if (key === 'feed') return row.feed.freshnessSeconds;
  if (key === 'reports') return row.reports.compliance;
  return isFigure(key) ? figureValue(row, key as Figure) : null;
}

export function sortRows<T extends SortableSite>(rows: readonly T[], sort: SortState): T[] {
  const factor = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, sort.key) }))
    .sort((a, b) => {
      if (a.value === null && b.value === null) return a.index - b.index;
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      const order = typeof a.value === 'string' || typeof b.value === 'string' ? String(a.value).localeCompare(String(b.value)) : a.value - b.value;
      return order !== 0 ? order * factor : a.row.code.localeCompare(b.row.code);
    })
    .map(({ row }) => row);
}

/** The direction a first click on a column sorts by: the best first for a metric, A→Z for names. */
export function firstDirection(key: SortKey): SortDirection {
  if (key === 'site') return 'asc';
  // Freshest feed first; lower-is-better metrics best first.
  if (key === 'feed' || key === 'aht' || key === 'asa' || key === 'abandon_rate') return 'asc';
  return 'desc';
}

export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key !== key) return { key, dir: firstDirection(key) };
  return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
}
