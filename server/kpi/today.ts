// The "Today" range of the overview and the site page: each site's own local day so far, from the
// 15-minute interval rollups, against the same weekday a week before up to the same local clock
// time; calls waiting, longest wait and agents by state from the sites' latest queue status.
// Figures come from lib/kpi/definitions.ts like every other view's.
import { calendarTodaysAt, type CalendarToday } from '@/server/calendar/opening';
import { TZDate } from '@date-fns/tz';
import type { Db } from '@/db/client';
import { addDays, localDayOf } from '@/db/local-time';
import { dayIntervals, INTERVAL_MINUTES } from '@/db/queries/ingest/rollups';
import { listSiteIntervalsOfDays, type SiteIntervalRead } from '@/db/queries/intraday';
import { listSitesForKpis, listTargets, type KpiSite } from '@/db/queries/kpis';
import { listLatestQueueStatus } from '@/db/queries/queue-status';
import type { SiteScope } from '@/server/auth/principal';
import { intervalPartsOf } from '@/server/intraday/intraday';
import { isStale } from '@/lib/queue-status/input';
import { latestQueueView } from '@/server/queue-status/service';
import { computeKpis, emptyParts, sumParts, type KpiParts, type Kpis, type TargetBounds } from '@/lib/kpi/definitions';
import { changesOf, gradesOf, targetResolver, type MetricChanges, type MetricGrades } from './comparison';
import { networkPartsFor, type NetworkFamily } from './lead-network';
import { selectSites } from './site-selection';

const INTERVAL_MS = INTERVAL_MINUTES * 60_000;

/** Where a site is in its day, and the instant of the same local clock time a week before. */
export type TodayWindow = {
  /** The site-local day of now (YYYY-MM-DD). */
  localDay: string;
  /** The same weekday a week before. */
  lastWeekDay: string;
  /** The site-local clock time of now, HH:MM. */
  localTime: string;
  /** The instant of that local clock time on lastWeekDay: both days count the intervals started by then. */
  lastWeekUntil: Date;
};

/**
 * Today and last week compared by local clock time, not by elapsed hours: on the morning after a
 * change to summer time, 10:00 today is set against 10:00 a week before, though one hour fewer
 * has passed since midnight. A local time that did not exist a week before (inside a skipped hour)
 * resolves to the instant just after the gap.
 */
