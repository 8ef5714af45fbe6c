'use client';
// Reads the dashboard's state from the URL and changes it. A new range or site selection is a
// navigation (history entry, server sections re-rendered); a new sort, trend figure or quality
// axis only rewrites the address, instantly, so a shared link still carries it.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTimeZone } from 'next-intl';
import { useCallback, useMemo, useTransition } from 'react';
import type { RangePreset } from '@/lib/kpi/periods';
import { readQualityAxis, readRange, readSites, readSort, readTrendFigure, withParams, type ParamChanges } from './dashboard-state';

export function useDashboardUrl(defaultPreset: RangePreset) {
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const timeZone = useTimeZone() ?? 'UTC';
  const [navigating, startTransition] = useTransition();
  const query = params.toString();

  const state = useMemo(() => {
    const reader = new URLSearchParams(query);
    return {
      range: readRange(reader, { now: new Date(), timeZone, defaultPreset }),
      sites: readSites(reader),
      sort: readSort(reader),
      trendFigure: readTrendFigure(reader),
      quality: readQualityAxis(reader),
    };
  }, [query, timeZone, defaultPreset]);

  const navigate = useCallback(
    (changes: ParamChanges) => startTransition(() => router.push(`${pathname}${withParams(query, changes)}`, { scroll: false })),
    [router, pathname, query],
  );

  const rewrite = useCallback(
    (changes: ParamChanges) => window.history.replaceState(null, '', `${pathname}${withParams(query, changes)}`),
    [pathname, query],
  );

  return { ...state, navigate, rewrite, navigating };
}
