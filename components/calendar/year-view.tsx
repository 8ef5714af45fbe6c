'use client';
// A site's year at a glance: twelve month grids (Monday first), each day coloured by what the
// calendar makes of it (working, holiday, closed, special hours), with a legend that counts them.
import { useLocale, useTranslations } from 'next-intl';
import type { CalendarDay, CalendarDayKind } from '@/lib/calendar/days';
import { cn } from '@/components/ui/cn';

const KINDS: CalendarDayKind[] = ['working', 'holiday', 'closed', 'special'];

export const KIND_CLASSES: Record<CalendarDayKind, string> = {
  working: 'bg-emerald-50 text-emerald-900 ring-emerald-200',
  holiday: 'bg-red-100 text-red-900 ring-red-300',
  closed: 'bg-slate-200 text-slate-700 ring-slate-300',
  special: 'bg-sky-100 text-sky-900 ring-sky-300',
};

/** Weeks of a month as rows of seven cells, Monday first; null pads the first and last week. */
function weeksOf(year: number, month: number): (string | null)[][] {
  const first = new Date(Date.UTC(year, month, 1));
  const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= length; d++) cells.push(`${year}-${String(month + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

export function YearView({ year, days }: { year: number; days: CalendarDay[] }) {
  const t = useTranslations('calendar');
  const locale = useLocale();
  const byDate = new Map(days.map((d) => [d.date, d]));
  const monthName = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  const dayName = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  const weekdayShort = new Intl.DateTimeFormat(locale, { weekday: 'narrow', timeZone: 'UTC' });
  const weekdayLong = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  // 2024-01-01 was a Monday: the seven days from it name the columns.
  const columns = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)));
  const counts = Object.fromEntries(KINDS.map((k) => [k, days.filter((d) => d.kind === k).length])) as Record<CalendarDayKind, number>;

  const describe = (day: CalendarDay) => {
    const when = dayName.format(new Date(`${day.date}T00:00:00Z`));
    const what = t(`kinds.${day.kind}`);
    const hours = day.kind === 'working' || day.kind === 'special' ? day.hours.map(([a, b]) => `${a}–${b}`).join(', ') : '';
    return [when, what, day.name, hours].filter(Boolean).join(' · ');
  };

  return (
    <div className="space-y-4">
      <ul className="flex flex-wrap gap-3 text-xs text-slate-700" aria-label={t('legend')}>
        {KINDS.map((kind) => (
          <li key={kind} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={cn('inline-block size-3 rounded-sm ring-1 ring-inset', KIND_CLASSES[kind])} />
            {t(`kinds.${kind}`)} <span className="tabular-nums text-slate-500">({counts[kind]})</span>
          </li>
        ))}
      </ul>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
        {Array.from({ length: 12 }, (_, month) => (
          <table key={month} className="w-full table-fixed border-separate border-spacing-0.5 text-center text-xs">
            <caption className="pb-1 text-left text-sm font-semibold text-slate-800 capitalize">{monthName.format(new Date(Date.UTC(year, month, 1)))}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.toISOString()} scope="col" className="font-medium text-slate-500">
                    <abbr title={weekdayLong.format(c)} className="no-underline">
                      {weekdayShort.format(c)}
                    </abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeksOf(year, month).map((week, w) => (
                <tr key={w}>
                  {week.map((date, i) => {
                    const day = date ? byDate.get(date) : undefined;
                    if (!date || !day) return <td key={i} />;
                    return (
                      <td
                        key={date}
                        data-date={date}
                        data-kind={day.kind}
                        title={describe(day)}
                        className={cn('rounded-sm py-1 tabular-nums ring-1 ring-inset', KIND_CLASSES[day.kind])}
                      >
                        <span aria-hidden="true">{Number(date.slice(8))}</span>
                        <span className="sr-only">{describe(day)}</span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </div>
  );
}
