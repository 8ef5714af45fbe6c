// Calls offered while a site was closed by its calendar: counted apart on the site page, and left
// out of the site's service level when its settings say so (sites.sl_excludes_out_of_hours). A
// 15-minute interval is out of hours when it starts outside every opening period of its local day
// (opening hours are kept to the quarter hour, so an interval is wholly in or wholly out).
import type { Db } from '@/db/client';
import { sumSiteDays } from '@/db/queries/kpis';
import type { SiteScope } from '@/server/auth/principal';
import { sumIntervalsOutsideWindows, type OpeningWindow } from '@/db/queries/out-of-hours';
import { minutesOpen } from '@/lib/calendar/hours';
import { openIntervals } from '@/lib/calendar/opening';
import { ratio, type SlExclusion } from '@/lib/kpi/definitions';
import type { DateRange } from '@/lib/kpi/periods';
import { siteCalendarsBetween } from '@/server/calendar/opening';
import { siteInScope } from '@/server/qa/site-access';
import { validRange } from './request-range';

export type OutOfHoursCalls = {
  offered: number;
  handled: number;
  abandoned: number;
  answeredWithinSla: number;
};

const MINUTES_PER_DAY = 1440;

export const NO_OUT_OF_HOURS: OutOfHoursCalls = { offered: 0, handled: 0, abandoned: 0, answeredWithinSla: 0 };

/** A site's out-of-hours calls over a range, and whether its calendar kept it open the whole range. */
export type SiteOutOfHours = OutOfHoursCalls & { alwaysOpen: boolean };

/**
 * Each site's calls offered out of hours from `range.from` to `range.to` (site-local days). Every
 * site asked for is in the map (zeros when it took no call while closed).
 */
export async function outOfHoursBySite(db: Db, siteIds: readonly number[], range: DateRange): Promise<Map<number, SiteOutOfHours>> {
  const found = new Map<number, SiteOutOfHours>(siteIds.map((id) => [id, { ...NO_OUT_OF_HOURS, alwaysOpen: false }]));
  if (siteIds.length === 0) return found;
  const calendars = await siteCalendarsBetween(db, siteIds, range.from, range.to);
  const windows: OpeningWindow[] = [];
  for (const [siteId, { site, days }] of calendars) {
    found.set(siteId, { ...NO_OUT_OF_HOURS, alwaysOpen: days.every((d) => minutesOpen(d.hours) === MINUTES_PER_DAY) });
    // One day at a time: a window belongs to the local day whose intervals it opens.
    for (const day of days) {
      for (const { start, end } of openIntervals([day], site.timezone)) windows.push({ siteId, day: day.date, start, end });
    }
  }
  const sums = await sumIntervalsOutsideWindows(db, { siteIds: [...calendars.keys()], from: range.from, to: range.to, windows });
  for (const { siteId, ...calls } of sums) found.set(siteId, { ...calls, alwaysOpen: found.get(siteId)?.alwaysOpen ?? false });
  return found;
}

/** What a site's service level leaves out, given its out-of-hours calls (counted only for the sites whose settings exclude them). */
export function slExclusionOf(calls: OutOfHoursCalls | undefined): SlExclusion | null {
  return calls ? { offered: calls.offered, answeredWithinSla: calls.answeredWithinSla } : null;
}

/** The site page's out-of-hours figures: the counts, their share of all calls offered, their own service level. */
export type OutOfHoursSummary = OutOfHoursCalls & {
  from: string;
  to: string;
  code: string;
  shareOfOffered: number | null;
  serviceLevel: number | null;
  /** The site's service level leaves these calls out (its calendar settings). */
  excludedFromServiceLevel: boolean;
  /** Open around the clock on every day of the range: no call can be out of hours. */
  alwaysOpen: boolean;
};

/** One site's out-of-hours calls over a range; NOT_FOUND for an unknown code or another site of a lead. */
export async function buildOutOfHours(db: Db, args: { scope: SiteScope; code: string; from: string; to: string }): Promise<OutOfHoursSummary> {
  const range = validRange(args.from, args.to);
  const site = await siteInScope(db, args.scope, args.code);
  const [found, [sums]] = await Promise.all([outOfHoursBySite(db, [site.id], range), sumSiteDays(db, { siteIds: [site.id], ...range })]);
  const { alwaysOpen, ...calls } = found.get(site.id) ?? { ...NO_OUT_OF_HOURS, alwaysOpen: false };
  return {
    ...range,
    code: site.code,
    ...calls,
    shareOfOffered: ratio(calls.offered, sums?.offered ?? 0),
    serviceLevel: ratio(calls.answeredWithinSla, calls.offered),
    excludedFromServiceLevel: site.slExcludesOutOfHours,
    alwaysOpen,
  };
}