export function todayWindow(now: Date, timezone: string): TodayWindow {
  const local = new TZDate(now.getTime(), timezone);
  const localDay = localDayOf(now, timezone);
  const lastWeekDay = addDays(localDay, -7);
  const [y, m, d] = lastWeekDay.split('-').map(Number) as [number, number, number];
  const lastWeekUntil = new Date(
    new TZDate(y, m - 1, d, local.getHours(), local.getMinutes(), local.getSeconds(), local.getMilliseconds(), timezone).getTime(),
  );
  const localTime = `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
  return { localDay, lastWeekDay, localTime, lastWeekUntil };
}

/** Calls waiting and agents by state now, from the latest status of each of the site's queues. */
export type QueueNow = {
  waiting: number;
  longestWaitSeconds: number;
  agentsAvailable: number;
  agentsBusy: number;
  agentsWrapUp: number;
  agentsAway: number;
  /** The newest status counted (ISO). */
  at: string;
  /**
   * No queue has a status of the last two minutes: the figures are the last known ones (every
   * queue's), shown as stale, never as zero.
   */
  stale: boolean;
  /** Queues left out of the sums because their status is stale while others are fresh. */
  staleQueues: number;
  queues: ReturnType<typeof latestQueueView>[];
};

type QueueRow = Awaited<ReturnType<typeof listLatestQueueStatus>>[number];

/** The site's queues now; null when the site never pushed a status (nothing is invented). */
export function queueNowOf(rows: readonly QueueRow[], now: Date): QueueNow | null {
  if (rows.length === 0) return null;
  const fresh = rows.filter((r) => !isStale(r.at, now));
  const counted = fresh.length > 0 ? fresh : rows;
  const newest = counted.reduce((max, r) => (r.at > max ? r.at : max), counted[0]!.at);
  const sum = (pick: (r: QueueRow) => number) => counted.reduce((s, r) => s + pick(r), 0);
  return {
    waiting: sum((r) => r.waiting),
    longestWaitSeconds: counted.reduce((m, r) => Math.max(m, r.longestWaitSeconds), 0),
    agentsAvailable: sum((r) => r.agentsAvailable),
    agentsBusy: sum((r) => r.agentsBusy),
    agentsWrapUp: sum((r) => r.agentsWrapUp),
    agentsAway: sum((r) => r.agentsAway),
    at: newest.toISOString(),
    stale: fresh.length === 0,
    staleQueues: fresh.length > 0 ? rows.length - fresh.length : 0,
    queues: rows.map((r) => latestQueueView(r, now)),
  };
}

type Compared = {
  parts: KpiParts;
  /** The same figures a week before, up to the same local time. */
  before: Kpis;
  changes: MetricChanges;
  rag: MetricGrades;
};

export type TodaySite = Kpis &
  Compared & {
    code: string;
    name: string;
    timezone: string;
    slaSeconds: number;
    localDay: string;
    localTime: string;
    lastWeekDay: string;
    lastWeekUntil: string;
    queueNow: QueueNow | null;
    /** The site's today by its calendar ("closed today", "holiday: …"); null for an unknown site. */
    calendarToday: CalendarToday | null;
  };

export type TodayNetwork = Kpis & Compared & { siteCount: number; withheld: NetworkFamily[] };

export type Today = { now: string; intervalMinutes: number; network: TodayNetwork; sites: TodaySite[] };

type SiteRead = {
  site: KpiSite;
  window: TodayWindow;
  today: SiteIntervalRead[];
  /** Last week's intervals started by the same local time (the one then in progress counted whole). */
  lastWeek: SiteIntervalRead[];
  /** Last week's whole day, the chart's reference line. */
  lastWeekWholeDay: SiteIntervalRead[];
};

/** The intervals of each site's local today started by now, and of last week started by the same local time. */
async function readSites(db: Db, sites: readonly KpiSite[], now: Date): Promise<SiteRead[]> {
  const windows = sites.map((site) => ({ site, window: todayWindow(now, site.timezone) }));
  const rows = await listSiteIntervalsOfDays(
    db,
    windows.flatMap(({ site, window }) => [
      { siteId: site.id, day: window.localDay },
      { siteId: site.id, day: window.lastWeekDay },
    ]),
  );
  return windows.map(({ site, window }) => {
    const lastWeekWholeDay = rows.filter((r) => r.siteId === site.id && r.day === window.lastWeekDay);
    return {
      site,
      window,
      today: rows.filter((r) => r.siteId === site.id && r.day === window.localDay && r.startsAt.getTime() <= now.getTime()),
      lastWeek: lastWeekWholeDay.filter((r) => r.startsAt.getTime() <= window.lastWeekUntil.getTime()),
      lastWeekWholeDay,
    };
  });
}

const sumIntervals = (rows: readonly SiteIntervalRead[]) => sumParts(rows.map(intervalPartsOf));

/**
 * Today for the sites the caller may read (all active sites for HQ when none is named, a lead's
 * own site: another code is FORBIDDEN), with the network over the same sites as the comparison's
 * (a lead's network figures follow lead-network.ts).
 */
export async function buildToday(db: Db, args: { scope: SiteScope; siteCodes: string[]; now: Date }): Promise<Today> {
  return (await todayOf(db, args)).today;
}

async function todayOf(
  db: Db,
  args: { scope: SiteScope; siteCodes: string[]; now: Date },
): Promise<{ today: Today; reads: SiteRead[]; target: ReturnType<typeof targetResolver> }> {
  const allSites = await listSitesForKpis(db);
  const { shown, networkSiteIds } = selectSites(allSites, args.scope, args.siteCodes);
  const readIds = new Set([...networkSiteIds, ...shown.map((s) => s.id)]);
  const [reads, queueRows, targetRows, calendarTodays] = await Promise.all([
    readSites(
      db,
      allSites.filter((s) => readIds.has(s.id)),
      args.now,
    ),
    listLatestQueueStatus(
      db,
      shown.map((s) => s.id),
    ),
    listTargets(db),
    calendarTodaysAt(
      db,
      shown.map((s) => s.id),
      args.now,
    ),
  ]);
  const target = targetResolver(targetRows);
  const partsNow = new Map(reads.map((r) => [r.site.id, sumIntervals(r.today)]));
  const partsBefore = new Map(reads.map((r) => [r.site.id, sumIntervals(r.lastWeek)]));
  const compared = (parts: KpiParts, earlier: KpiParts, siteId: number | null): Kpis & Compared => {
    const kpis = computeKpis(parts);
    const before = computeKpis(earlier);
    return { ...kpis, parts, before, changes: changesOf(kpis, before), rag: gradesOf(kpis, siteId, target) };
  };

  const sites = shown.map((site): TodaySite => {
    const { window } = reads.find((r) => r.site.id === site.id)!;
    return {
      code: site.code,
      name: site.name,
      timezone: site.timezone,
      slaSeconds: site.slaSeconds,
      localDay: window.localDay,
      localTime: window.localTime,
      lastWeekDay: window.lastWeekDay,
      lastWeekUntil: window.lastWeekUntil.toISOString(),
      ...compared(partsNow.get(site.id) ?? emptyParts(), partsBefore.get(site.id) ?? emptyParts(), site.id),
      queueNow: queueNowOf(
        queueRows.filter((r) => r.siteId === site.id),
        args.now,
      ),
      calendarToday: calendarTodays.get(site.id) ?? null,
    };
  });

  const { parts: networkNow, withheld } = networkPartsFor(args.scope, networkSiteIds, (id) => partsNow.get(id));
  const networkBefore = networkPartsFor(args.scope, networkSiteIds, (id) => partsBefore.get(id)).parts;
  const today: Today = {
    now: args.now.toISOString(),
    intervalMinutes: INTERVAL_MINUTES,
    network: { ...compared(networkNow, networkBefore, null), siteCount: networkSiteIds.length, withheld },
    sites,
  };
  return { today, reads, target };
}

/** One interval of a site's today beside the interval at the same local time a week before. */
export type TodayInterval = {
  start: string;
  /** Local clock time of the interval's start, HH:MM. */
  localTime: string;
  /** Null for an interval that has not started yet (nothing to draw, not zero). */
  offered: number | null;
  serviceLevel: number | null;
  lastWeekOffered: number;
  lastWeekServiceLevel: number | null;
};

export type SiteToday = {
  site: TodaySite;
  intervals: TodayInterval[];
  /** The site's service-level target (its own, else the network's); null when none is set. */
  serviceLevelTarget: TargetBounds | null;
};

const clockOf = (at: Date, timezone: string) => {
  const local = new TZDate(at.getTime(), timezone);
  return `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
};

