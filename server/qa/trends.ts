// Weekly QA trends: each shown site's QA score (mean of its site-scope evaluations, from the
// site_day rollups), the network's, and the criterion scores per category pooled over the shown
// sites. Weeks without evaluations are present with null scores, so a chart shows a gap.
import type { Db } from '@/db/client';
import { addDays } from '@/db/local-time';
import { listSitesForKpis } from '@/db/queries/kpis';
import { weeklyCategoryQa, weeklySiteQa } from '@/db/queries/qa-evaluations';
import type { QaCategory } from '@/db/schema';
import type { SiteScope } from '@/server/auth/principal';
import { mayReadNetworkFigure } from '@/server/kpi/lead-network';
import { validRange } from '@/server/kpi/request-range';
import { categoryPercent } from '@/lib/kpi/qa';
import { QA_CATEGORIES } from '@/lib/qa/form-input';
import { awaitingRescoreSums, readsBlind, withoutAwaiting } from './blind-rescore';
import { periodsOf } from './periods';
import { rangeWithSites } from '@/lib/qa/qa-input';
import { selectQaSites } from './site-access';

export type QaTrendPoint = { week: string; score: number | null; evaluations: number };
export type CategoryTrend = {
  category: QaCategory;
  /** Over the whole range: mean criterion score as a percentage of its maximum. */
  percent: number | null;
  scores: number;
  points: { week: string; percent: number | null; scores: number }[];
};

export type QaTrends = {
  from: string;
  to: string;
  weeks: string[];
  network: QaTrendPoint[];
  /** The network over the whole range. */
  networkTotal: { score: number | null; evaluations: number };
  sites: { code: string; name: string; score: number | null; evaluations: number; points: QaTrendPoint[] }[];
  categories: CategoryTrend[];
};

type Sums = { evaluations: number; scored: number; scoreSum: number };

const scoreOf = (s: Sums | undefined) => (s && s.scored > 0 ? s.scoreSum / s.scored : null);

function add(a: Sums | undefined, b: Sums): Sums {
  return { evaluations: (a?.evaluations ?? 0) + b.evaluations, scored: (a?.scored ?? 0) + b.scored, scoreSum: (a?.scoreSum ?? 0) + b.scoreSum };
}

const minDay = (a: string, b: string) => (a < b ? a : b);

async function readSites(db: Db, ids: number[]) {
  return (await listSitesForKpis(db)).filter((s) => ids.includes(s.id));
}

export async function buildQaTrends(db: Db, args: { scope: SiteScope; input: { from: string; to: string; sites?: string | string[] } }): Promise<QaTrends> {
  const input = rangeWithSites.parse(args.input);
  const range = validRange(input.from, input.to);
  const { shown, networkSiteIds } = await selectQaSites(db, args.scope, input.sites);
  const shownIds = shown.map((s) => s.id);
  const readIds = [...new Set([...networkSiteIds, ...shownIds])];
  const [weeklySums, categoryWeeks, awaiting] = await Promise.all([
    weeklySiteQa(db, { siteIds: readIds, ...range }),
    weeklyCategoryQa(db, { siteIds: shownIds, ...range, withoutAwaitingRescore: readsBlind(args.scope) }),
    awaitingRescoreSums(db, args.scope, await readSites(db, readIds)),
  ]);
  // HQ's figures leave out the evaluations it has yet to re-score blind.
  const siteWeeks = weeklySums.map((row) => {
    const hidden = awaiting.inRange(row.siteId, row.week < range.from ? range.from : row.week, minDay(addDays(row.week, 6), range.to));
    const parts = withoutAwaiting({ qaEvaluations: row.evaluations, qaScoredEvaluations: row.scored, qaScoreSum: row.scoreSum }, hidden);
    return { ...row, evaluations: parts.qaEvaluations, scored: parts.qaScoredEvaluations, scoreSum: parts.qaScoreSum };
  });
  const weeks = periodsOf(range, 'week');

  const networkIds = new Set(networkSiteIds);
  const network = new Map<string, Sums>();
  const bySite = new Map<string, Sums>();
  const contributors = new Map<string, number[]>();
  let networkTotal: Sums | undefined;
  for (const row of siteWeeks) {
    bySite.set(`${row.siteId}:${row.week}`, row);
    if (!networkIds.has(row.siteId) || row.evaluations === 0) continue;
    network.set(row.week, add(network.get(row.week), row));
    contributors.set(row.week, [...(contributors.get(row.week) ?? []), row.siteId]);
    networkTotal = add(networkTotal, row);
  }
  // A lead reads a network figure only when three other sites contribute to it.
  for (const [week, ids] of contributors) if (!mayReadNetworkFigure(args.scope, ids)) network.delete(week);
  if (!mayReadNetworkFigure(args.scope, new Set([...contributors.values()].flat()))) networkTotal = undefined;
  const pointsOf = (sumsOf: (week: string) => Sums | undefined): QaTrendPoint[] =>
    weeks.map((week) => {
      const sums = sumsOf(week);
      return { week, score: scoreOf(sums), evaluations: sums?.evaluations ?? 0 };
    });

  const categories: CategoryTrend[] = QA_CATEGORIES.flatMap((category) => {
    const rows = categoryWeeks.filter((r) => r.category === category);
    if (rows.length === 0) return [];
    const byWeek = new Map(rows.map((r) => [r.week, r]));
    const percentSum = rows.reduce((a, r) => a + r.percentSum, 0);
    const scores = rows.reduce((a, r) => a + r.scores, 0);
    return [
      {
        category,
        percent: categoryPercent(percentSum, scores),
        scores,
        points: weeks.map((week) => {
          const r = byWeek.get(week);
          return { week, percent: r ? categoryPercent(r.percentSum, r.scores) : null, scores: r?.scores ?? 0 };
        }),
      },
    ];
  });

  return {
    ...range,
    weeks,
    network: pointsOf((week) => network.get(week)),
    networkTotal: { score: scoreOf(networkTotal), evaluations: networkTotal?.evaluations ?? 0 },
    sites: shown.map((site) => {
      let total: Sums | undefined;
      for (const week of weeks) {
        const sums = bySite.get(`${site.id}:${week}`);
        if (sums) total = add(total, sums);
      }
      return {
        code: site.code,
        name: site.name,
        score: scoreOf(total),
        evaluations: total?.evaluations ?? 0,
        points: pointsOf((week) => bySite.get(`${site.id}:${week}`)),
      };
    }),
    categories,
  };
}
