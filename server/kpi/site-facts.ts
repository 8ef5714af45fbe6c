// The facts a site page opens with: who the site is (country, time zone, kind, languages, seats,
// SLA, report deadline) and how fresh each of its feeds is. A site lead asking for another site,
// or anyone asking for an unknown code, gets "not found": the page answers 404 either way.
import type { Db } from '@/db/client';
import { findSiteFacts } from '@/db/queries/kpis';
import type { SiteScope } from '@/server/auth/principal';
import { notFound } from '@/server/errors';
import { feedStatusesAt, type FeedStatus } from '@/server/sites/feed-status';
import { calendarTodaysAt, type CalendarToday } from '@/server/calendar/opening';
import { freshnessSeconds } from '@/lib/kpi/definitions';
import { todayIn } from '@/lib/kpi/periods';

export type SiteFacts = {
  code: string;
  name: string;
  country: string;
  timezone: string;
  languages: string[];
  kind: 'onshore' | 'nearshore' | 'offshore';
  seats: number;
  slaSeconds: number;
  /** Minutes after site-local midnight by which the daily report is due. */
  reportDeadlineMinute: number;
  active: boolean;
  /** The site's own calendar date now, YYYY-MM-DD. */
  localToday: string;
  /** What the site's calendar makes of its today (holiday, closure, special hours) and whether it is open now. */
  calendarToday: CalendarToday | null;
  feed: {
    lastPushAt: Date | null;
    lastCallPushAt: Date | null;
    lastEvaluationPushAt: Date | null;
    freshnessSeconds: number | null;
    status: FeedStatus;
  };
};

export async function buildSiteFacts(db: Db, args: { scope: SiteScope; code: string; now: Date }): Promise<SiteFacts> {
  const row = await findSiteFacts(db, args.code.trim().toUpperCase());
  if (!row || (!args.scope.all && args.scope.siteId !== row.id)) throw notFound('Site');
  const { id, lastPushAt, lastCallPushAt, lastEvaluationPushAt, ...site } = row;
  const [feeds, todays] = await Promise.all([feedStatusesAt(db, [{ siteId: id, lastPushAt }], args.now), calendarTodaysAt(db, [id], args.now)]);
  const status = feeds.get(id) ?? 'never';
  return {
    ...site,
    calendarToday: todays.get(id) ?? null,
    localToday: todayIn(args.now, site.timezone),
    feed: {
      lastPushAt,
      lastCallPushAt,
      lastEvaluationPushAt,
      freshnessSeconds: freshnessSeconds(args.now, lastPushAt),
      status,
    },
  };
}
