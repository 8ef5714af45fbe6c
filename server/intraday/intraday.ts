// One site-local day in 15-minute intervals per site, for charts and wallboards: every interval
// of the site's day is listed (96; 92 or 100 on a change of UTC offset), with zeros where no call
// started, so a gap shows as a gap. Ratios come from lib/kpi/definitions.ts (null on a zero
// denominator).
import { dayIntervals, INTERVAL_MINUTES } from '@/db/queries/ingest/rollups';
import { listSiteIntervals, type SiteIntervalRead } from '@/db/queries/intraday';
import { listSitesForKpis } from '@/db/queries/kpis';
import { computeKpis, emptyParts, type KpiParts } from '@/lib/kpi/definitions';
import { INTRADAY_INTERVAL_MINUTES, type Intraday, type IntradayInterval } from '@/lib/kpi/intraday';
import type { SiteScope } from '@/server/auth/principal';
import { selectSites } from '@/server/kpi/site-selection';
import type { Db } from '@/db/client';

if (INTERVAL_MINUTES !== INTRADAY_INTERVAL_MINUTES) throw new Error('site_interval and the intraday view disagree on the interval length');

/** The call parts of a stored interval (the QA parts stay 0: intervals hold calls only). */
export function intervalPartsOf(row: SiteIntervalRead): KpiParts {
  return {
    ...emptyParts(),
    calls: row.calls,
    inboundCalls: row.inboundCalls,
    shortAbandons: row.shortAbandons,
    offered: row.offered,
    handled: row.handled,
    inboundHandled: row.inboundHandled,
    abandoned: row.abandoned,
    handleSeconds: row.handleSeconds,
    inboundHandledWaitSeconds: row.inboundHandledWaitSeconds,
    answeredWithinSla: row.answeredWithinSla,
    resolvedKnown: row.resolvedKnown,
    resolvedTrue: row.resolvedTrue,
    csatResponses: row.csatResponses,
    csatTop2: row.csatTop2,
    csatSum: row.csatSum,
  };
}

function intervalOf(start: Date, parts: KpiParts): IntradayInterval {
  const k = computeKpis(parts);
  return {
    start: start.toISOString(),
    offered: k.offered,
    handled: k.handled,
    abandoned: k.abandoned,
    serviceLevel: k.serviceLevel,
    ahtSeconds: k.ahtSeconds,
    asaSeconds: k.asaSeconds,
  };
}

/**
 * The intervals of `date` (each site's own local day) for the sites asked for: all active sites
 * when none is named (HQ), a lead's own site only (403 for another one), 400 for an unknown code.
 */
export async function buildIntraday(db: Db, args: { scope: SiteScope; date: string; siteCodes: string[] }): Promise<Intraday> {
  const { shown } = selectSites(await listSitesForKpis(db), args.scope, args.siteCodes);
  const rows = await listSiteIntervals(db, { siteIds: shown.map((s) => s.id), day: args.date });
  const bySite = new Map<number, Map<number, SiteIntervalRead>>();
  for (const row of rows) {
    const site = bySite.get(row.siteId) ?? new Map<number, SiteIntervalRead>();
    site.set(row.startsAt.getTime(), row);
    bySite.set(row.siteId, site);
  }
  const step = INTERVAL_MINUTES * 60_000;
  return {
    date: args.date,
    intervalMinutes: INTRADAY_INTERVAL_MINUTES,
    sites: shown.map((site) => {
      const stored = bySite.get(site.id) ?? new Map<number, SiteIntervalRead>();
      const { start, count } = dayIntervals(args.date, site.timezone);
      const intervals: IntradayInterval[] = [];
      for (let i = 0; i < count; i++) {
        const at = start.getTime() + i * step;
        const row = stored.get(at);
        intervals.push(intervalOf(new Date(at), row ? intervalPartsOf(row) : emptyParts()));
      }
      return { code: site.code, intervals };
    }),
  };
}
