// Daily KPI series for trend charts: one point per site-local day for each shown site and for
// the network (summed parts of the network's sites that day). Days without data are present,
// with zero counts and null ratios, so a chart shows a gap rather than a fall to 0.
import type { Db } from '@/db/client';
import { dailySeries, listSitesForKpis } from '@/db/queries/kpis';
import type { SiteScope } from '@/server/auth/principal';
import { awaitingRescoreSums, withoutAwaiting } from '@/server/qa/blind-rescore';
import { computeKpis, emptyParts, type KpiParts, type Kpis } from '@/lib/kpi/definitions';
import { daysOf } from '@/lib/kpi/periods';
import { networkPartsFor } from './lead-network';
import { validRange } from './request-range';
import { selectSites } from './site-selection';

export type TrendPoint = { day: string } & Kpis;
export type Trend = {
  from: string;
  to: string;
  days: string[];
  network: TrendPoint[];
  sites: { code: string; name: string; points: TrendPoint[] }[];
};

export async function buildTrend(
  db: Db,
  args: { scope: SiteScope; from: string; to: string; siteCodes?: string[] },
): Promise<Trend> {
  const range = validRange(args.from, args.to);
  const days = daysOf(range);
  const allSites = await listSitesForKpis(db);
  const { shown, networkSiteIds } = selectSites(allSites, args.scope, args.siteCodes);
  const readIds = [...new Set([...networkSiteIds, ...shown.map((s) => s.id)])];
  const [series, awaiting] = await Promise.all([
    dailySeries(db, { siteIds: readIds, ...range }),
    awaitingRescoreSums(db, args.scope, allSites.filter((s) => readIds.includes(s.id))),
  ]);
  // HQ's figures leave out the evaluations it has yet to re-score blind.
  const rows = series.map((row) => withoutAwaiting(row, awaiting.onDay(row.siteId, row.day)));

  const bySiteDay = new Map<string, KpiParts>();
  for (const { siteId, day, ...parts } of rows) bySiteDay.set(`${siteId}:${day}`, parts);
  // Each day's network point, as the viewer may read it (a lead: three other sites that day).
  const networkByDay = new Map(
    days.map((day) => [day, networkPartsFor(args.scope, networkSiteIds, (id) => bySiteDay.get(`${id}:${day}`)).parts] as const),
  );

  const pointsOf = (partsOfDay: (day: string) => KpiParts | undefined): TrendPoint[] =>
    days.map((day) => ({ day, ...computeKpis(partsOfDay(day) ?? emptyParts()) }));

  return {
    from: range.from,
    to: range.to,
    days,
    network: pointsOf((day) => networkByDay.get(day)),
    sites: shown.map((site) => ({ code: site.code, name: site.name, points: pointsOf((day) => bySiteDay.get(`${site.id}:${day}`)) })),
  };
}
