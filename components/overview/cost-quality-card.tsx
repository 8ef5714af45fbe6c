'use client';
// What quality costs: each site's cost per handled call in HQ's currency against its QA score or
// CSAT, the reference site marked, and what each offshore site saves against the reference site
// for the same volume. Figures are contracts.costs's (volume charges, fixed fees and seats
// prorated over the period; penalties and bonuses belong to the monthly statements).
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { siteColor } from '@/components/charts/palette';
import { paddedDomain } from '@/components/charts/scatter-domain';
import { SiteScatter, type SiteScatterPoint } from '@/components/charts/site-scatter';
import { siteHref } from '@/components/kpi/dashboard-state';
import { useFigureName } from '@/components/kpi/kpi-info';
import { formatFigure } from '@/components/kpi/kpi-format';
import { cn } from '@/components/ui/cn';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { SiteCosts } from '@/lib/contracts/cost-types';
import type { DateRange } from '@/lib/kpi/periods';
import { costPoints, formatMoney, savingRows, sitesMissingRate, type CostQuality } from './cost-figures';
import { ScatterCard, ScatterLegend } from './scatter-card';
import { numberFormat } from '@/lib/intl/formatters';

type Props = {
  data: SiteCosts | undefined;
  isPending: boolean;
  isError: boolean;
  onRetry: () => void;
  range: DateRange;
  allCodes: string[];
};

export function CostQualityCard({ data, isPending, isError, onRetry, range, allCodes }: Props) {
  const t = useTranslations('overview.cost');
  const locale = useLocale();
  const figureName = useFigureName();
  const router = useRouter();
  // QA first: it is what the contracts' quality terms hold the sites to.
  const [quality, setQuality] = useState<CostQuality>('qa_score');

  const points = data ? costPoints(data, quality, (code) => siteColor(code, allCodes)) : [];
  const savings = data ? savingRows(data) : [];
  const missingRate = data ? sitesMissingRate(data) : [];
  const qualityName = figureName(quality);
  const currency = data?.hqCurrency ?? 'EUR';
  const money = (value: number | null, whole = false) => formatMoney(value, currency, locale, whole);
  const referenceTag = t('referenceTag');
  const reference = points.find((p) => p.reference);
  // The reference site a ringed square, its code tagged "(reference)" on the chart and in the tooltip.
  const marks: SiteScatterPoint[] = points.map((p) => ({
    key: p.key,
    x: p.x,
    y: p.y,
    color: p.color,
    marker: p.reference ? 'reference' : 'site',
    tag: p.reference ? `${p.label} ${referenceTag}` : p.label,
    title: `${p.label} · ${p.name}${p.reference ? ` ${referenceTag}` : ''}`,
  }));

  return (
    <ScatterCard
      id="cost-title"
      title={t('title')}
      description={t('description', { currency })}
      qualities={['qa_score', 'csat']}
      quality={quality}
      onQuality={setQuality}
      qualityLabel={t('quality')}
      hasData={data !== undefined}
      isPending={isPending}
      isError={isError}
      onRetry={onRetry}
      isEmpty={points.length === 0}
      emptyTitle={t('empty', { quality: qualityName })}
      emptyDescription={t('emptyHint')}
      chart={
        <div data-testid="cost-quality">
          <SiteScatter
            points={marks}
            xLabel={t('axisX', { currency })}
            yLabel={qualityName}
            formatX={(v) => money(v)}
            formatY={(v) => formatFigure(quality, v, locale)}
            xDomain={paddedDomain(points.map((p) => p.x), { share: 0.12, minShareOfMax: 0.05, floorAtZero: true })}
            yDomain={paddedDomain(points.map((p) => p.y), { share: 0.15, minShareOfMax: 0.05 })}
            reference={reference ? { x: reference.x, y: reference.y } : undefined}
            margin={{ top: 16, right: 28, bottom: 24, left: 8 }}
            label={t('chartLabel', { quality: qualityName })}
            onSelect={(code) => router.push(siteHref(code, range))}
          />
          <ScatterLegend
            label={t('title')}
            range={range}
            items={points.map((p) => ({
              code: p.key,
              color: p.color,
              square: p.reference,
              detail: `${money(p.x)} · ${formatFigure(quality, p.y, locale)}${p.reference ? ` ${referenceTag}` : ''}`,
            }))}
          />
          {data?.referenceSite && points.some((p) => p.reference) ? <p className="mt-1 text-xs text-slate-500">{t('referenceLines', { site: data.referenceSite })}</p> : null}
        </div>
      }
    >
      {data && savings.length > 0 ? (
        <div className="mt-4 border-t border-slate-100 pt-3">
          <h3 className="text-xs font-semibold text-slate-800">{t('savings.title', { site: data.referenceSite ?? '' })}</h3>
          <p className="mb-2 text-xs text-slate-500">{t('savings.description')}</p>
          <Table caption={t('savings.caption', { site: data.referenceSite ?? '', currency })}>
            <THead>
              <tr>
                <TH>{t('savings.site')}</TH>
                <TH numeric>{t('savings.perHandled')}</TH>
                <TH numeric>{t('savings.referencePerHandled', { site: data.referenceSite ?? '' })}</TH>
                <TH numeric>{t('savings.handled')}</TH>
                <TH numeric>{t('savings.saving')}</TH>
              </tr>
            </THead>
            <TBody>
              {savings.map((row) => (
                <TR key={row.code}>
                  <th scope="row" className="px-3 py-1.5 text-left font-normal whitespace-nowrap">
                    <Link prefetch={false} href={siteHref(row.code, range)} className="rounded font-mono text-xs font-semibold text-brand-700 hover:underline" aria-label={`${row.code} · ${row.name}`}>
                      {row.code}
                    </Link>
                  </th>
                  <TD numeric>{money(row.perHandled)}</TD>
                  <TD numeric className="text-slate-600">
                    {money(row.referencePerHandled)}
                  </TD>
                  <TD numeric>{numberFormat(locale).format(row.handled)}</TD>
                  <TD numeric className={cn('font-medium', row.saving !== null && row.saving < 0 && 'text-red-700')}>
                    {money(row.saving, true)}
                    {row.saving !== null && row.saving < 0 ? <span className="sr-only"> ({t('savings.extraCost')})</span> : null}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </div>
      ) : null}

      {missingRate.length > 0 ? (
        <p role="note" className="mt-3 text-xs text-amber-800">
          {t('missingRate', { sites: missingRate.join(', ') })}
        </p>
      ) : null}
    </ScatterCard>
  );
}
