// Weekly and monthly buckets of site-local days (YYYY-MM-DD), for QA trends and calibration over
// time. A week starts on Monday; a bucket is named by its first day.
import { daysOf, shiftDay, type DateRange } from '@/lib/kpi/periods';

export type Granularity = 'week' | 'month';

/** The first day of the week (Monday) or month that holds `day`. */
export function periodStart(day: string, granularity: Granularity): string {
  if (granularity === 'month') return `${day.slice(0, 7)}-01`;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return shiftDay(day, -((weekday + 6) % 7));
}

/** Every bucket that a range touches, in order, so that a chart shows empty periods as gaps. */
export function periodsOf(range: DateRange, granularity: Granularity): string[] {
  const starts = new Set<string>();
  for (const day of daysOf(range)) starts.add(periodStart(day, granularity));
  return [...starts];
}
