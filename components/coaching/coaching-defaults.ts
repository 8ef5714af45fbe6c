// What an open form starts with: a due date two weeks out (the coverage window's length) from the
// site's today, and the reader as owner when they may run the session.
import { shiftDay, todayIn } from '@/lib/kpi/periods';

export const DEFAULT_DUE_DAYS = 14;

export function defaultDueDate(now: Date, timeZone: string): string {
  return shiftDay(todayIn(now, timeZone), DEFAULT_DUE_DAYS);
}

/** The reader's id when they may own a session of the site (an admin, or the site's lead). */
export function defaultOwnerOf(me: { id: number; role: string; site: { code: string } | null } | undefined, siteCode: string): number | undefined {
  if (!me) return undefined;
  if (me.role === 'admin' || (me.role === 'site_lead' && me.site?.code === siteCode)) return me.id;
  return undefined;
}

/** Whether the reader opens, closes and drops sessions of the site (the server decides; this hides what it would refuse). */
export function canCoach(me: { role: string; site: { code: string } | null } | undefined, siteCode: string): boolean {
  return me !== undefined && (me.role === 'admin' || (me.role === 'site_lead' && me.site?.code === siteCode));
}
