// When a site's daily report is due, and what a day's report status is. Pure: the instant "now"
// is given, and every date is the site's own local date in its own time zone.
//
// A report for site-local day D is due at D + the site's deadline minute, site-local time. One
// first submitted by then is on time, one first submitted later is late (amending it afterwards
// does not make it late); a day without a report is pending until the deadline and missing after.
import { TZDate } from '@date-fns/tz';
import { todayIn } from '@/lib/kpi/periods';

export type ReportTimeliness = 'on_time' | 'late';
/** `closed`: no report is owed, the site's calendar keeps it closed that day (and none was filed). */
export type ReportDayStatus = ReportTimeliness | 'pending' | 'missing' | 'closed';

// A year of days for a score of sites is thousands of deadlines per comparison, each a few dozen
// microseconds of Intl work: they are kept, a bounded number of them.
const MAX_CACHED = 50_000;
const deadlines = new Map<string, number>();

/** The instant a report for the site-local date `day` is due. */
export function reportDeadline(day: string, deadlineMinute: number, timezone: string): Date {
  const key = `${timezone}|${deadlineMinute}|${day}`;
  const cached = deadlines.get(key);
  if (cached !== undefined) return new Date(cached);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // A local time that a DST change skips is read as the instant just after the gap (as PostgreSQL does).
  const ms = new TZDate(y, m - 1, d, Math.floor(deadlineMinute / 60), deadlineMinute % 60, 0, 0, timezone).getTime();
  if (deadlines.size >= MAX_CACHED) deadlines.clear();
  deadlines.set(key, ms);
  return new Date(ms);
}

/** The site's own local date at an instant. */
export function siteToday(now: Date, timezone: string): string {
  return todayIn(now, timezone);
}

export function timelinessOf(submittedAt: Date, deadline: Date): ReportTimeliness {
  return submittedAt.getTime() <= deadline.getTime() ? 'on_time' : 'late';
}

export function dayStatus(submittedAt: Date | null, deadline: Date, now: Date, expected = true): ReportDayStatus {
  if (submittedAt) return timelinessOf(submittedAt, deadline);
  if (!expected) return 'closed';
  return now.getTime() > deadline.getTime() ? 'missing' : 'pending';
}

/** Missing and late first, then what is still due, then what is in on time, then the sites closed that day. */
export const STATUS_ORDER: Record<ReportDayStatus, number> = { missing: 0, late: 1, pending: 2, on_time: 3, closed: 4 };
