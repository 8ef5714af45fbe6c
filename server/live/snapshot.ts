// What a wallboard shows, built from the rollups and the latest queue statuses: each site's day so
// far (or last 24 hours), its queues now, its targets, its feed and its opening state, and the
// network as ratios of summed parts (lib/kpi/definitions.ts). A handful of queries whatever the
// number of sites: sites, interval sums, queue statuses, targets, calendar.
import type { Db } from '@/db/client';
import { localDayBounds, localDayOf } from '@/db/local-time';
import { INTERVAL_MINUTES } from '@/db/queries/ingest/rollups';
import { listTargets } from '@/db/queries/kpis';
import { listLiveSites, sumIntervalsOfDays, sumIntervalsSince, type IntervalSums, type LiveSiteRow } from '@/db/queries/live';
import { listLatestQueueStatus } from '@/db/queries/queue-status';
import { targetResolver, type TargetResolver } from '@/server/kpi/comparison';
import { openingStatesAt, type OpeningState } from '@/server/calendar/opening';
import { isStale } from '@/lib/queue-status/input';
import { latestQueueView } from '@/server/queue-status/service';
import { computeKpis, emptyParts, PART_KEYS, sumParts, type KpiParts } from '@/lib/kpi/definitions';
import { WALLBOARD_TARGET_METRICS, type WallboardDay, type WallboardQueueNow, type WallboardSite, type WallboardSnapshot } from '@/lib/live/wallboard';

/**
 * A feed whose last push (calls, evaluations or queue status) is older than this while the site
 * is open is shown "late" on the wallboard. Sites that push queue status send it every few
 * seconds and calls as they end; a quarter of an hour of silence in opening hours means the
 * site's exporter or link has stopped, while a batch exporter on a 5- or 10-minute cycle stays
 * "live". (The dashboard's daily freshness rule, server/sites/feed-status.ts, is a day.)
 */
export const LIVE_FEED_LATE_MS = 15 * 60_000;

const ROLLING_WINDOW_MS = 24 * 3_600_000;
const INTERVAL_MS = INTERVAL_MINUTES * 60_000;

let lastVersion = 0;
/**
 * Snapshot versions: increasing within a process, and seeded from the clock so that a screen
 * resuming on a restarted server or another instance does not see them go back.
 */
export function nextSnapshotVersion(): number {
  lastVersion = Math.max(lastVersion + 1, Date.now());
  return lastVersion;
}

/** The first interval counted by a rolling 24-hour window: whole intervals since now − 24 h. */
export function rollingWindowStart(now: Date): Date {
  return new Date(Math.ceil((now.getTime() - ROLLING_WINDOW_MS) / INTERVAL_MS) * INTERVAL_MS);
}

/** The call parts of a row of interval sums (the QA parts stay 0: intervals hold calls only). */
function partsOf(sums: IntervalSums | undefined): KpiParts {
  const parts = emptyParts();
  if (!sums) return parts;
  for (const key of PART_KEYS) if (key in sums) parts[key] = sums[key as keyof IntervalSums];
  return parts;
}

function dayOf(parts: KpiParts): WallboardDay {
  const k = computeKpis(parts);
  return {
    offered: k.offered,
    handled: k.handled,
    abandoned: k.abandoned,
    serviceLevel: k.serviceLevel,
    abandonRate: k.abandonRate,
    ahtSeconds: k.ahtSeconds,
    asaSeconds: k.asaSeconds,
  };
}

type QueueRow = Awaited<ReturnType<typeof listLatestQueueStatus>>[number];

/** Sums of the fresh queues; stale ones are listed with `stale: true` and left out of the sums. */
function queueNowOf(rows: readonly QueueRow[], now: Date): WallboardQueueNow {
  const queues = rows.map((r) => latestQueueView(r, now));
  const fresh = rows.filter((r) => !isStale(r.at, now));
  const newest = (list: readonly QueueRow[]) => list.reduce<Date | null>((max, r) => (max === null || r.at > max ? r.at : max), null);
  const at = newest(fresh) ?? newest(rows);
  return {
    waiting: fresh.reduce((s, r) => s + r.waiting, 0),
    longestWaitSeconds: fresh.reduce((m, r) => Math.max(m, r.longestWaitSeconds), 0),
    agentsAvailable: fresh.reduce((s, r) => s + r.agentsAvailable, 0),
    agentsBusy: fresh.reduce((s, r) => s + r.agentsBusy, 0),
    agentsWrapUp: fresh.reduce((s, r) => s + r.agentsWrapUp, 0),
    agentsAway: fresh.reduce((s, r) => s + r.agentsAway, 0),
    at: at ? at.toISOString() : null,
    stale: fresh.length === 0,
    queues,
  };
}

/** The bands that colour a site's tiles: its own target of each metric, else the network's. */
function targetsOf(target: TargetResolver, siteId: number): WallboardSite['targets'] {
  return {
    serviceLevel: target(siteId, WALLBOARD_TARGET_METRICS.serviceLevel),
    abandonRate: target(siteId, WALLBOARD_TARGET_METRICS.abandonRate),
    ahtSeconds: target(siteId, WALLBOARD_TARGET_METRICS.ahtSeconds),
    asaSeconds: target(siteId, WALLBOARD_TARGET_METRICS.asaSeconds),
  };
}

/** A site the calendar does not know of is taken as open (around the clock), never as closed. */
const ALWAYS_OPEN: OpeningState = { open: true, note: null, closesAt: null, opensAt: null };

/**
 * Opening states are kept per site for at most this long, and never past the site's next opening
 * or closing: a site's calendar (65 days of holidays, closures and hours) is the dearest read of a
 * snapshot, and it changes only at those instants or when HQ edits it, which wallboards then show
 * within this delay.
 */
