'use client';
// What a daily report says: staffing, incidents, highlights and blockers, when and by whom it
// was filed, and HQ's acknowledgement and comment. Times are shown in the site's own zone.
import { useFormatter, useTranslations } from 'next-intl';
import type { ReportView } from '@/server/reports/service';
import { incidentLabelKey } from './incident-categories';

export function ReportDetails({ report, timezone }: { report: ReportView; timezone: string }) {
  const t = useTranslations('reports');
  const format = useFormatter();
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short', timeZone: timezone });
  const attendance = report.scheduledAgents > 0 ? report.presentAgents / report.scheduledAgents : null;
  const minutesLost = report.incidents.reduce((sum, i) => sum + (i.minutesLost ?? 0), 0);
  const amended = report.updatedAt.getTime() !== report.submittedAt.getTime();

  return (
    <div className="space-y-4 text-sm">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-4">
        <div>
          <dt className="text-xs font-medium text-slate-500">{t('fields.scheduledAgents')}</dt>
          <dd className="font-semibold tabular-nums">{format.number(report.scheduledAgents)}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-500">{t('fields.presentAgents')}</dt>
          <dd className="font-semibold tabular-nums">
            {format.number(report.presentAgents)}
            {attendance !== null ? (
              <span className="ml-1 text-xs font-normal text-slate-500">
                {t('attendance', { share: format.number(attendance, { style: 'percent', maximumFractionDigits: 0 }) })}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-500">{t('fields.leavers')}</dt>
          <dd className="font-semibold tabular-nums">{format.number(report.leavers)}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-500">{t('fields.incidents')}</dt>
          <dd className="font-semibold tabular-nums">
            {format.number(report.incidents.length)}
            {minutesLost > 0 ? <span className="ml-1 text-xs font-normal text-slate-500">{t('minutesLost', { minutes: minutesLost })}</span> : null}
          </dd>
        </div>
      </dl>

      {report.incidents.length > 0 ? (
        <div>
          <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('fields.incidents')}</h4>
          <ul className="mt-1 space-y-1">
            {report.incidents.map((incident, i) => (
              <li key={i} className="flex flex-wrap items-baseline gap-x-2">
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{t(incidentLabelKey(incident.category))}</span>
                <span className="text-slate-800">{incident.description}</span>
                {incident.minutesLost ? <span className="text-xs text-slate-500">{t('minutesLost', { minutes: incident.minutesLost })}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('fields.highlights')}</h4>
          <p className="mt-1 whitespace-pre-wrap text-slate-800">{report.highlights || <span className="text-slate-500">{t('none')}</span>}</p>
        </div>
        <div>
          <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('fields.blockers')}</h4>
          <p className="mt-1 whitespace-pre-wrap text-slate-800">{report.blockers || <span className="text-slate-500">{t('none')}</span>}</p>
        </div>
      </div>

      <p className="text-xs text-slate-500">
        {t('filed', { when: when(report.submittedAt), who: report.submittedBy })}
        {amended ? ` · ${t('amendedAt', { when: when(report.updatedAt) })}` : null}
      </p>

      {report.acknowledgedAt ? (
        <div className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2">
          <p className="text-xs font-medium text-brand-700">
            {report.acknowledgedBy
              ? t('acknowledgedBy', { when: when(report.acknowledgedAt), who: report.acknowledgedBy })
              : t('acknowledgedAt', { when: when(report.acknowledgedAt) })}
          </p>
          {report.hqComment ? (
            <blockquote className="mt-1 text-sm whitespace-pre-wrap text-slate-800">
              <span className="sr-only">{t('hqComment')}: </span>
              {report.hqComment}
            </blockquote>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
