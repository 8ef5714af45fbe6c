'use client';
// One mission: its figures, each site's target, achievement, pace, projection and standing, and
// the cumulative chart against the plan for the whole mission or one site. HQ edits it here.
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { MissionProgressChart } from '@/components/charts/mission-progress-chart';
import { formatDay } from '@/components/kpi/kpi-format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { Select } from '@/components/ui/select';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { CompletionBar } from './completion-bar';
import { MissionForm } from './mission-form';
import { MissionStatusBadge } from './mission-status';
import { elapsedShare } from '@/lib/kpi/definitions';
import { ALL_SITES as ALL, chartPoints, expectedShare } from './mission-figures';

export function MissionDetail({ code, canEdit }: { code: string; canEdit: boolean }) {
  const t = useTranslations('missions');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const detail = useQuery(trpc.missions.detail.queryOptions({ code }));
  const series = useQuery(trpc.missions.progress.queryOptions({ code }));
  const [editing, setEditing] = useState(false);
  const [site, setSite] = useState(ALL);
  const chart = useMemo(() => (series.data ? chartPoints(series.data, site) : null), [series.data, site]);

  if (detail.isPending) {
    return (
      <p aria-busy="true" className="py-12 text-center text-sm text-slate-500">
        {tCommon('loading')}
      </p>
    );
  }
  if (detail.isError) {
    return (
      <Card>
        <ErrorState title={t('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void detail.refetch()} />
      </Card>
    );
  }

  const m = detail.data;
  const pct = (value: number | null) => (value === null ? '—' : format.number(value, { style: 'percent', maximumFractionDigits: 0 }));
  const count = (value: number | null) => (value === null ? '—' : format.number(Math.round(value)));
  const single = m.sites.length === 1;

  return (
    <div className="space-y-5">
      <Card labelledBy="mission-summary-title">
        <CardHeader
          id="mission-summary-title"
          title={
            <span className="flex items-center gap-2">
              {t('detail.summary')}
              <MissionStatusBadge phase={m.overall.phase} status={m.overall.status} completion={m.overall.completion} />
            </span>
          }
          description={t('detail.window', {
            from: formatDay(m.startsOn, locale, 'medium'),
            to: formatDay(m.endsOn, locale, 'medium'),
            days: m.windowDays,
          })}
          actions={
            canEdit ? (
              <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
                {t('edit')}
              </Button>
            ) : null
          }
        />
        <CardBody className="space-y-4">
          {m.description ? <p className="text-sm text-slate-700">{m.description}</p> : null}
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 lg:grid-cols-6">
            <Fact label={t('columns.target')} value={count(m.overall.target)} />
            <Fact label={t('columns.achieved')} value={count(m.overall.achieved)} />
            <Fact label={t('columns.completion')} value={pct(m.overall.completion)} />
            <Fact label={t('columns.pace')} value={pct(m.overall.pace)} hint={t('hints.pace')} />
            <Fact label={t('columns.projection')} value={count(m.overall.projection)} hint={m.overall.projectedCompletion === null ? undefined : t('detail.projectedShare', { share: pct(m.overall.projectedCompletion) })} />
            <div>
              <dt className="text-xs font-medium text-slate-500">{t('detail.outcomes')}</dt>
              <dd className="mt-1 flex flex-wrap gap-1">
                {m.successOutcomes.map((o) => (
                  <code key={o} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                    {o}
                  </code>
                ))}
              </dd>
            </div>
          </dl>
          <CompletionBar
            completion={m.overall.completion}
            expected={m.overall.phase === 'active' ? expectedShare(m.sites) : null}
            status={m.overall.phase === 'upcoming' ? null : m.overall.status}
            label={t('bar.label', { name: m.name })}
          />
        </CardBody>
      </Card>

      <Card labelledBy="mission-sites-title">
        <CardHeader id="mission-sites-title" title={single ? t('detail.yourSite') : t('detail.sites')} description={t('detail.sitesDescription')} />
        <Table caption={t('detail.sitesCaption', { name: m.name })}>
          <THead>
            <tr>
              <TH>{t('columns.site')}</TH>
              <TH numeric>{t('columns.target')}</TH>
              <TH numeric>{t('columns.achieved')}</TH>
              <TH className="min-w-44">{t('columns.completion')}</TH>
              <TH numeric>{t('columns.pace')}</TH>
              <TH numeric>{t('columns.projection')}</TH>
              <TH>{t('columns.status')}</TH>
              <TH>{t('columns.siteDay')}</TH>
            </tr>
          </THead>
          <TBody>
            {m.sites.map((s) => (
              <TR key={s.code}>
                <TD>
                  <span className="font-mono text-xs font-semibold text-slate-900">{s.code}</span>
                  <span className="ml-2 text-slate-700">{s.name}</span>
                </TD>
                <TD numeric>{format.number(s.target)}</TD>
                <TD numeric>{format.number(s.achieved)}</TD>
                <TD>
                  <CompletionBar
                    size="sm"
                    completion={s.completion}
                    expected={s.phase === 'active' ? elapsedShare({ elapsedDays: s.workingDaysElapsed, windowDays: s.workingDays }) : null}
                    status={s.phase === 'upcoming' ? null : s.status}
                    label={t('bar.siteLabel', { name: m.name, code: s.code })}
                  />
                </TD>
                <TD numeric>{pct(s.pace)}</TD>
                <TD numeric>
                  {count(s.projection)}
                  {s.projectedCompletion !== null ? <span className="block text-xs text-slate-500">{pct(s.projectedCompletion)}</span> : null}
                </TD>
                <TD>
                  <MissionStatusBadge phase={s.phase} status={s.status} completion={s.completion} />
                </TD>
                <TD className="text-xs whitespace-nowrap text-slate-600">
                  {s.phase === 'active' ? t('dayOf', { day: Math.min(s.elapsedDays + 1, s.windowDays), days: s.windowDays }) : t(`phase.${s.phase}`)}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
        <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">{t('detail.paceNote')}</p>
      </Card>

      <Card labelledBy="mission-chart-title">
        <CardHeader
          id="mission-chart-title"
          title={t('chart.title')}
          description={t('chart.description')}
          actions={
            single ? null : (
              <label className="flex items-center gap-2 text-xs text-slate-600">
                {t('chart.show')}
                <Select value={site} onChange={(e) => setSite(e.target.value)} className="h-8 w-44 text-xs">
                  <option value={ALL}>{t('chart.allSites')}</option>
                  {m.sites.map((s) => (
                    <option key={s.code} value={s.code}>
                      {s.code} · {s.name}
                    </option>
                  ))}
                </Select>
              </label>
            )
          }
        />
        <CardBody>
          {series.isPending ? (
            <p aria-busy="true" className="py-12 text-center text-sm text-slate-500">
              {tCommon('loading')}
            </p>
          ) : series.isError || !chart ? (
            <ErrorState title={t('chart.loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void series.refetch()} />
          ) : (
            <MissionProgressChart
              points={chart.points}
              target={chart.target}
              labels={{ achieved: t('chart.achieved'), plan: t('chart.plan'), target: t('chart.target', { target: format.number(chart.target) }) }}
              formatDay={(day) => formatDay(day, locale)}
              formatNumber={(value) => format.number(value, { maximumFractionDigits: 0 })}
              description={t('chart.figure', {
                site: site === ALL ? t('chart.allSites') : site,
                achieved: format.number(chart.points.filter((p) => p.achieved !== undefined).at(-1)?.achieved ?? 0),
                target: format.number(chart.target),
              })}
            />
          )}
        </CardBody>
      </Card>

      {canEdit ? (
        <Dialog open={editing} onClose={() => setEditing(false)} title={t('form.editTitle', { code: m.code })} closeLabel={tCommon('close')} className="max-w-3xl!">
          {editing ? <MissionForm mission={m} onDone={() => setEditing(false)} /> : null}
        </Dialog>
      ) : null}
    </div>
  );
}

function Fact({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
      {hint ? <dd className="text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}