export const OPENING_CACHE_MS = 60_000;

type CachedOpening = { state: OpeningState; from: number; until: number };
const openingCache = new WeakMap<Db, Map<number, CachedOpening>>();

async function openingStates(db: Db, siteIds: readonly number[], now: Date): Promise<Map<number, OpeningState>> {
  let cache = openingCache.get(db);
  if (!cache) openingCache.set(db, (cache = new Map()));
  const at = now.getTime();
  const valid = (c: CachedOpening | undefined): c is CachedOpening => c !== undefined && at >= c.from && at < c.until;
  const missing = siteIds.filter((id) => !valid(cache.get(id)));
  if (missing.length > 0) {
    const fetched = await openingStatesAt(db, missing, now);
    for (const id of missing) {
      const state = fetched.get(id) ?? ALWAYS_OPEN;
      const next = [state.closesAt, state.opensAt].filter((x): x is string => x !== null).map((x) => Date.parse(x));
      cache.set(id, { state, from: at, until: Math.min(at + OPENING_CACHE_MS, ...next) });
    }
  }
  return new Map(siteIds.map((id) => [id, cache.get(id)!.state]));
}

function feedOf(lastPushAt: Date | null, opening: OpeningState, now: Date): WallboardSite['feed'] {
  const at = lastPushAt ? lastPushAt.toISOString() : null;
  if (!opening.open) return { lastPushAt: at, status: 'closed' };
  if (!lastPushAt) return { lastPushAt: null, status: 'never' };
  return { lastPushAt: at, status: now.getTime() - lastPushAt.getTime() > LIVE_FEED_LATE_MS ? 'late' : 'live' };
}

type SiteWindow = { site: LiveSiteRow; localDay: string; rolling: boolean; windowStart: Date };

/**
 * The wallboard of the given sites (null: the whole network, every active site) as of `now`.
 * `today` is each site's local day so far from its 15-minute intervals, or, for a site whose
 * live window is 'rolling24', the whole intervals started since now − 24 h.
 */
export async function buildWallboardSnapshot(db: Db, args: { siteIds: number[] | null; now: Date }): Promise<WallboardSnapshot> {
  const { now } = args;
  const siteRows = await listLiveSites(db, args.siteIds);
  const ids = siteRows.map((s) => s.id);

  const windows: SiteWindow[] = siteRows.map((site) => {
    const localDay = localDayOf(now, site.timezone);
    const rolling = site.liveWindow === 'rolling24';
    return { site, localDay, rolling, windowStart: rolling ? rollingWindowStart(now) : localDayBounds(localDay, site.timezone).start };
  });
  const byDay = windows.filter((w) => !w.rolling);
  const rolling = windows.filter((w) => w.rolling);

  const [daySums, rollingSums, queueRows, targetRows, opening] = await Promise.all([
    sumIntervalsOfDays(
      db,
      byDay.map((w) => ({ siteId: w.site.id, day: w.localDay })),
    ),
    sumIntervalsSince(db, { siteIds: rolling.map((w) => w.site.id), from: rollingWindowStart(now), to: now }),
    listLatestQueueStatus(db, ids),
    listTargets(db),
    openingStates(db, ids, now),
  ]);

  const target = targetResolver(targetRows);
  const sitesOut: WallboardSite[] = [];
  const siteParts: KpiParts[] = [];
  const freshQueues: QueueRow[] = [];
  for (const w of windows) {
    const { site } = w;
    const sums = w.rolling
      ? rollingSums.find((r) => r.siteId === site.id)
      : daySums.find((r) => r.siteId === site.id && r.day === w.localDay);
    const parts = partsOf(sums);
    siteParts.push(parts);
    const queues = queueRows.filter((r) => r.siteId === site.id);
    freshQueues.push(...queues.filter((r) => !isStale(r.at, now)));
    // The feed is whatever the site pushes: calls and evaluations (site_feeds) or queue status.
    const lastQueueAt = queues.reduce<Date | null>((max, r) => (max === null || r.receivedAt > max ? r.receivedAt : max), null);
    const lastPushAt = [site.lastPushAt, lastQueueAt].reduce<Date | null>((max, d) => (d !== null && (max === null || d > max) ? d : max), null);
    const state = opening.get(site.id) ?? ALWAYS_OPEN;
    sitesOut.push({
      code: site.code,
      name: site.name,
      timezone: site.timezone,
      localDay: w.localDay,
      window: w.rolling ? 'rolling24' : 'day',
      windowStart: w.windowStart.toISOString(),
      today: dayOf(parts),
      queueNow: queueNowOf(queues, now),
      targets: targetsOf(target, site.id),
      feed: feedOf(lastPushAt, state, now),
      calendar: { open: state.open, note: state.note, closesAt: state.closesAt, opensAt: state.opensAt },
    });
  }

  const networkQueues = queueNowOf(freshQueues, now);
  return {
    version: nextSnapshotVersion(),
    generatedAt: now.toISOString(),
    siteCodes: args.siteIds === null ? null : sitesOut.map((s) => s.code),
    network: {
      ...dayOf(sumParts(siteParts)),
      waiting: networkQueues.waiting,
      longestWaitSeconds: networkQueues.longestWaitSeconds,
      agentsAvailable: networkQueues.agentsAvailable,
      agentsBusy: networkQueues.agentsBusy,
      agentsWrapUp: networkQueues.agentsWrapUp,
      agentsAway: networkQueues.agentsAway,
    },
    sites: sitesOut,
  };
}
