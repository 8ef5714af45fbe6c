// The breakdowns a site page shows beside the comparison: KPIs per queue (from site_queue_day)
// and QA per category (from the evaluations), both within the caller's site scope.
import type { Db } from '@/db/client';
import { listSitesForKpis, qaByCategory, queueBreakdown, type QaCategorySums } from '@/db/queries/kpis';
import type { QaCategory } from '@/db/schema';
import type { SiteScope } from '@/server/auth/principal';
import { notFound } from '@/server/errors';
import { readsBlind } from '@/server/qa/blind-rescore';
import { computeKpis, emptyParts, type Kpis } from '@/lib/kpi/definitions';
import { categoryPercent } from '@/lib/kpi/qa';
import { mayReadNetworkFigure } from './lead-network';
import { validRange } from './request-range';
import { selectSites } from './site-selection';

export type QueueKpis = { queue: string; calls: number } & Kpis;

/** A site lead asking for another site gets "not found", as on its page. */
export async function buildQueueBreakdown(
  db: Db,
  args: { scope: SiteScope; code: string; from: string; to: string },
): Promise<{ from: string; to: string; site: { code: string; name: string }; queues: QueueKpis[] }> {
  const range = validRange(args.from, args.to);
  const code = args.code.trim().toUpperCase();
  const site = (await listSitesForKpis(db)).find((s) => s.code === code);
  if (!site || (!args.scope.all && args.scope.siteId !== site.id)) throw notFound('Site');
  const rows = await queueBreakdown(db, { siteId: site.id, ...range });
  return {
    ...range,
    site: { code: site.code, name: site.name },
    queues: rows.map(({ queue, ...parts }) => ({ queue, calls: parts.calls, ...computeKpis({ ...emptyParts(), ...parts }) })),
  };
}

export type CategoryScore = {
  category: QaCategory;
  /** Mean criterion score as a percentage of its maximum (0–100); null without scores. */
  meanPercent: number | null;
  scores: number;
  evaluations: number;
};

function categoriesOf(rows: QaCategorySums[]): CategoryScore[] {
  const byCategory = new Map<QaCategory, { percentSum: number; scores: number; evaluations: number }>();
  for (const r of rows) {
    const sum = byCategory.get(r.category) ?? { percentSum: 0, scores: 0, evaluations: 0 };
    byCategory.set(r.category, {
      percentSum: sum.percentSum + r.percentSum,
      scores: sum.scores + r.scores,
      // Evaluations are per site, so summing over sites does not count one twice.
      evaluations: sum.evaluations + r.evaluations,
    });
  }
  return [...byCategory.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, s]) => ({ category, meanPercent: categoryPercent(s.percentSum, s.scores), scores: s.scores, evaluations: s.evaluations }));
}

/** QA per category for each shown site and for the network, pooled over criterion scores. */
export async function buildQaCategories(
  db: Db,
  args: { scope: SiteScope; from: string; to: string; siteCodes?: string[] },
): Promise<{ from: string; to: string; network: CategoryScore[]; sites: { code: string; name: string; categories: CategoryScore[] }[] }> {
  const range = validRange(args.from, args.to);
  const { shown, networkSiteIds } = selectSites(await listSitesForKpis(db), args.scope, args.siteCodes);
  const readIds = [...new Set([...networkSiteIds, ...shown.map((s) => s.id)])];
  // HQ's figures leave out the evaluations it has yet to re-score blind.
  const rows = await qaByCategory(db, { siteIds: readIds, ...range, withoutAwaitingRescore: readsBlind(args.scope) });
  const networkIds = new Set(networkSiteIds);
  return {
    ...range,
    // A lead reads a category's network figure only when three other sites contribute to it.
    network: categoriesOf(rows.filter((r) => networkIds.has(r.siteId))).filter((c) =>
      mayReadNetworkFigure(
        args.scope,
        rows.filter((r) => r.category === c.category && networkIds.has(r.siteId) && r.scores > 0).map((r) => r.siteId),
      ),
    ),
    sites: shown.map((site) => ({
      code: site.code,
      name: site.name,
      categories: categoriesOf(rows.filter((r) => r.siteId === site.id)),
    })),
  };
}
