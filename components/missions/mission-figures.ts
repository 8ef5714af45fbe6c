// Figures the mission pages derive from what the server sent: where the bars should have reached
// by now, and the points of the cumulative chart. Pure, so they are tested as they are.
import type { MissionChartPoint } from '@/components/charts/mission-progress-chart';
import { missionElapsedShare } from '@/lib/kpi/definitions';

/** The share of the window the targets called for by now, weighted by each site's target (the KPI module's). */
export const expectedShare = missionElapsedShare;

export const ALL_SITES = '*';

type Series = { days: string[]; sites: { code: string; target: number; cumulative: number[] }[] };

/** Cumulative successes of one site, or of every site summed, beside a steady line to the target. */
export function chartPoints(series: Series, site: string): { points: MissionChartPoint[]; target: number } {
  const chosen = site === ALL_SITES ? series.sites : series.sites.filter((s) => s.code === site);
  const target = chosen.reduce((sum, s) => sum + s.target, 0);
  const known = Math.max(0, ...chosen.map((s) => s.cumulative.length));
  const days = series.days.length;
  const points = series.days.map((day, i): MissionChartPoint => {
    const plan = (target * (i + 1)) / days;
    if (i >= known) return { day, plan };
    // A site a time zone behind has one day fewer: its latest figure stands in for that day.
    const achieved = chosen.reduce((sum, s) => sum + (s.cumulative.length === 0 ? 0 : s.cumulative[Math.min(i, s.cumulative.length - 1)]!), 0);
    return { day, plan, achieved };
  });
  return { points, target };
}
