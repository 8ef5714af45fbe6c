// Mission progress from achieved counts: completion, pace, projection and status per site and
// for the sites together. Pure: "now" is given, and each site's days are its own local dates.
//
// Elapsed time is counted in complete site-local days: the days of the window before the site's
// today. Before the window and on its first day nothing has elapsed (pace unknown); once the
// window's last day is over the whole window has elapsed (fraction 1, projection = achieved).
// Calls of the current day still count in achieved: the pace shown during a day is therefore a
// little generous, never harsh, and it settles once the day is complete.
//
// Pace and projection count working days of the site's calendar: a day it was closed (a public
// holiday, a closure, a day without opening hours) is neither elapsed nor part of the window, so
// a holiday does not put a site behind and the projection spreads the rate over the days left open.
import {
  elapsedShare,
  missionCompletion,
  missionPace,
  missionProjection,
  networkMissionPace,
  paceStatus,
  type PaceStatus,
} from '@/lib/kpi/definitions';
import { rangeLength, shiftDay, todayIn } from '@/lib/kpi/periods';

export type MissionWindow = { startsOn: string; endsOn: string };
export type WindowPhase = 'upcoming' | 'active' | 'ended';

export function windowDays(window: MissionWindow): number {
  return rangeLength({ from: window.startsOn, to: window.endsOn });
}

/** Complete days of the window before `today` (a site-local date), between 0 and the window's length. */
export function elapsedDays(window: MissionWindow, today: string): number {
  if (today <= window.startsOn) return 0;
  const beforeToday = rangeLength({ from: window.startsOn, to: today }) - 1;
  return Math.min(beforeToday, windowDays(window));
}

/** Working days of the window (those not in `closedDays`), all of them or those before `today`. */
export function workingDaysOf(window: MissionWindow, closedDays: ReadonlySet<string>, today?: string): number {
  const counted = today === undefined ? windowDays(window) : elapsedDays(window, today);
  let working = 0;
  for (let i = 0; i < counted; i++) if (!closedDays.has(shiftDay(window.startsOn, i))) working += 1;
  return working;
}

export function phaseOn(window: MissionWindow, today: string): WindowPhase {
  if (today < window.startsOn) return 'upcoming';
  if (today > window.endsOn) return 'ended';
  return 'active';
}

/** `closedDays`: the days of the window the site's calendar keeps it closed. */
export type SiteTarget = { code: string; name: string; timezone: string; target: number; achieved: number; closedDays: ReadonlySet<string> };

export type SiteProgress = {
  code: string;
  name: string;
  target: number;
  achieved: number;
  /** achieved / target, 0–1 and beyond. */
  completion: number | null;
  /** completion / elapsed fraction; null until a complete day has elapsed. */
  pace: number | null;
  /** The end figure if the rate so far holds. */
  projection: number | null;
  projectedCompletion: number | null;
  status: PaceStatus | null;
  phase: WindowPhase;
  /** The site's own local date at the instant the figures were computed. */
  today: string;
  /** Calendar days of the window complete at the site, and the window's length. */
  elapsedDays: number;
  windowDays: number;
  /** The same in working days of the site's calendar: what pace and projection count. */
  workingDaysElapsed: number;
  workingDays: number;
};

export function siteProgress(window: MissionWindow, site: SiteTarget, now: Date): SiteProgress {
  const today = todayIn(now, site.timezone);
  const working = workingDaysOf(window, site.closedDays);
  const workingElapsed = workingDaysOf(window, site.closedDays, today);
  const completion = missionCompletion(site.achieved, site.target);
  const pace = missionPace(completion, elapsedShare({ elapsedDays: workingElapsed, windowDays: working }) ?? 0);
  const projection = missionProjection(site.achieved, workingElapsed, working);
  return {
    code: site.code,
    name: site.name,
    target: site.target,
    achieved: site.achieved,
    completion,
    pace,
    projection,
    projectedCompletion: projection === null ? null : missionCompletion(projection, site.target),
    status: paceStatus(pace),
    phase: phaseOn(window, today),
    today,
    elapsedDays: elapsedDays(window, today),
    windowDays: windowDays(window),
    workingDaysElapsed: workingElapsed,
    workingDays: working,
  };
}

export type OverallProgress = {
  target: number;
  achieved: number;
  completion: number | null;
  pace: number | null;
  projection: number | null;
  projectedCompletion: number | null;
  status: PaceStatus | null;
  phase: WindowPhase;
};

/**
 * The sites together, from sums: completion = Σ achieved / Σ target, and pace = Σ achieved over
 * what the targets called for by now, Σ(target × elapsed fraction in working days), so sites in
 * time zones a day apart, or with other holidays, each weigh with their own elapsed share and a
 * big target weighs more than a small one.
 */
export function overallProgress(sites: SiteProgress[]): OverallProgress {
  const target = sites.reduce((sum, s) => sum + s.target, 0);
  const achieved = sites.reduce((sum, s) => sum + s.achieved, 0);
  const completion = missionCompletion(achieved, target);
  const pace = networkMissionPace(sites.map((s) => ({ ...s, elapsedDays: s.workingDaysElapsed, windowDays: s.workingDays })));
  const projection = sites.length > 0 && sites.every((s) => s.projection !== null) ? sites.reduce((sum, s) => sum + (s.projection ?? 0), 0) : null;
  return {
    target,
    achieved,
    completion,
    pace,
    projection,
    projectedCompletion: projection === null ? null : missionCompletion(projection, target),
    status: paceStatus(pace),
    phase: combinedPhase(sites.map((s) => s.phase)),
  };
}

/** Upcoming until any site has started, ended once every site has ended. */
export function combinedPhase(phases: WindowPhase[]): WindowPhase {
  if (phases.length === 0) return 'upcoming';
  if (phases.every((p) => p === 'upcoming')) return 'upcoming';
  if (phases.every((p) => p === 'ended')) return 'ended';
  return 'active';
}

/**
 * Cumulative achieved at the end of each window day, from per-day counts, up to and including
 * `today` (a site-local date) and never past the window; later days are absent.
 */
export function cumulativeByDay(window: MissionWindow, daily: { day: string; calls: number }[], today: string): number[] {
  const perDay = new Map<string, number>();
  for (const row of daily) perDay.set(row.day, (perDay.get(row.day) ?? 0) + row.calls);
  const last = today < window.endsOn ? today : window.endsOn;
  if (last < window.startsOn) return [];
  const length = rangeLength({ from: window.startsOn, to: last });
  const series: number[] = [];
  let running = 0;
  for (let i = 0; i < length; i++) {
    running += perDay.get(shiftDay(window.startsOn, i)) ?? 0;
    series.push(running);
  }
  return series;
}
