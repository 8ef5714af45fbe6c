// The dashboard's state lives in the URL so a link shows exactly what its sender saw: the range
// (a preset, or custom from/to), the sites filter, the sort, the trend metric and the quality axis.
// Pure: reading takes the clock and the reader's time zone, writing gives a query string.
import { checkRange, presetRange, RANGE_PRESETS, type DateRange, type RangePreset } from '@/lib/kpi/periods';
import { isFigure, type Figure } from './metrics';
import { DEFAULT_SORT, isSortKey, type SortState } from './sort-sites';

export type ParamReader = { get(name: string): string | null; getAll(name: string): string[] };

export type RangeChoice = 'custom' | RangePreset;
export type RangeState = DateRange & { choice: RangeChoice };

export type QualityAxis = 'csat' | 'qa_score';

export const DEFAULT_TREND_FIGURE: Figure = 'service_level';

/** A reader over a Next.js page's `searchParams` object. */
export function paramsOf(record: Record<string, string | string[] | undefined>): ParamReader {
  const all = (name: string) => {
    const value = record[name];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
  return { get: (name) => all(name)[0] ?? null, getAll: all };
}

function isPreset(value: string | null): value is RangePreset {
  return (RANGE_PRESETS as readonly string[]).includes(value ?? '');
}

/**
 * Explicit from/to win when they form a valid range (and show as the preset of whole days they
 * equal today);
 * else the named preset; else the page's default preset.
 */
export function readRange(params: ParamReader, opts: { now: Date; timeZone: string; defaultPreset: RangePreset }): RangeState {
  const from = params.get('from');
  const to = params.get('to');
  if (from && to) {
    const checked = checkRange(from, to);
    if (checked.ok) {
      // A day given by its dates stays that day: only `range=today` asks for the live view.
      const same = RANGE_PRESETS.filter((p) => p !== 'today').find((p) => {
        const r = presetRange(p, opts.now, opts.timeZone);
        return r.from === from && r.to === to;
      });
      return { ...checked.range, choice: same ?? 'custom' };
    }
  }
  const named = params.get('range');
  const preset = isPreset(named) ? named : opts.defaultPreset;
  return { ...presetRange(preset, opts.now, opts.timeZone), choice: preset };
}

/** Site codes named in the URL: upper-cased, well-formed, once each, sorted. */
export function readSites(params: ParamReader): string[] {
  const codes = params
    .getAll('site')
    .flatMap((v) => v.split(','))
    .map((c) => c.trim().toUpperCase())
    .filter((c) => /^[A-Z]{2,8}$/.test(c));
  return [...new Set(codes)].sort();
}

export function readSort(params: ParamReader): SortState {
  const key = params.get('sort');
  if (!isSortKey(key)) return DEFAULT_SORT;
  return { key, dir: params.get('dir') === 'desc' ? 'desc' : 'asc' };
}

export function readTrendFigure(params: ParamReader): Figure {
  const value = params.get('metric');
  return isFigure(value) ? value : DEFAULT_TREND_FIGURE;
}

export function readQualityAxis(params: ParamReader): QualityAxis {
  return params.get('quality') === 'qa_score' ? 'qa_score' : 'csat';
}

export type ParamChanges = Record<string, string | string[] | null>;

/** The query string (with its "?", or "" when empty) after applying changes; null removes. */
export function withParams(current: string | URLSearchParams, changes: ParamChanges): string {
  const next = new URLSearchParams(current);
  for (const [name, value] of Object.entries(changes)) {
    next.delete(name);
    if (value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) next.append(name, v);
  }
  const text = next.toString();
  return text ? `?${text}` : '';
}

/** The URL changes for a range: a preset by name (it moves with the calendar), custom by dates. */
export function rangeChanges(choice: RangeChoice, range?: DateRange): ParamChanges {
  if (choice === 'custom') {
    if (!range) throw new Error('A custom range needs its dates');
    return { range: null, from: range.from, to: range.to };
  }
  return { range: choice, from: null, to: null };
}

export function sortChanges(sort: SortState): ParamChanges {
  const isDefault = sort.key === DEFAULT_SORT.key && sort.dir === DEFAULT_SORT.dir;
  return isDefault ? { sort: null, dir: null } : { sort: sort.key, dir: sort.dir };
}

/** A site's page on the live "today" view. */
export function siteTodayHref(code: string): string {
  return `/sites/${encodeURIComponent(code)}${withParams('', { range: 'today' })}`;
}

/** A site's page over the same days, with explicit dates so the link means the same tomorrow. */
export function siteHref(code: string, range: DateRange): string {
  return `/sites/${encodeURIComponent(code)}${withParams('', { from: range.from, to: range.to })}`;
}

/** The CSV export of the comparison over the same range and sites. */
export function csvHref(range: DateRange, sites: string[]): string {
  return `/api/v1/kpis.csv${withParams('', { from: range.from, to: range.to, site: sites.length ? sites : null })}`;
}
