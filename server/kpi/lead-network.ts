// A site lead sees the network's figures without other sites' names. With few sites that is not
// enough: with two, the network minus the lead's own site is the other site. A network figure
// reaches a lead only when at least three sites other than their own contribute to it; otherwise
// it is withheld (its parts are zero, its ratios null). HQ reads every site and is never limited.
import type { SiteScope } from '@/server/auth/principal';
import { emptyParts, sumParts, type KpiParts, type Kpis, type PartKey } from '@/lib/kpi/definitions';

export const LEAD_NETWORK_MIN_OTHER_SITES = 3;

/** The figures of a network row that are withheld together. */
export type NetworkFamily = 'calls' | 'qa' | 'reports';

/**
 * Whether a viewer may read a network figure that the sites `contributing` (ids) contribute to:
 * HQ always; a site lead when at least three of them are not the lead's own site.
 */
export function mayReadNetworkFigure(scope: SiteScope, contributing: Iterable<number>): boolean {
  if (scope.all) return true;
  let others = 0;
  for (const id of contributing) if (id !== scope.siteId) others++;
  return others >= LEAD_NETWORK_MIN_OTHER_SITES;
}

const QA_PARTS: readonly PartKey[] = ['qaEvaluations', 'qaScoredEvaluations', 'qaScoreSum'];

/**
 * The network's summed parts as a viewer may read them: the call parts when enough sites had
 * calls, the QA parts when enough had evaluations; what is withheld is zero, and named.
 */
export function networkPartsFor(
  scope: SiteScope,
  networkSiteIds: readonly number[],
  partsOf: (siteId: number) => KpiParts | undefined,
): { parts: KpiParts; withheld: NetworkFamily[] } {
  const parts = sumParts(networkSiteIds.map((id) => partsOf(id) ?? emptyParts()));
  if (scope.all) return { parts, withheld: [] };
  const withCalls = networkSiteIds.filter((id) => (partsOf(id)?.calls ?? 0) > 0);
  const withEvaluations = networkSiteIds.filter((id) => (partsOf(id)?.qaEvaluations ?? 0) > 0);
  const withheld: NetworkFamily[] = [];
  const shown = { ...parts };
  if (!mayReadNetworkFigure(scope, withCalls)) {
    withheld.push('calls');
    for (const key of Object.keys(shown) as PartKey[]) if (!QA_PARTS.includes(key)) shown[key] = 0;
  }
  if (!mayReadNetworkFigure(scope, withEvaluations)) {
    withheld.push('qa');
    for (const key of QA_PARTS) shown[key] = 0;
  }
  return { parts: shown, withheld };
}

const CALL_COUNTS = ['offered', 'handled', 'abandoned', 'csatResponses'] as const;

/**
 * The network row as REST answers it: the counts of a withheld family are null rather than 0,
 * so that a BI tool does not read "no calls" (its ratios are null already).
 */
export function restNetworkOf<N extends Pick<Kpis, (typeof CALL_COUNTS)[number] | 'qaEvaluations'> & { withheld: NetworkFamily[] }>(network: N) {
  const counts: Partial<Record<(typeof CALL_COUNTS)[number] | 'qaEvaluations', null>> = {};
  if (network.withheld.includes('calls')) for (const key of CALL_COUNTS) counts[key] = null;
  if (network.withheld.includes('qa')) counts.qaEvaluations = null;
  return { ...network, ...counts };
}