/**
 * A site's today in intervals for the site page's chart: every interval of its local day (92, 96
 * or 100), last week's matched by local clock time. FORBIDDEN for a lead asking for another site.
 */
export async function buildSiteToday(db: Db, args: { scope: SiteScope; code: string; now: Date }): Promise<SiteToday> {
  const { today, reads, target } = await todayOf(db, { scope: args.scope, siteCodes: [args.code], now: args.now });
  const shownSite = today.sites[0]!;
  const read = reads.find((r) => r.site.code === shownSite.code)!;
  const { site } = read;
  const lastWeekByClock = new Map<string, SiteIntervalRead>();
  // On a day that repeats an hour, the first of two intervals with the same clock time is matched.
  for (const row of read.lastWeekWholeDay) {
    const clock = clockOf(row.startsAt, site.timezone);
    if (!lastWeekByClock.has(clock)) lastWeekByClock.set(clock, row);
  }
  const todayByStart = new Map(read.today.map((r) => [r.startsAt.getTime(), r]));
  const { start, count } = dayIntervals(read.window.localDay, site.timezone);
  const intervals: TodayInterval[] = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(start.getTime() + i * INTERVAL_MS);
    const clock = clockOf(at, site.timezone);
    const started = at.getTime() <= args.now.getTime();
    const stored = todayByStart.get(at.getTime());
    const now = computeKpis(stored ? intervalPartsOf(stored) : emptyParts());
    const earlierRow = lastWeekByClock.get(clock);
    const earlier = computeKpis(earlierRow ? intervalPartsOf(earlierRow) : emptyParts());
    intervals.push({
      start: at.toISOString(),
      localTime: clock,
      offered: started ? now.offered : null,
      serviceLevel: started ? now.serviceLevel : null,
      lastWeekOffered: earlier.offered,
      lastWeekServiceLevel: earlier.serviceLevel,
    });
  }
  return { site: shownSite, intervals, serviceLevelTarget: target(site.id, 'service_level') };
}
