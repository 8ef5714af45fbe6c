// The reads of one alert tick, made once for all its rules: rules are grouped by what they read
// (calls or QA per distinct window, live statuses, feeds, reports, missions, calendars), and each
// group is one read over the union of their sites. Site-local days come from TypeScript (the one
// clock), never from SQL.
import type { Db } from '@/db/client';
import { addDays } from '@/db/local-time';
import {
  listAlertSites,
  listQueueDaysOf,
  sumCallsStartedBetween,
  sumQaEvaluatedBetween,
  sumQaOfDays,
  type AlertSite,
  type QueueCallParts,
  type SiteQaSums,
} from '@/db/queries/alert-measures';
import { listTargets } from '@/db/queries/kpis';
import { listLatestQueueStatus } from '@/db/queries/queue-status';
import type { AlertRuleRow } from '@/db/schema';
import { ALERT_METRIC_DEFINITIONS, type AlertMetric } from '@/lib/alerts/metrics';
import type { AlertWindow } from '@/lib/alerts/rule-input';
import { reportDeadline, siteToday } from '@/lib/reports/deadline';
import { openingStatesAt } from '@/server/calendar/opening';
import type { SlExclusion } from '@/lib/kpi/definitions';
import { targetResolver, type TargetResolver } from '@/server/kpi/comparison';
import { outOfHoursBySite, slExclusionOf } from '@/server/kpi/out-of-hours';
import { listMissionProgress } from '@/server/missions/service';
import { reportDaysBySite } from '@/server/reports/compliance';
import { openMsSinceLastPush } from '@/server/sites/feed-status';

type QueueRow = Awaited<ReturnType<typeof listLatestQueueStatus>>[number];
type Period = 'today' | 'yesterday';

/** Rules with the same window share a read: 't60' (trailing minutes), 'today', 'yesterday', 'now'. */
export type WindowKey = string;

export function windowKeyOf(window: AlertWindow | null): WindowKey {
  if (!window) return 'now';
  return 'trailingMinutes' in window ? `t${window.trailingMinutes}` : window.period;
}

export type FeedSilence = { lastPushAt: Date; minutes: number };
export type ReportDue = { day: string; deadline: Date; expected: boolean; missing: boolean };
export type MissionLow = { value: number; projection: number; target: number; detail: string };

export type TickReads = {
  now: Date;
  sites: AlertSite[];
  target: TargetResolver;
  /** The site-local day a period names at `now`. */
  dayOf(site: AlertSite, period: Period): string;
  callsOf(key: WindowKey, siteId: number): QueueCallParts[];
  qaOf(key: WindowKey, siteId: number): SiteQaSums | undefined;
  /**
   * What a site's service level leaves out over a day window (its calls offered out of hours),
   * for a site whose settings say so; null otherwise, and for trailing windows.
   */
  slExclusionOf(key: WindowKey, siteId: number): SlExclusion | null;
  liveOf(siteId: number): QueueRow[];
  feedOf(siteId: number): FeedSilence | null;
  reportOf(siteId: number): ReportDue | null;
  missionOf(siteId: number): MissionLow | null;
  /** Open by its calendar at `now`; null when not read (no rule quiet when closed watches it). */
  openOf(siteId: number): boolean | null;
};

function sitesOfRule(rule: AlertRuleRow, sites: readonly AlertSite[]): AlertSite[] {
  return rule.siteIds.length > 0 ? sites.filter((s) => rule.siteIds.includes(s.id)) : sites.filter((s) => s.active);
}

function addAll<K>(map: Map<K, Set<number>>, key: K, ids: readonly number[]) {
  const set = map.get(key) ?? new Set<number>();
  for (const id of ids) set.add(id);
  map.set(key, set);
}

