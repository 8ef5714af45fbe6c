// What a contact costs at what quality, per site over a date range (the overview): each site's
// cost under its contract's versions (lib/contracts/range-cost.ts), in its currency and in HQ's,
// its QA score and CSAT from the KPI module, and each site's saving against the reference site.
import { z } from 'zod';
import type { Db } from '@/db/client';
import { listContractVersions } from '@/db/queries/contracts';
import { listSitesForKpis, sumSiteDays, type KpiSite } from '@/db/queries/kpis';
import type { SiteCost, SiteCosts } from '@/lib/contracts/cost-types';
import { monthDays, monthOf } from '@/lib/contracts/periods';
import { rangeCost, savingVsReference, type RangeCost } from '@/lib/contracts/range-cost';
import type { StatementContract } from '@/lib/contracts/statement';
import { computeKpis, emptyParts } from '@/lib/kpi/definitions';
import { shiftDay, type DateRange } from '@/lib/kpi/periods';
import type { SiteScope } from '@/server/auth/principal';
import { validRange } from '@/server/kpi/request-range';
import { selectSites } from '@/server/kpi/site-selection';
import { awaitingRescoreSums, withoutAwaiting } from '@/server/qa/blind-rescore';
import { parseOrThrow } from './issues';
import { ratesFor } from './rates';
import { contractSettings } from './settings';
import { readCostDays } from './site-days';
import { statementContractOf } from './statement';

const siteCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2,8}$/, 'A site code is 2 to 8 letters A–Z.');

export const costsInput = z
  .object({
    from: z.string(),
    to: z.string(),
    site: z.union([siteCode, z.array(siteCode).max(200)]).optional(),
  })
  .strict();
export type CostsInput = z.input<typeof costsInput>;

/** The months a range touches, in order. */
function monthsOf(range: DateRange): string[] {
  const months: string[] = [];
  for (let month = monthOf(range.from); month <= monthOf(range.to); month = monthOf(shiftDay(monthDays(month).to, 1))) months.push(month);
  return months;
}

/**
 * The reference site: the setting's, else the first onshore site (by code) with a contract in
 * force during the range.
 */
function referenceOf(sites: readonly KpiSite[], contracts: ReadonlyMap<number, StatementContract[]>, setting: string | null, range: DateRange): KpiSite | null {
  if (setting !== null) return sites.find((s) => s.code === setting) ?? null;
  return sites.find((s) => s.kind === 'onshore' && (contracts.get(s.id) ?? []).some((c) => c.effectiveFrom <= range.to)) ?? null;
}

/**
 * Costs per site over a range: HQ every active site (or those named), a lead their own. A lead
 * reads neither the reference site's code nor a saving against it: both are another site's figures.
 */
export async function siteCosts(db: Db, scope: SiteScope, input: CostsInput): Promise<SiteCosts> {
  const args = parseOrThrow(costsInput, input);
  const range = validRange(args.from, args.to);
  const allSites = await listSitesForKpis(db);
  const { shown } = selectSites(allSites, scope, args.site === undefined ? [] : Array.isArray(args.site) ? args.site : [args.site]);
  const [settings, versions] = await Promise.all([contractSettings(db), listContractVersions(db, 'all')]);
  const contracts = new Map<number, StatementContract[]>();
  for (const v of versions) contracts.set(v.siteId, [...(contracts.get(v.siteId) ?? []), statementContractOf(v)]);
  const reference = referenceOf(allSites, contracts, settings.referenceSite, range);
  // A lead's costs need no reference's: they are not shown a saving against it.
  const costed = scope.all && reference ? [...new Map([...shown, reference].map((s) => [s.id, s])).values()] : shown;

  const ids = costed.map((s) => s.id);
  const currencies = costed.flatMap((s) => (contracts.get(s.id) ?? []).map((c) => c.currency));
  const [days, rates, sums, awaiting] = await Promise.all([
    readCostDays(db, ids, range),
    ratesFor(db, monthsOf(range), currencies, settings.hqCurrency),
    sumSiteDays(db, { siteIds: shown.map((s) => s.id), ...range }),
    awaitingRescoreSums(db, scope, shown),
  ]);
  const cost = new Map<number, RangeCost>(
    costed.map((s) => [
      s.id,
      rangeCost({ ...range, contracts: contracts.get(s.id) ?? [], days: days.get(s.id) ?? [], rates, hqCurrency: settings.hqCurrency }),
    ]),
  );
  const partsOf = new Map(sums.map(({ siteId, ...parts }) => [siteId, withoutAwaiting(parts, awaiting.inRange(siteId, range.from, range.to))]));
  const referenceCost = reference ? (cost.get(reference.id) ?? null) : null;
  const readsReference = scope.all || (reference !== null && shown.some((s) => s.id === reference.id));

  return {
    ...range,
    hqCurrency: settings.hqCurrency,
    referenceSite: readsReference ? (reference?.code ?? null) : null,
    sites: shown.map((site): SiteCost => {
      const c = cost.get(site.id)!;
      const kpis = computeKpis(partsOf.get(site.id) ?? emptyParts());
      return {
        code: site.code,
        name: site.name,
        kind: site.kind,
        ...c,
        qaScore: kpis.qaScore,
        csat: kpis.csat,
        savingVsReference: scope.all && reference !== null && site.id !== reference.id ? savingVsReference(referenceCost, c) : null,
      };
    }),
  };
}
