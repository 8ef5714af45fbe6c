// Daily reports of one demo site: staffing, leavers, incidents, highlights and blockers; some
// late, some missing (a lot at one site), most older ones acknowledged by HQ.
import { TZDate } from '@date-fns/tz';
import type { ReportIncident } from '../schema';
import type { DemoDay } from './demo-calls';
import { demoLeadEmail, WEEKDAY_FACTOR, type SiteProfile } from './demo-network';
import type { Random } from './random';

export type DemoReport = {
  day: string;
  scheduledAgents: number;
  presentAgents: number;
  leavers: number;
  incidents: ReportIncident[];
  highlights: string;
  blockers: string;
  /** Hours on the phones or ready for a call (what a per-productive-hour contract bills); null when the day had no handled call. */
  productiveHours: number | null;
  submittedAt: Date;
  submittedBy: string;
  updatedAt: Date;
  acknowledgedAt: Date | null;
  hqComment: string | null;
};

const HQ_REPLIES = [
  'Thanks, noted.',
  'Please send the incident ticket number.',
  'Good work on the backlog.',
  'Can we talk about the staffing gap at the weekly call?',
  'Noted; keep an eye on the hold times.',
];

const UNDERSTAFFED_BLOCKER = 'A third of the team in training for the new client: too few agents on the line, waits far above target';

/** An instant for a site-local date and minute after its midnight (past 1440: the next day). */
export function localInstant(day: string, minute: number, timezone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, minute, 0, timezone).getTime());
}

export type ReportDayFacts = {
  /** Talk, hold and wrap-up seconds of the day's handled calls, by site-local day. */
  handleSecondsByDay?: ReadonlyMap<string, number>;
  /** Days the site ran short of agents. */
  understaffedDays?: ReadonlySet<string>;
  /** The occupancy's own stream, so that the reports' other draws stay what they were. */
  occupancyRandom?: Random;
};

/**
 * Productive hours of a day from the work it handled: handle time over the occupancy (the share of
 * productive time spent on calls, lower when agents wait for calls, higher when they are too few),
 * to the quarter hour as a workforce tool reports them.
 */
export function productiveHoursOf(handleSeconds: number, understaffed: boolean, random: Random): number | null {
  if (handleSeconds <= 0) return null;
  const occupancy = understaffed ? random.float(0.9, 0.95) : random.float(0.74, 0.84);
  return Math.round((handleSeconds / 3600 / occupancy) * 4) / 4;
}

export function generateSiteReports(
  profile: SiteProfile,
  days: readonly DemoDay[],
  outageDays: ReadonlySet<string>,
  deadlineMinute: number,
  nowMs: number,
  random: Random,
  facts: ReportDayFacts = {},
): DemoReport[] {
  const reports: DemoReport[] = [];
  for (const day of days) {
    if (random.chance(profile.reportMissingRate)) continue;
    const late = random.chance(profile.reportLateRate);
    const minute = late ? deadlineMinute + random.int(10, 14 * 60) : deadlineMinute - random.int(15, 150);
    const submittedAt = localInstant(day.key, minute, profile.timezone);
    // A report not yet sent by the time the seed stands for is simply missing.
    if (submittedAt.getTime() >= nowMs) continue;

    const staffing = day.weekday === 0 ? 0.18 : day.weekday === 6 ? 0.5 : 0.82 * Math.min(1.1, WEEKDAY_FACTOR[day.weekday] ?? 1);
    const scheduledAgents = Math.max(3, Math.round(profile.seats * staffing));
    const presentAgents = Math.round(scheduledAgents * random.float(profile.presence[0], profile.presence[1]));
    const leavers = random.chance(profile.attritionRate) ? random.int(1, 2) : 0;
    const understaffed = facts.understaffedDays?.has(day.key) ?? false;

    const incidents: ReportIncident[] = [];
    if (outageDays.has(day.key)) {
      incidents.push({
        category: 'telecom',
        description: 'Operator backbone outage: inbound trunks down, calls rerouted to voicemail',
        minutesLost: random.int(180, 420),
      });
    }
    if (profile.code === 'TNR' && random.chance(0.15)) {
      incidents.push({ category: 'power', description: 'Power cut; generator took over after a few minutes', minutesLost: random.int(8, 35) });
    }
    if (profile.code === 'DKR' && random.chance(0.06)) {
      incidents.push({ category: 'power', description: 'Power cut in the afternoon', minutesLost: random.int(10, 40) });
    }
    if (random.chance(0.04)) {
      incidents.push({ category: 'it', description: 'CRM unavailable', minutesLost: random.int(10, 60) });
    }

    const hasBlocker = incidents.length > 0 || random.chance(0.25);
    const productiveHours = facts.occupancyRandom ? productiveHoursOf(facts.handleSecondsByDay?.get(day.key) ?? 0, understaffed, facts.occupancyRandom) : null;
    const ageDays = (nowMs - submittedAt.getTime()) / 86_400_000;
    const acknowledged = ageDays > 2 && random.chance(0.78);
    const acknowledgedAt = acknowledged
      ? new Date(Math.min(nowMs - 3_600_000, submittedAt.getTime() + random.int(8, 40) * 3_600_000))
      : null;
    const highlights = random.pick(profile.highlights);
    const blocker = hasBlocker ? random.pick(profile.blockers) : '';
    reports.push({
      day: day.key,
      scheduledAgents,
      presentAgents,
      leavers,
      incidents,
      highlights,
      blockers: understaffed ? UNDERSTAFFED_BLOCKER : blocker,
      productiveHours,
      submittedAt,
      submittedBy: demoLeadEmail(profile.code),
      updatedAt: submittedAt,
      acknowledgedAt,
      hqComment: acknowledged && random.chance(0.3) ? random.pick(HQ_REPLIES) : null,
    });
  }
  return reports;
}
