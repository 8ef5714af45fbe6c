// What contracts measure, per site and site-local day: the KPI parts of the site_day rollup, the
// calls its service level leaves out (offered out of hours at a site whose settings say so, counted
// by the KPI module as the comparison counts them), and the productive hours its daily report gives.
import type { Db } from '@/db/client';
import { dailySeries, type KpiSite } from '@/db/queries/kpis';
import { listProductiveHours } from '@/db/queries/reports';
import { emptyParts, PART_KEYS, type KpiParts, type SlExclusion } from '@/lib/kpi/definitions';
import { daysOf, type DateRange } from '@/lib/kpi/periods';
import type { StatementDay } from '@/lib/contracts/statement';
import type { CostDay } from '@/lib/contracts/range-cost';
import type { SiteScope } from '@/server/auth/principal';
import { outOfHoursBySite, slExclusionOf } from '@/server/kpi/out-of-hours';
import { awaitingRescoreSums, withoutAwaiting } from '@/server/qa/blind-rescore';

type SiteRef = Pick<KpiSite, 'id' | 'timezone' | 'slExcludesOutOfHours'>;

function partsOf(row: Record<string, unknown>): KpiParts {
  const parts = emptyParts();
  for (const key of PART_KEYS) parts[key] = Number(row[key] ?? 0);
  return parts;
}

/** Per site, each day of the range with its parts (zeros on a day without data). */
async function partsByDay(db: Db, siteIds: number[], range: DateRange): Promise<Map<number, Map<string, KpiParts>>> {
  const rows = await dailySeries(db, { siteIds, ...range });
  const found = new Map<number, Map<string, KpiParts>>(siteIds.map((id) => [id, new Map()]));
  for (const row of rows) found.get(row.siteId)?.set(row.day, partsOf(row));
  return found;
}

async function productiveHoursByDay(db: Db, siteIds: number[], range: DateRange): Promise<Map<string, number>> {
  const rows = await listProductiveHours(db, { siteIds, ...range });
  return new Map(rows.map((r) => [`${r.siteId}|${r.day}`, r.productiveHours]));
}

/**
 * Each day's out-of-hours exclusion of the sites that exclude them, read one day at a time as the
 * alerts read theirs (the KPI module sums a range; a statement's periods need its days). Days
 * without an offered call are not asked: they leave nothing out.
 */
async function exclusionsByDay(db: Db, wanted: Map<string, number[]>): Promise<Map<string, SlExclusion | null>> {
  const found = new Map<string, SlExclusion | null>();
  const reads = await Promise.all([...wanted].map(async ([day, ids]) => [day, await outOfHoursBySite(db, ids, { from: day, to: day })] as const));
  for (const [day, bySite] of reads) for (const [siteId, calls] of bySite) found.set(`${siteId}|${day}`, slExclusionOf(calls));
  return found;
}

/**
 * What a statement reads of each site over a range: every day, with its parts, its exclusion and
 * its productive hours. HQ's figures leave out the evaluations it has yet to re-score blind, as
 * every figure HQ reads does (server/qa/blind-rescore.ts); a lead's keep them.
 */
export async function readStatementDays(db: Db, scope: SiteScope, sites: readonly SiteRef[], range: DateRange): Promise<Map<number, StatementDay[]>> {
  const ids = sites.map((s) => s.id);
  const [parts, hours, awaiting] = await Promise.all([partsByDay(db, ids, range), productiveHoursByDay(db, ids, range), awaitingRescoreSums(db, scope, sites)]);
  // The site's setting as it stands now, as the comparison reads it.
  const excluding = new Set(sites.filter((s) => s.slExcludesOutOfHours).map((s) => s.id));
  const days = daysOf(range);
  const wanted = new Map<string, number[]>();
  for (const id of excluding) {
    for (const [day, p] of parts.get(id) ?? []) if (p.offered > 0) wanted.set(day, [...(wanted.get(day) ?? []), id]);
  }
  const exclusions = await exclusionsByDay(db, wanted);
  const found = new Map<number, StatementDay[]>();
  for (const id of ids) {
    const ofSite = parts.get(id)!;
    found.set(
      id,
      days.map((day) => ({
        day,
        parts: withoutAwaiting(ofSite.get(day) ?? emptyParts(), awaiting.onDay(id, day)),
        slExcluded: excluding.has(id) ? (exclusions.get(`${id}|${day}`) ?? { offered: 0, answeredWithinSla: 0 }) : null,
        productiveHours: hours.get(`${id}|${day}`) ?? null,
      })),
    );
  }
  return found;
}

/** What a range's cost reads of each site: handled and resolved calls, handle time and productive hours per day. */
export async function readCostDays(db: Db, siteIds: number[], range: DateRange): Promise<Map<number, CostDay[]>> {
  const [parts, hours] = await Promise.all([partsByDay(db, siteIds, range), productiveHoursByDay(db, siteIds, range)]);
  const days = daysOf(range);
  const found = new Map<number, CostDay[]>();
  for (const id of siteIds) {
    const ofSite = parts.get(id)!;
    found.set(
      id,
      days.map((day) => {
        const p = ofSite.get(day);
        return { day, handled: p?.handled ?? 0, resolved: p?.resolvedTrue ?? 0, handleSeconds: p?.handleSeconds ?? 0, productiveHours: hours.get(`${id}|${day}`) ?? null };
      }),
    );
  }
  return found;
}
