'use client';
// The calendar settings of one site for one year: the year at a glance, the weekly hours, the
// public holidays with HQ's decisions, closures and special periods, and whether service level
// leaves out calls offered outside opening hours. HQ edits; a site lead reads.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { FormError } from '@/components/forms/form-error';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from '@/lib/calendar/inputs';
import { WEEKDAYS } from '@/lib/calendar/hours';
import { HolidayList } from './holiday-list';
import { PeriodList } from './period-list';
import { WeeklyHoursForm } from './weekly-hours-form';
import { YearView } from './year-view';

export function SiteCalendar({ code, year }: { code: string; year: number }) {
  const t = useTranslations('calendar');
  const trpc = useTRPC();
  const query = useQuery(trpc.calendar.settings.queryOptions({ code, year }));

  return (
    <div className="space-y-5">
      <nav aria-label={t('yearNav')} className="flex items-center gap-2">
        {year > MIN_CALENDAR_YEAR ? (
          <Link href={`?year=${year - 1}`} className={buttonClasses('secondary', 'sm')} aria-label={t('previousYear', { year: year - 1 })}>
            ← {year - 1}
          </Link>
        ) : null}
        <span aria-current="page" className="px-2 text-lg font-semibold tabular-nums text-slate-900">
          {year}
        </span>
        {year < MAX_CALENDAR_YEAR ? (
          <Link href={`?year=${year + 1}`} className={buttonClasses('secondary', 'sm')} aria-label={t('nextYear', { year: year + 1 })}>
            {year + 1} →
          </Link>
        ) : null}
      </nav>
      <QueryState query={query}>
        {(data) => (
          <>
            <Card labelledBy="calendar-year-title">
              <CardHeader id="calendar-year-title" title={t('yearTitle', { year })} description={t('yearDescription', { timezone: data.site.timezone })} />
              <CardBody>
                <YearView year={year} days={data.days} />
              </CardBody>
            </Card>
            <Card labelledBy="calendar-hours-title">
              <CardHeader id="calendar-hours-title" title={t('hours.title')} description={t('hours.description', { timezone: data.site.timezone })} />
              <CardBody className="space-y-5">
                {data.canEdit ? <WeeklyHoursForm code={code} weeklyHours={data.weeklyHours} /> : <HoursSummary hours={data.weeklyHours} />}
                <OutOfHoursSetting code={code} value={data.excludeOutOfHours} canEdit={data.canEdit} />
              </CardBody>
            </Card>
            <Card labelledBy="calendar-holidays-title">
              <CardHeader id="calendar-holidays-title" title={t('holidays.title')} description={t('holidays.description', { country: data.site.country })} />
              <HolidayList code={code} year={year} holidays={data.holidays} canEdit={data.canEdit} />
            </Card>
            <Card labelledBy="calendar-periods-title">
              <CardHeader id="calendar-periods-title" title={t('periods.title')} description={t('periods.description')} />
              <PeriodList code={code} year={year} periods={data.periods} canEdit={data.canEdit} />
            </Card>
          </>
        )}
      </QueryState>
    </div>
  );
}

/** The weekly hours as a site lead reads them. */
function HoursSummary({ hours }: { hours: Partial<Record<(typeof WEEKDAYS)[number], [string, string][]>> | null }) {
  const t = useTranslations('calendar');
  if (hours === null) return <p className="text-sm text-slate-700">{t('hours.aroundTheClock')}</p>;
  return (
    <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
      {WEEKDAYS.map((d) => (
        <div key={d} className="contents">
          <dt className="font-medium text-slate-700">{t(`weekdays.${d}`)}</dt>
          <dd className="tabular-nums text-slate-800">{(hours[d] ?? []).map(([a, b]) => `${a}–${b}`).join(', ') || t('hours.closed')}</dd>
        </div>
      ))}
    </dl>
  );
}

function OutOfHoursSetting({ code, value, canEdit }: { code: string; value: boolean; canEdit: boolean }) {
  const t = useTranslations('calendar');
  const tCommon = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(
    trpc.calendar.setOutOfHours.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.calendar.pathKey() }) }),
  );
  return (
    <div className="border-t border-slate-100 pt-4">
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={save.isPending ? Boolean(save.variables?.excludeOutOfHours) : value}
          disabled={!canEdit || save.isPending}
          onChange={(e) => save.mutate({ site: code, excludeOutOfHours: e.target.checked })}
        />
        <span>
          {t('outOfHours.label')}
          <span className="block text-xs text-slate-500">{t('outOfHours.hint')}</span>
        </span>
      </label>
      {save.isError ? (
        <div className="mt-2">
          <FormError>{serverMessageOf(save.error) ?? tCommon('saveFailed')}</FormError>
        </div>
      ) : null}
    </div>
  );
}
