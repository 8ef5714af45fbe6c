'use client';
// One agent's page: their figures over the period beside the site's median agent, their flags and
// coaching, their figures by day, their evaluations (each opening its page) and QA by category.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { AgentCoaching } from '@/components/coaching/agent-coaching';
import { formatDay } from '@/components/kpi/kpi-format';
import { evaluationHref } from '@/components/qa/qa-links';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryState } from '@/components/ui/query-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { formatFigureValue, formatScore } from '@/lib/kpi/format';
import type { DateRange } from '@/lib/kpi/periods';
import { AGENT_SCORE_COLUMNS } from './figure-columns';
import { OutlierBadges } from './outlier-badges';

export function AgentDetail({ site, agentRef, range }: { site: string; agentRef: string; range: DateRange }) {
  const t = useTranslations('agents');
  const tCategory = useTranslations('qa.categories');
  const locale = useLocale();
  const trpc = useTRPC();
  const agent = useQuery(trpc.agents.get.queryOptions({ site, agentRef, from: range.from, to: range.to }));

  return (
    <QueryState query={agent} errorTitle={t('loadFailed')}>
      {(data) => (
        <div className="space-y-5">
          <Card labelledBy="agent-summary-title">
            <CardHeader
              id="agent-summary-title"
              title={t('detail.summary')}
              description={
                [
                  data.name,
                  data.team ? `${t('detail.team')} ${data.team}` : null,
                  data.startDate ? (data.endDate ? t('detail.datesValue', { start: formatDay(data.startDate, locale, 'medium'), end: formatDay(data.endDate, locale, 'medium') }) : t('detail.since', { start: formatDay(data.startDate, locale, 'medium') })) : null,
                ]
                  .filter(Boolean)
                  .join(' · ') || undefined
              }
            />
            <CardBody>
              <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-3 lg:grid-cols-5">
                {AGENT_SCORE_COLUMNS.map((f) => (
                  <div key={f.key}>
                    <dt className="text-xs text-slate-500">{t(`columns.${f.label}`)}</dt>
                    <dd className="font-semibold text-slate-900 tabular-nums">{formatFigureValue(f.unit, data.score[f.key], locale)}</dd>
                    <dd className="text-xs text-slate-500">{t('detail.siteMedianValue', { value: formatFigureValue(f.unit, data.siteMedian[f.key], locale) })}</dd>
                  </div>
                ))}
              </dl>
              <div className="mt-4 flex flex-wrap items-center gap-2 text-sm">
                <span className="text-xs text-slate-500">{t('detail.flags')}</span>
                {data.flags.length > 0 ? <OutlierBadges flags={data.flags} /> : <span className="text-slate-600">{t('detail.noFlag')}</span>}
              </div>
            </CardBody>
          </Card>

          <AgentCoaching siteCode={site} agentRef={agentRef} flags={data.flags} />

          <Card labelledBy="agent-days-title">
            <CardHeader id="agent-days-title" title={t('detail.days')} />
            {data.days.length === 0 ? (
              <EmptyState title={t('detail.daysEmpty')} />
            ) : (
              <Table caption={t('detail.daysCaption')}>
                <THead>
                  <tr>
                    <TH>{t('detail.day')}</TH>
                    {AGENT_SCORE_COLUMNS.map((f) => (
                      <TH key={f.key} numeric>
                        {t(`columns.${f.label}`)}
                      </TH>
                    ))}
                  </tr>
                </THead>
                <TBody>
                  {data.days.map((day) => (
                    <TR key={day.day}>
                      <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                        {formatDay(day.day, locale, 'medium')}
                      </th>
                      {AGENT_SCORE_COLUMNS.map((f) => (
                        <TD key={f.key} numeric className={day[f.key] === null ? 'text-slate-500' : undefined}>
                          {formatFigureValue(f.unit, day[f.key], locale)}
                        </TD>
                      ))}
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </Card>

          <Card labelledBy="agent-evaluations-title">
            <CardHeader
              id="agent-evaluations-title"
              title={t('detail.evaluations')}
              description={data.evaluationsTruncated ? t('detail.evaluationsTruncated', { count: data.evaluations.length }) : undefined}
            />
            {data.evaluations.length === 0 ? (
              <EmptyState title={t('detail.evaluationsEmpty')} />
            ) : (
              <Table caption={t('detail.evaluationsCaption')}>
                <THead>
                  <tr>
                    <TH>{t('detail.evaluatedOn')}</TH>
                    <TH>{t('detail.form')}</TH>
                    <TH>{t('detail.evaluator')}</TH>
                    <TH numeric>{t('detail.score')}</TH>
                    <TH numeric>{t('detail.hqScore')}</TH>
                    <TH>
                      <span className="sr-only">{t('detail.critical')}</span>
                    </TH>
                  </tr>
                </THead>
                <TBody>
                  {data.evaluations.map((e) => (
                    <TR key={e.id}>
                      <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                        <Link href={evaluationHref(site, e.id)} prefetch={false} className="rounded text-brand-700 underline underline-offset-2" aria-label={t('detail.open', { id: e.id })}>
                          {formatDay(e.day, locale, 'medium')}
                        </Link>
                      </th>
                      <TD className="font-mono text-xs">
                        {e.form.code} v{e.form.version}
                      </TD>
                      <TD>{e.evaluator}</TD>
                      <TD numeric>{e.scoreHidden ? <span className="text-xs text-slate-500">{t('detail.scoreHidden')}</span> : formatScore(e.score, locale)}</TD>
                      <TD numeric>{formatScore(e.hqScore, locale)}</TD>
                      <TD>{e.criticalFailed ? <Badge tone="red">{t('detail.critical')}</Badge> : null}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </Card>

          <Card labelledBy="agent-categories-title">
            <CardHeader id="agent-categories-title" title={t('detail.categories')} />
            {data.categories.length === 0 ? (
              <EmptyState title={t('detail.categoriesEmpty')} />
            ) : (
              <Table caption={t('detail.categoriesCaption')}>
                <THead>
                  <tr>
                    <TH>{t('detail.category')}</TH>
                    <TH numeric>{t('detail.percent')}</TH>
                    <TH numeric>{t('detail.scores')}</TH>
                  </tr>
                </THead>
                <TBody>
                  {data.categories.map((c) => (
                    <TR key={c.category}>
                      <th scope="row" className="px-3 py-2 text-left font-medium">
                        {tCategory(c.category)}
                      </th>
                      <TD numeric>{formatScore(c.percent, locale)}</TD>
                      <TD numeric>{formatFigureValue('count', c.scores, locale)}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </Card>
        </div>
      )}
    </QueryState>
  );
}