export async function readForRules(db: Db, rules: readonly AlertRuleRow[], now: Date): Promise<TickReads> {
  const sites = await listAlertSites(db);
  const byId = new Map(sites.map((s) => [s.id, s]));
  const dayOf = (site: AlertSite, period: Period) => (period === 'today' ? siteToday(now, site.timezone) : addDays(siteToday(now, site.timezone), -1));

  // What to read, and for which sites.
  const trailingCalls = new Map<number, Set<number>>();
  const trailingQa = new Map<number, Set<number>>();
  const periodCalls = new Map<Period, Set<number>>();
  const periodQa = new Map<Period, Set<number>>();
  /** Sites whose service level over a day window leaves out the calls offered out of hours. */
  const periodSl = new Map<Period, Set<number>>();
  const live = new Set<number>();
  const feed = new Set<number>();
  const report = new Set<number>();
  const quiet = new Set<number>();
  let missions = false;
  let targets = false;
  for (const rule of rules) {
    const def = ALERT_METRIC_DEFINITIONS[rule.metric as AlertMetric];
    const ids = sitesOfRule(rule, sites).map((s) => s.id);
    if (rule.thresholdTarget) targets = true;
    if (rule.quietWhenClosed) for (const id of ids) quiet.add(id);
    const window = rule.window;
    if (def.source === 'calls' || def.source === 'qa') {
      if (!window) continue;
      const trailing = def.source === 'calls' ? trailingCalls : trailingQa;
      const period = def.source === 'calls' ? periodCalls : periodQa;
      if ('trailingMinutes' in window) addAll(trailing, window.trailingMinutes, ids);
      else {
        addAll(period, window.period, ids);
        if (rule.metric === 'serviceLevel') addAll(periodSl, window.period, ids.filter((id) => byId.get(id)!.slExcludesOutOfHours));
      }
    } else if (def.source === 'live') ids.forEach((id) => live.add(id));
    else if (def.source === 'feed') ids.forEach((id) => feed.add(id));
    else if (def.source === 'report') ids.forEach((id) => report.add(id));
    else missions = true;
  }
  const pairsOf = (periods: Map<Period, Set<number>>) =>
    [...periods].flatMap(([period, ids]) => [...ids].map((siteId) => ({ siteId, day: dayOf(byId.get(siteId)!, period), period })));
  const callPairs = pairsOf(periodCalls);
  const qaPairs = pairsOf(periodQa);
  const sinceOf = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  // One read per distinct local day (sites in zones on either side of midnight have two "todays").
  const slDays = new Map<string, number[]>();
  for (const { siteId, day } of pairsOf(periodSl)) slDays.set(day, [...new Set([...(slDays.get(day) ?? []), siteId])]);

  const [targetRows, opening, trailingCallRows, trailingQaRows, dayCallRows, dayQaRows, liveRows, feeds, reports, missionLows, outOfHours] = await Promise.all([
    targets ? listTargets(db) : Promise.resolve([]),
    quiet.size > 0 ? openingStatesAt(db, [...quiet], now) : Promise.resolve(new Map()),
    Promise.all([...trailingCalls].map(async ([minutes, ids]) => [minutes, await sumCallsStartedBetween(db, { siteIds: [...ids], from: sinceOf(minutes), to: now })] as const)),
    Promise.all([...trailingQa].map(async ([minutes, ids]) => [minutes, await sumQaEvaluatedBetween(db, { siteIds: [...ids], from: sinceOf(minutes), to: now })] as const)),
    listQueueDaysOf(db, callPairs),
    sumQaOfDays(db, qaPairs),
    listLatestQueueStatus(db, [...live]),
    readFeedSilences(
      db,
      sites.filter((s) => feed.has(s.id)),
      now,
    ),
    readReportsDue(
      db,
      sites.filter((s) => report.has(s.id)),
      now,
    ),
    missions ? readMissionLows(db, sites, now) : Promise.resolve(new Map<number, MissionLow>()),
    Promise.all([...slDays].map(async ([day, ids]) => [day, await outOfHoursBySite(db, ids, { from: day, to: day })] as const)),
  ]);

  const calls = new Map<string, QueueCallParts[]>();
  const push = (key: string, row: QueueCallParts) => calls.set(key, [...(calls.get(key) ?? []), row]);
  for (const [minutes, rows] of trailingCallRows) for (const row of rows) push(`t${minutes}|${row.siteId}`, row);
  for (const row of dayCallRows) {
    for (const pair of callPairs) if (pair.siteId === row.siteId && pair.day === row.day) push(`${pair.period}|${row.siteId}`, row);
  }
  const qa = new Map<string, SiteQaSums>();
  for (const [minutes, rows] of trailingQaRows) for (const row of rows) qa.set(`t${minutes}|${row.siteId}`, row);
  for (const row of dayQaRows) {
    for (const pair of qaPairs) if (pair.siteId === row.siteId && pair.day === row.day) qa.set(`${pair.period}|${row.siteId}`, row);
  }
  const target = targetResolver(targetRows);
  const outOfHoursOn = new Map(outOfHours);
  const slExcluded = new Map<string, SlExclusion | null>();
  for (const [period, ids] of periodSl) {
    for (const siteId of ids) slExcluded.set(`${period}|${siteId}`, slExclusionOf(outOfHoursOn.get(dayOf(byId.get(siteId)!, period))?.get(siteId)));
  }

  return {
    now,
    sites,
    target,
    dayOf,
    callsOf: (key, siteId) => calls.get(`${key}|${siteId}`) ?? [],
    qaOf: (key, siteId) => qa.get(`${key}|${siteId}`),
    slExclusionOf: (key, siteId) => slExcluded.get(`${key}|${siteId}`) ?? null,
    liveOf: (siteId) => liveRows.filter((r) => r.siteId === siteId),
    feedOf: (siteId) => feeds.get(siteId) ?? null,
    reportOf: (siteId) => reports.get(siteId) ?? null,
    missionOf: (siteId) => missionLows.get(siteId) ?? null,
    openOf: (siteId) => (opening as Map<number, { open: boolean }>).get(siteId)?.open ?? null,
  };
}

