// KPI targets: reading them within a principal's scope (HQ reads every target; a site lead reads
// the network defaults and their own site's overrides, not another site's), and setting or
// clearing them (HQ), each change audit-logged in the same transaction.
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { deleteTarget, listTargets, upsertTarget } from '@/db/queries/kpis';
import { findSiteByCode } from '@/db/queries/sites';
import type { KpiMetric } from '@/db/schema';
import type { Actor, SiteScope } from '@/server/auth/principal';
import { badRequest, notFound } from '@/server/errors';
import { describeTargetProblem, targetProblems } from '@/lib/kpi/target-bounds';

export type VisibleTarget = { metric: KpiMetric; site: string | null; green: number; amber: number; updatedAt: Date };

export async function listVisibleTargets(db: Db, scope: SiteScope): Promise<VisibleTarget[]> {
  const rows = await listTargets(db);
  return rows
    .filter((r) => r.siteId === null || scope.all || r.siteId === scope.siteId)
    .map((r) => ({ metric: r.metric, site: r.siteCode, green: r.green, amber: r.amber, updatedAt: r.updatedAt }));
}

/** Which target: the network default (site null) or one site's override. */
export type TargetKey = { metric: KpiMetric; site: string | null };

async function siteIdOf(db: Db, code: string | null): Promise<number | null> {
  if (code === null) return null;
  const site = await findSiteByCode(db, code);
  if (!site) throw notFound(`Site ${code}`);
  return site.id;
}

export async function setTarget(db: Db, actor: Actor, input: TargetKey & { green: number; amber: number }): Promise<VisibleTarget> {
  const problems = targetProblems(input.metric, input);
  if (problems.length > 0) throw badRequest(problems.map((p) => describeTargetProblem(input.metric, p)).join('; '));
  return db.transaction(async (tx) => {
    const siteId = await siteIdOf(tx, input.site);
    const { row, previous } = await upsertTarget(tx, { siteId, metric: input.metric, green: input.green, amber: input.amber });
    await insertAudit(tx, {
      ...actor,
      action: 'kpi_target.set',
      entity: 'kpi_target',
      entityId: String(row.id),
      siteId,
      details: {
        metric: input.metric,
        site: input.site,
        green: row.green,
        amber: row.amber,
        previous: previous ? { green: previous.green, amber: previous.amber } : null,
      },
    });
    return { metric: row.metric, site: input.site, green: row.green, amber: row.amber, updatedAt: row.updatedAt };
  });
}

/** Removes a site's override (the network default applies again) or the network default itself. */
export async function clearTarget(db: Db, actor: Actor, input: TargetKey): Promise<{ metric: KpiMetric; site: string | null }> {
  return db.transaction(async (tx) => {
    const siteId = await siteIdOf(tx, input.site);
    const row = await deleteTarget(tx, { siteId, metric: input.metric });
    if (!row) throw notFound(input.site ? `Target for ${input.metric} at ${input.site}` : `Network target for ${input.metric}`);
    await insertAudit(tx, {
      ...actor,
      action: 'kpi_target.clear',
      entity: 'kpi_target',
      entityId: String(row.id),
      siteId,
      details: { metric: input.metric, site: input.site, green: row.green, amber: row.amber },
    });
    return { metric: input.metric, site: input.site };
  });
}
