// The HQ comparison: per-site KPIs over a date range from the site_day rollup, the network row
// from summed parts, change against the previous period of equal length, RAG against targets.
import type { Db } from '@/db/client';
import { listSitesForKpis, listTargets, sumSiteDays, type KpiSite, type TargetRow } from '@/db/queries/kpis';
import type { KpiMetric } from '@/db/schema';
import type { SiteScope } from '@/server/auth/principal';
import {
  changeOf,
  computeKpis,
  emptyParts,
  kpiValue,
  ragOf,
  ROLLUP_METRICS,
  sumParts,
  type KpiParts,
  type Kpis,
  type Rag,
  type RollupMetric,
  type TargetBounds,
} from './definitions';
import { previousRange, type DateRange } from './periods';
import { validRange } from './request-range';
import { selectSites } from './site-selection';

export type MetricGrades = Record<RollupMetric, Rag | null>;
export type MetricChanges = Record<RollupMetric, number | null>;

export type ComparisonNetwork = Kpis & { rag: MetricGrades; changes: MetricChanges };
export type ComparisonSite = Kpis & {
  code: string;
  name: string;
  country: string;
  kind: KpiSite['kind'];
  rag: MetricGrades;
  changes: MetricChanges;
};
export type Comparison = {
  from: string;
  to: string;
  previous: DateRange;
  network: ComparisonNetwork;
  sites: ComparisonSite[];
};

export type ComparisonArgs = { scope: SiteScope; from: string; to: string; siteCodes?: string[] };

/** Targets resolved per site: the site's override when it has one, else the network default. */
export type TargetResolver = (siteId: number | null, metric: KpiMetric) => TargetBounds | null;

export function targetResolver(rows: Pick<TargetRow, 'siteId' | 'metric' | 'green' | 'amber'>[]): TargetResolver {
  const key = (siteId: number | null, metric: KpiMetric) => `${siteId ?? 'network'}:${metric}`;
  const bounds = new Map(rows.map((r) => [key(r.siteId, r.metric), { green: r.green, amber: r.amber }]));
  return (siteId, metric) => (siteId !== null ? bounds.get(key(siteId, metric)) : undefined) ?? bounds.get(key(null, metric)) ?? null;
}

function gradesOf(kpis: Kpis, siteId: number | null, target: TargetResolver): MetricGrades {
  const grades = {} as MetricGrades;
  for (const metric of ROLLUP_METRICS) grades[metric] = ragOf(metric, kpiValue(kpis, metric), target(siteId, metric));
  return grades;
}

function changesOf(current: Kpis, previous: Kpis): MetricChanges {
  const changes = {} as MetricChanges;
  for (const metric of ROLLUP_METRICS) changes[metric] = changeOf(kpiValue(current, metric), kpiValue(previous, metric));
  return changes;
}

export async function buildComparison(db: Db, args: ComparisonArgs): Promise<Comparison> {
  const range = validRange(args.from, args.to);
  const previous = previousRange(range);
  const allSites = await listSitesForKpis(db);
  const { shown, networkSiteIds } = selectSites(allSites, args.scope, args.siteCodes);

  // The network may cover more sites than are shown (a site lead's view): read both sets once.
  const readIds = [...new Set([...networkSiteIds, ...shown.map((s) => s.id)])];
  const [current, before, targetRows] = await Promise.all([
    sumSiteDays(db, { siteIds: readIds, ...range }),
    sumSiteDays(db, { siteIds: readIds, ...previous }),
    listTargets(db),
  ]);
  const partsNow = new Map<number, KpiParts>(current.map(({ siteId, ...parts }) => [siteId, parts]));
  const partsBefore = new Map<number, KpiParts>(before.map(({ siteId, ...parts }) => [siteId, parts]));
  const target = targetResolver(targetRows);

  const sites = shown.map((site): ComparisonSite => {
    const kpis = computeKpis(partsNow.get(site.id) ?? emptyParts());
    const earlier = computeKpis(partsBefore.get(site.id) ?? emptyParts());
    return {
      code: site.code,
      name: site.name,
      country: site.country,
      kind: site.kind,
      ...kpis,
      rag: gradesOf(kpis, site.id, target),
      changes: changesOf(kpis, earlier),
    };
  });

  const networkNow = computeKpis(sumParts(networkSiteIds.map((id) => partsNow.get(id) ?? emptyParts())));
  const networkBefore = computeKpis(sumParts(networkSiteIds.map((id) => partsBefore.get(id) ?? emptyParts())));

  return {
    from: range.from,
    to: range.to,
    previous,
    network: { ...networkNow, rag: gradesOf(networkNow, null, target), changes: changesOf(networkNow, networkBefore) },
    sites,
  };
}
