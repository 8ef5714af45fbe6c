'use client';
// The overview below its title: the period and sites (in the URL), the comparison table, the
// daily trend, the quality-against-speed scatter and what quality costs. A site lead sees their
// site and the network (and only their own site's cost).
import { useTranslations } from 'next-intl';
import { useDashboardUrl } from '@/components/kpi/use-dashboard-url';
import { RangePicker } from '@/components/kpi/range-picker';
import { isRollupMetric, type Figure } from '@/components/kpi/metrics';
import { DEFAULT_TREND_FIGURE, sortChanges } from '@/components/kpi/dashboard-state';
import { MissionsBehindPanel } from '@/components/missions/missions-behind-panel';
import { ComparisonTable } from './comparison-table';
import { CostQualityCard } from './cost-quality-card';
import { OVERVIEW_DEFAULT_PRESET } from './presets';
import { QualitySpeedCard } from './quality-speed-card';
import { SiteFilter, type FilterSite } from './site-filter';
import { TodayTable } from './today-table';
import { TrendCard } from './trend-card';
import { useComparison, useCosts, useTargets, useToday, useTrend } from './use-kpi-queries';


type Props = { sites: FilterSite[]; isSiteLead: boolean };

export function OverviewDashboard({ sites, isSiteLead }: Props) {
  const t = useTranslations('overview');
  const url = useDashboardUrl(OVERVIEW_DEFAULT_PRESET);
  const selected = isSiteLead ? [] : url.sites;
  return (
    <div className="space-y-5">
      <div role="group" aria-label={t('toolbar.label')} className="flex flex-wrap items-start gap-4 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
        <RangePicker defaultPreset={OVERVIEW_DEFAULT_PRESET} />
        {!isSiteLead ? <SiteFilter sites={sites} selected={selected} onChange={(codes) => url.navigate({ site: codes.length ? codes : null })} /> : null}
      </div>

      {url.range.choice === 'today' ? <OverviewToday selected={selected} isSiteLead={isSiteLead} /> : <OverviewRange sites={sites} isSiteLead={isSiteLead} />}

      {/* Missions run on their own dates, not the range above: the panel shows today's pace. */}
      <MissionsBehindPanel />
    </div>
  );
}

/**
 * Each site's local day so far against the same weekday last week at the same local time. No cost
 * here: a contract prices whole site-local days (seats and fixed fees prorated by the day,
 * productive hours from the day's report, which is filed at its end), so a day under way has no
 * cost per call yet, only a misleading fraction of one.
 */
function OverviewToday({ selected, isSiteLead }: { selected: string[]; isSiteLead: boolean }) {
  const tKpi = useTranslations('kpi');
  const today = useToday(selected);
  return (
    <TodayTable
      data={today.data}
      isPending={today.isPending}
      isError={today.isError}
      onRetry={() => void today.refetch()}
      isSiteLead={isSiteLead}
      networkLabel={selected.length > 0 ? tKpi('networkSelected') : tKpi('network')}
    />
  );
}

/** A range of whole days: the comparison, the daily trend and quality against speed. */
function OverviewRange({ sites, isSiteLead }: Props) {
  const tKpi = useTranslations('kpi');
  const url = useDashboardUrl(OVERVIEW_DEFAULT_PRESET);
  const selected = isSiteLead ? [] : url.sites;
  const comparison = useComparison(url.range, selected);
  const trend = useTrend(url.range, selected);
  const costs = useCosts(url.range, selected);
  const targets = useTargets();
  const allCodes = sites.map((s) => s.code);
  const networkLabel = selected.length > 0 ? tKpi('networkSelected') : tKpi('network');

  const networkTarget = (figure: Figure) => {
    if (!isRollupMetric(figure)) return null;
    const row = targets.data?.find((r) => r.metric === figure && r.site === null);
    return row ? { green: row.green, amber: row.amber } : null;
  };

  return (
    <>
      <ComparisonTable
        data={comparison.data}
        isPending={comparison.isPending}
        isError={comparison.isError}
        isUpdating={comparison.isPlaceholderData || url.navigating}
        onRetry={() => void comparison.refetch()}
        range={url.range}
        sites={selected}
        sort={url.sort}
        onSort={(sort) => url.rewrite(sortChanges(sort))}
        networkTarget={networkTarget}
        isSiteLead={isSiteLead}
        costs={{ data: costs.data, isPending: costs.isPending, isError: costs.isError }}
      />

      <div className="grid gap-5 xl:grid-cols-5">
        <div className="xl:col-span-3">
          <TrendCard
            data={trend.data}
            isPending={trend.isPending}
            isError={trend.isError}
            onRetry={() => void trend.refetch()}
            figure={url.trendFigure}
            onFigure={(figure) => url.rewrite({ metric: figure === DEFAULT_TREND_FIGURE ? null : figure })}
            range={url.range}
            allCodes={allCodes}
            networkLabel={networkLabel}
          />
        </div>
        <div className="xl:col-span-2">
          <QualitySpeedCard
            data={comparison.data}
            isPending={comparison.isPending}
            isError={comparison.isError}
            onRetry={() => void comparison.refetch()}
            quality={url.quality}
            onQuality={(quality) => url.rewrite({ quality: quality === 'csat' ? null : quality })}
            range={url.range}
            allCodes={allCodes}
            networkLabel={networkLabel}
          />
        </div>
      </div>

      <CostQualityCard
        data={costs.data}
        isPending={costs.isPending}
        isError={costs.isError}
        onRetry={() => void costs.refetch()}
        range={url.range}
        allCodes={allCodes}
      />
    </>
  );
}
