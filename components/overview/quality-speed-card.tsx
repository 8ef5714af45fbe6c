'use client';
// Which sites buy speed with satisfaction: handle time across, CSAT or QA up, one point per site
// and the network as a diamond. A point opens its site.
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
import type { Comparison } from '@/server/kpi/comparison';
import type { DateRange } from '@/lib/kpi/periods';
import { ScatterCard, ScatterLegend } from './scatter-card';

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
    <ScatterCard
      id="scatter-title"
      title={t('title')}
      description={t('description')}
      qualities={['csat', 'qa_score']}
      quality={quality}
      onQuality={onQuality}
      qualityLabel={t('quality')}
      hasData={data !== undefined}
      isPending={isPending}
      isError={isError}
      onRetry={onRetry}
      isEmpty={points.length === 0}
      emptyTitle={t('empty', { quality: qualityName })}
      chart={
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
          <ScatterLegend label={t('title')} range={range} items={points.filter((p) => p.marker !== 'network').map((p) => ({ code: p.key, color: p.color }))} />
          <p className="mt-1 text-xs text-slate-500">{t('networkLines')}</p>
        </>
      }
    />
  );
}
