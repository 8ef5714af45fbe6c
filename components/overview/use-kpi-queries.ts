'use client';
// The overview's data: one comparison, one trend and one costs query per range and site
// selection, shared by the table and the charts (TanStack Query de-duplicates them). While a new range loads the
// previous answer stays on screen, marked as updating.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { costsInput, kpiRangeInput as inputOf, todayInput } from '@/components/kpi/query-inputs';
import type { DateRange } from '@/lib/kpi/periods';

export function useComparison(range: DateRange, sites: string[]) {
  const trpc = useTRPC();
  return useQuery(trpc.kpi.comparison.queryOptions(inputOf(range, sites), { placeholderData: keepPreviousData }));
}

export function useTrend(range: DateRange, sites: string[]) {
  const trpc = useTRPC();
  return useQuery(trpc.kpi.trend.queryOptions(inputOf(range, sites), { placeholderData: keepPreviousData }));
}

/** Each site's local day so far; refreshed each minute while shown, since the day moves on. */
export function useToday(sites: string[]) {
  const trpc = useTRPC();
  return useQuery(trpc.kpi.today.queryOptions(todayInput(sites), { placeholderData: keepPreviousData, refetchInterval: 60_000 }));
}

/**
 * Each site's cost per handled call and quality over the range (contracts.costs), for the
 * comparison's cost column and the cost-versus-quality card: one query shared by both.
 */
export function useCosts(range: DateRange, sites: string[]) {
  const trpc = useTRPC();
  return useQuery(trpc.contracts.costs.queryOptions(costsInput(range, sites), { placeholderData: keepPreviousData }));
}

export function useTargets() {
  const trpc = useTRPC();
  return useQuery(trpc.kpi.targets.queryOptions());
}
