'use client';
// Vigie's calibration report: per site, how far the site's own QA scores sit from HQ's blind
// re-scores of the same calls. Bias = mean(site − HQ); spread = mean |site − HQ|; a site beyond
// the tolerated band shows red at a glance. One site in focus shows per criterion and over time.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { CalibrationBiasChart } from '@/components/charts/calibration-bias-chart';
import { CalibrationTrendChart } from '@/components/charts/calibration-trend-chart';
import { NETWORK_COLOR, siteColor } from '@/components/charts/palette';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { calibrationHref, type CalibrationState } from './calibration-url';
import { formatGap, formatScore } from './qa-format';

export function CalibrationReport({ state }: { state: CalibrationState }) {
  const t = useTranslations('qa.calibration.report');
  const tCategory = useTranslations('qa.categories');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const summary = useQuery(trpc.qa.calibrationSummary.queryOptions({ from: state.from, to: state.to, granularity: state.granularity }));
  const data = summary.data;
  const focus = data?.sites.find((s) => s.code === state.focus) ?? data?.sites.find((s) => s.flag !== null) ?? data?.sites[0];
  const codes = data?.sites.map((s) => s.code) ?? [];
  const gap = (v: number | null) => formatGap(v, locale);
  const period = {
    from: format.dateTime(new Date(`${state.from}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }),
    to: format.dateTime(new Date(`${state.to}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }),
  };
  const formatPeriod = (p: string) =>
    state.granularity === 'month'
      ? format.dateTime(new Date(`${p}T12:00:00Z`), { month: 'short', year: 'numeric', timeZone: 'UTC' })
      : t('weekOf', { date: format.dateTime(new Date(`${p}T12:00:00Z`), { day: 'numeric', month: 'short', timeZone: 'UTC' }) });
  const select = (code: string) => router.push(calibrationHref({ ...state, focus: code }), { scroll: false });

  if (summary.isPending) {
    return (
      <Card>
        <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
          {tCommon('loading')}
        </p>
      </Card>
    );
  }
  if (summary.isError || !data) {
    return (
      <Card>
        <ErrorState title={t('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void summary.refetch()} />
      </Card>
    );
  }
  if (data.sites.every((s) => s.pairs === 0)) {
    return (
      <Card>
        <EmptyState title={t('empty')} description={t('emptyHint', period)} />
      </Card>
    );
  }

  return (
    <div className="space-y-4">
      <div className="grid gap-4 xl:grid-cols-5">
        <Card labelledBy="bias-title" className="xl:col-span-2">
          <CardHeader id="bias-title" title={t('biasTitle')} description={t('biasDescription', { threshold: data.threshold })} />
          <CardBody>
            <CalibrationBiasChart
              label={t('biasChartLabel', period)}
              threshold={data.threshold}
              formatValue={gap}
              formatTooltip={(bar) => t('biasTooltip', { bias: gap(bar.bias), pairs: bar.pairs })}
              bars={data.sites.map((s) => ({ key: s.code, label: `${s.code} · ${s.name}`, bias: s.bias, pairs: s.pairs }))}
              onSelect={select}
            />
          </CardBody>
        </Card>
        <Card labelledBy="sites-gap-title" className="xl:col-span-3">
          <CardHeader
            id="sites-gap-title"
            title={t('tableTitle')}
            description={t('tableDescription', { ...period, pairs: data.network.pairs, bias: gap(data.network.bias), spread: formatScore(data.network.spread, locale) })}
          />
          <Table caption={t('tableTitle')}>
            <THead>
              <tr>
                <TH>{t('columns.site')}</TH>
                <TH numeric>{t('columns.pairs')}</TH>
                <TH numeric>{t('columns.siteMean')}</TH>
                <TH numeric>{t('columns.hqMean')}</TH>
                <TH numeric>{t('columns.bias')}</TH>
                <TH numeric>{t('columns.spread')}</TH>
                <TH>{t('columns.status')}</TH>
              </tr>
            </THead>
            <TBody>
              {data.sites.map((s) => (
                <TR key={s.code} className={cn(focus?.code === s.code && 'bg-brand-50/60')} data-site={s.code}>
                  <TD>
                    <Link
                      href={calibrationHref({ ...state, focus: s.code })}
                      scroll={false}
                      title={s.name}
                      aria-current={focus?.code === s.code ? 'true' : undefined}
                      className="font-mono text-xs font-semibold text-brand-700 hover:underline"
                    >
                      {s.code}
                    </Link>
                    <span className="ml-2 hidden text-slate-700 2xl:inline">{s.name}</span>
                  </TD>
                  <TD numeric data-testid="pairs">
                    {format.number(s.pairs)}
                  </TD>
                  <TD numeric>{formatScore(s.siteMean, locale)}</TD>
                  <TD numeric>{formatScore(s.hqMean, locale)}</TD>
                  <TD numeric className={cn('font-semibold', s.bias !== null && Math.abs(s.bias) > data.threshold ? 'text-red-700' : 'text-slate-900')}>
                    {gap(s.bias)}
                  </TD>
                  <TD numeric>{formatScore(s.spread, locale)}</TD>
                  <TD>
                    {s.flag === 'inflated' ? (
                      <Badge tone="red">{t('flag.inflated')}</Badge>
                    ) : s.flag === 'harsh' ? (
                      <Badge tone="amber">{t('flag.harsh')}</Badge>
                    ) : s.pairs < data.minPairs ? (
                      <Badge>{t('flag.fewPairs')}</Badge>
                    ) : (
                      <Badge tone="green">{t('flag.aligned')}</Badge>
                    )}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
      </div>

      {focus ? (
        <div className="grid gap-4 xl:grid-cols-2">
          <Card labelledBy="focus-time-title">
            <CardHeader id="focus-time-title" title={t('overTimeTitle', { code: focus.code })} description={t('overTimeDescription')} />
            <CardBody>
              <CalibrationTrendChart
                label={t('overTimeLabel', { code: focus.code, ...period })}
                periods={data.periods}
                threshold={data.threshold}
                formatValue={gap}
                formatPeriod={formatPeriod}
                series={[
                  {
                    key: focus.code,
                    label: `${focus.code} · ${focus.name}`,
                    color: siteColor(focus.code, codes),
                    values: focus.periods.map((p) => p.bias),
                    notes: focus.periods.map((p) => t('pairs', { count: p.pairs })),
                  },
                  {
                    key: '__network',
                    label: t('network'),
                    color: NETWORK_COLOR,
                    values: data.network.periods.map((p) => p.bias),
                    notes: data.network.periods.map((p) => t('pairs', { count: p.pairs })),
                    dashed: true,
                  },
                ]}
              />
            </CardBody>
          </Card>
          <Card labelledBy="focus-criteria-title">
            <CardHeader id="focus-criteria-title" title={t('criteriaTitle', { code: focus.code })} description={t('criteriaDescription')} />
            {focus.criteria.length === 0 ? (
              <EmptyState title={t('noPairs')} />
            ) : (
              <Table caption={t('criteriaTitle', { code: focus.code })}>
                <THead>
                  <tr>
                    <TH>{t('columns.criterion')}</TH>
                    <TH>{t('columns.category')}</TH>
                    <TH numeric>{t('columns.pairs')}</TH>
                    <TH numeric>{t('columns.bias')}</TH>
                    <TH numeric>{t('columns.spread')}</TH>
                  </tr>
                </THead>
                <TBody>
                  {focus.criteria.map((c) => (
                    <TR key={c.key}>
                      <TD>
                        {c.label}
                        <span className="ml-2 font-mono text-[11px] text-slate-500">{c.key}</span>
                      </TD>
                      <TD className="text-slate-600">{tCategory(c.category)}</TD>
                      <TD numeric>{format.number(c.pairs)}</TD>
                      <TD numeric className={cn(c.bias !== null && Math.abs(c.bias) > data.threshold ? 'font-semibold text-red-700' : 'text-slate-900')}>
                        {gap(c.bias)}
                      </TD>
                      <TD numeric>{formatScore(c.spread, locale)}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </Card>
        </div>
      ) : null}
    </div>
  );
}
