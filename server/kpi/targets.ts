// Reading KPI targets within a principal's scope: HQ reads every target; a site lead reads the
// network defaults and their own site's overrides, not another site's.
import type { Db } from '@/db/client';
import { listTargets } from '@/db/queries/kpis';
import type { KpiMetric } from '@/db/schema';
import type { SiteScope } from '@/server/auth/principal';

export type VisibleTarget = { metric: KpiMetric; site: string | null; green: number; amber: number; updatedAt: Date };

export async function listVisibleTargets(db: Db, scope: SiteScope): Promise<VisibleTarget[]> {
  const rows = await listTargets(db);
  return rows
    .filter((r) => r.siteId === null || scope.all || r.siteId === scope.siteId)
    .map((r) => ({ metric: r.metric, site: r.siteCode, green: r.green, amber: r.amber, updatedAt: r.updatedAt }));
}