/** Each site's opening minutes since its last accepted push (sites that never pushed are absent). */
async function readFeedSilences(db: Db, sites: readonly AlertSite[], now: Date): Promise<Map<number, FeedSilence>> {
  const pushed = sites.flatMap((s) => (s.lastPushAt ? [{ siteId: s.id, lastPushAt: s.lastPushAt }] : []));
  const openMs = await openMsSinceLastPush(db, pushed, now);
  return new Map(pushed.map((f) => [f.siteId, { lastPushAt: f.lastPushAt, minutes: Math.floor(openMs.get(f.siteId)! / 60_000) }]));
}

/**
 * Each site's latest report day whose deadline has passed (today's once its deadline is past, else
 * yesterday's) and whether its report is missing; a day its calendar keeps closed owes none.
 */
async function readReportsDue(db: Db, sites: readonly AlertSite[], now: Date): Promise<Map<number, ReportDue>> {
  const answer = new Map<number, ReportDue>();
  if (sites.length === 0) return answer;
  const dueDays = sites.map((site) => {
    const today = siteToday(now, site.timezone);
    const todayDeadline = reportDeadline(today, site.reportDeadlineMinute, site.timezone);
    const day = now.getTime() > todayDeadline.getTime() ? today : addDays(today, -1);
    return { site, day, deadline: reportDeadline(day, site.reportDeadlineMinute, site.timezone) };
  });
  const days = dueDays.map((d) => d.day).sort();
  const counted = await reportDaysBySite(db, { siteIds: sites.map((s) => s.id), range: { from: days[0]!, to: days[days.length - 1]! }, now });
  for (const { site, day, deadline } of dueDays) {
    const c = counted.get(site.id);
    const expected = !!c && c.firstDay !== null && day >= c.firstDay && !c.closedDays.has(day);
    // Later days of the range are still due at this site: the latest missing day can only be `day`.
    answer.set(site.id, { day, deadline, expected, missing: expected && c?.lastMissingDay === day });
  }
  return answer;
}

/** Each site's lowest projected completion over its running missions, with the mission named. */
async function readMissionLows(db: Db, sites: readonly AlertSite[], now: Date): Promise<Map<number, MissionLow>> {
  const idOf = new Map(sites.map((s) => [s.code, s.id]));
  const answer = new Map<number, MissionLow>();
  for (const mission of await listMissionProgress(db, { all: true }, now)) {
    for (const s of mission.sites) {
      const siteId = idOf.get(s.code);
      if (siteId === undefined || s.phase !== 'active' || s.projectedCompletion === null || s.projection === null) continue;
      const known = answer.get(siteId);
      if (known && known.value <= s.projectedCompletion) continue;
      answer.set(siteId, {
        value: s.projectedCompletion,
        projection: s.projection,
        target: s.target,
        detail: `${mission.code} (${mission.name}): ${Math.round(s.projection)} projected of a target of ${s.target} by ${mission.endsOn}`,
      });
    }
  }
  return answer;
}
