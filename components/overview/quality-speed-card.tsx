'use client';
// Which sites buy speed with satisfaction: handle time across, CSAT or QA up, one point per site
// and the network as a diamond. A point opens its site.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { NETWORK_COLOR, siteColor } from '@/components/charts/palette';
import { paddedDomain } from '@/components/charts/scatter-domain';
import { SiteScatter, type SiteScatterPoint } from '@/components/charts/site-scatter';
import type { QualityAxis } from '@/components/kpi/dashboard-state';
import { siteHref } from '@/components/kpi/dashboard-state';
import { useFigureName } from '@/components/kpi/kpi-info';
import { formatFigure } from '@/components/kpi/kpi-format';
import { figureValue } from '@/components/kpi/metrics';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import type { Comparison } from '@/server/kpi/comparison';
import type { DateRange } from '@/lib/kpi/periods';

type Props = {
  data: Comparison | undefined;
  isPending: boolean;
  isError: boolean;
  onRetry: () => void;
  quality: QualityAxis;
  onQuality: (quality: QualityAxis) => void;
  range: DateRange;
  allCodes: string[];
  networkLabel: string;
};

export function QualitySpeedCard({ data, isPending, isError, onRetry, quality, onQuality, range, allCodes, networkLabel }: Props) {
  const t = useTranslations('overview.scatter');
  const tKpi = useTranslations('kpi.figures');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const figureName = useFigureName();
  const router = useRouter();

  const points: SiteScatterPoint[] = [];
  if (data) {
    for (const site of data.sites) {
      const x = figureValue(site, 'aht');
      const y = figureValue(site, quality);
      if (x !== null && y !== null) points.push({ key: site.code, x, y, color: siteColor(site.code, allCodes), marker: 'site', tag: site.code, title: site.code });
    }
    const nx = figureValue(data.network, 'aht');
    const ny = figureValue(data.network, quality);
    if (nx !== null && ny !== null && points.length > 0) points.push({ key: '__network', x: nx, y: ny, color: NETWORK_COLOR, marker: 'network', tag: '', title: networkLabel });
  }
  const qualityName = figureName(quality);

  return (
    <Card labelledBy="scatter-title">
      <CardHeader
        id="scatter-title"
        title={t('title')}
        description={t('description')}
        actions={
          <div role="group" aria-label={t('quality')} className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
            {(['csat', 'qa_score'] as const).map((axis) => (
              <button
                key={axis}
                type="button"
                aria-pressed={quality === axis}
                onClick={() => onQuality(axis)}
                className={cn('rounded px-2 py-0.5 text-xs font-semibold', quality === axis ? 'bg-brand-600 text-white' : 'text-slate-600 hover:bg-slate-100')}
              >
                {tKpi(axis)}
              </button>
            ))}
          </div>
        }
      />
      <CardBody>
        {isError && !data ? (
          <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={onRetry} />
        ) : isPending && !data ? (
          <div aria-busy="true" className="h-[300px] animate-pulse rounded bg-slate-100">
            <span className="sr-only">{tCommon('loading')}</span>
          </div>
        ) : points.length === 0 ? (
          <EmptyState title={t('empty', { quality: qualityName })} />
        ) : (
          <>
            <SiteScatter
              points={points}
              xLabel={t('axisX')}
              yLabel={qualityName}
              formatX={(v) => formatFigure('aht', v, locale)}
              formatY={(v) => formatFigure(quality, v, locale)}
              xDomain={paddedDomain(points.map((p) => p.x), { share: 0.12, minShareOfMax: 0.02 })}
              yDomain={paddedDomain(points.map((p) => p.y), { share: 0.15, minShareOfMax: 0.02 })}
              reference={data ? { x: figureValue(data.network, 'aht'), y: figureValue(data.network, quality) } : undefined}
              label={t('chartLabel', { quality: qualityName })}
              onSelect={(code) => router.push(siteHref(code, range))}
            />
            <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label={t('title')}>
              {points
                .filter((p) => p.marker !== 'network')
                .map((p) => (
                  <li key={p.key} className="flex items-center gap-1.5">
                    <svg aria-hidden="true" width="10" height="10">
                      <circle cx="5" cy="5" r="4.5" fill={p.color} />
                    </svg>
                    <Link prefetch={false} href={siteHref(p.key, range)} className="rounded font-mono font-semibold text-brand-700 hover:underline">
                      {p.tag}
                    </Link>
                  </li>
                ))}
            </ul>
            <p className="mt-1 text-xs text-slate-500">{t('networkLines')}</p>
          </>
        )}
      </CardBody>
    </Card>
  );
}
