// Coaching coverage and time to close (DESIGN "Agents", docs/coaching.md), pure. A flag is an
// (agent, site-local ISO week) in which findOutliers flagged the agent on at least one metric,
// against that week's distribution of the site's agents. It is covered when a session for that
// agent was opened on a site-local day from the week's Monday to 14 days after its Sunday.
import { shiftDay } from '@/lib/kpi/periods';
import { findOutliers, median, type AgentFigures, type OutlierFlag } from './outliers';

/** Days after the flagged week's Sunday within which a session still covers the flag. */
export const COVERAGE_GRACE_DAYS = 14;

export type WeekFlag = { agentRef: string; weekStart: string; flags: OutlierFlag[] };
export type SessionOpening = { agentRef: string; openedDay: string };

/** The last day a session may be opened on to cover a flag of the week starting weekStart. */
export function coverageWindowEnd(weekStart: string): string {
  return shiftDay(weekStart, 6 + COVERAGE_GRACE_DAYS);
}

/** The flagged (agent, week) pairs, each week judged against its own agents only. */
export function weeklyFlags(weeks: readonly { weekStart: string; agents: readonly AgentFigures[] }[]): WeekFlag[] {
  const out: WeekFlag[] = [];
  for (const week of weeks) {
    for (const [agentRef, flags] of findOutliers(week.agents)) if (flags.length > 0) out.push({ agentRef, weekStart: week.weekStart, flags });
  }
  return out.sort((a, b) => a.weekStart.localeCompare(b.weekStart) || a.agentRef.localeCompare(b.agentRef));
}

export type FlagCoverage = { agentRef: string; weekStart: string; state: 'covered' | 'pending' | 'missed' };
export type Coverage = { flags: number; covered: number; pending: number; missed: number; coverage: number | null; items: FlagCoverage[] };

/**
 * covered / (flags − pending): a flag not yet covered whose window has not ended (today is on or
 * before its last day) is pending and counts on neither side; null when nothing is left to count.
 */
export function coachingCoverage(flags: readonly { agentRef: string; weekStart: string }[], openings: readonly SessionOpening[], today: string): Coverage {
  const daysByAgent = new Map<string, string[]>();
  for (const o of openings) daysByAgent.set(o.agentRef, [...(daysByAgent.get(o.agentRef) ?? []), o.openedDay]);
  const items = flags.map((f): FlagCoverage => {
    const end = coverageWindowEnd(f.weekStart);
    const covered = (daysByAgent.get(f.agentRef) ?? []).some((d) => d >= f.weekStart && d <= end);
    return { agentRef: f.agentRef, weekStart: f.weekStart, state: covered ? 'covered' : today <= end ? 'pending' : 'missed' };
  });
  const covered = items.filter((i) => i.state === 'covered').length;
  const pending = items.filter((i) => i.state === 'pending').length;
  const judged = items.length - pending;
  return { flags: items.length, covered, pending, missed: judged - covered, coverage: judged === 0 ? null : covered / judged, items };
}

const DAY_MS = 86_400_000;

export type TimeToClose = { closed: number; medianDays: number | null; meanDays: number | null };

/** Days from opening to closing of the sessions closed done (the caller keeps those closed in the period). */
export function timeToClose(sessions: readonly { openedAt: Date; closedAt: Date }[]): TimeToClose {
  const days = sessions.map((s) => (s.closedAt.getTime() - s.openedAt.getTime()) / DAY_MS);
  if (days.length === 0) return { closed: 0, medianDays: null, meanDays: null };
  return { closed: days.length, medianDays: median(days), meanDays: days.reduce((a, b) => a + b, 0) / days.length };
}

/** Open sessions, and those of them whose due date (site-local) is before today. */
export function openAndOverdue(sessions: readonly { status: string; dueDate: string }[], today: string): { open: number; overdue: number } {
  const open = sessions.filter((s) => s.status === 'open');
  return { open: open.length, overdue: open.filter((s) => s.dueDate < today).length };
}
