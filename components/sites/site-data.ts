'use client';
// A site page's reads: the site's row and the network's from the same query, so the page shows the
// network beside the site for HQ and for the site's own lead alike. An inactive site is not in
// the network, so it is asked for by name (its figures alone).
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { siteRangeInput as inputOf, type SiteRef } from '@/components/kpi/query-inputs';
import type { DateRange } from '@/lib/kpi/periods';

export type { SiteRef };

export function useSiteComparison(site: SiteRef, range: DateRange) {
  const trpc = useTRPC();
  const query = useQuery(trpc.kpi.comparison.queryOptions(inputOf(site, range)));
  const row = query.data?.sites.find((s) => s.code === site.code);
  return { ...query, row, network: site.active ? query.data?.network : undefined };
}

export function useSiteTrend(site: SiteRef, range: DateRange) {
  const trpc = useTRPC();
  const query = useQuery(trpc.kpi.trend.queryOptions(inputOf(site, range)));
  const series = query.data?.sites.find((s) => s.code === site.code);
  return { ...query, series, network: site.active ? query.data?.network : undefined };
}

export function useSiteQaCategories(site: SiteRef, range: DateRange) {
  const trpc = useTRPC();
  const query = useQuery(trpc.kpi.qaCategories.queryOptions(inputOf(site, range)));
  const categories = query.data?.sites.find((s) => s.code === site.code)?.categories;
  return { ...query, categories, network: site.active ? query.data?.network : undefined };
}
