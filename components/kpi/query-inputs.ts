// The inputs of the dashboards' KPI queries, built in one place so that a page's server-side
// prefetch and its client components ask with the same query keys. Pure: no 'use client'.
import type { DateRange } from '@/lib/kpi/periods';

/** The overview's comparison and trend over a range, for the sites chosen (none: all active). */
export function kpiRangeInput(range: DateRange, sites: string[]) {
  return { from: range.from, to: range.to, ...(sites.length ? { sites } : {}) };
}

/** Each site's cost per handled call over the overview's range (contracts.costs), for the sites chosen. */
export function costsInput(range: DateRange, sites: string[]) {
  return { from: range.from, to: range.to, ...(sites.length ? { site: sites } : {}) };
}

/** The overview's today, for the sites chosen. */
export function todayInput(sites: string[]) {
  return sites.length ? { sites } : {};
}

export type SiteRef = { code: string; active: boolean };

/**
 * A site page's reads of the comparison, trend and QA categories: the network's query, whose
 * row of the site is read; an inactive site is not in the network, so it is asked for by name.
 */
export function siteRangeInput(site: SiteRef, range: DateRange) {
  return { from: range.from, to: range.to, ...(site.active ? {} : { sites: [site.code] }) };
}
