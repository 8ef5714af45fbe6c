// The agents of a site: the REST table (GET /api/v1/agents), the page's richer table with flags,
// weekly trend and the site and network medians, and one agent's page. Figures by the site
// definitions (lib/agents/scorecard.ts), flags against the site's own agents (lib/agents/outliers.ts).
import type { Db } from '@/db/client';
import { agentSeenAtSite, listAgentEvaluations, readAgentWeeklyHandle } from '@/db/queries/agents';
import { readRosterNames } from '@/db/queries/roster';
import type { QaCategory } from '@/db/schema';
import type { SiteScope } from '@/server/auth/principal';
import { notFound } from '@/server/errors';
import { mayReadNetworkFigure } from '@/server/kpi/lead-network';
import { validRange } from '@/server/kpi/request-range';
import { readsBlind } from '@/server/qa/blind-rescore';
import type { AgentsTableOutput } from '@/lib/agents/agents-input';
import type { OutlierFlag } from '@/lib/agents/outliers';
import {
  agentScoreOf,
  agentTableRows,
  categoryFiguresOf,
  MEDIAN_FIELDS,
  medianRow,
  scoreSiteAgents,
  type AgentScore,
  type MedianField,
  type MedianRow,
} from '@/lib/agents/scorecard';
import { emptyParts, ratio } from '@/lib/kpi/definitions';
import { isoWeekStart, shiftDay } from '@/lib/kpi/periods';
import { categoryPercent } from '@/lib/kpi/qa';
import { QA_CATEGORIES } from '@/lib/qa/form-input';
import { readableAgentDays, readableAgentSums, readableCategorySums, siteAndNetwork } from './site-sums';

type Request = { scope: SiteScope; code: string; from: string; to: string };

/** GET /api/v1/agents: one site's agents, exactly the published shape. */
export async function buildAgentsTable(db: Db, args: Request): Promise<AgentsTableOutput> {
  const range = validRange(args.from, args.to);
  const { site } = await siteAndNetwork(db, args.scope, args.code);
  const [sums, names] = await Promise.all([readableAgentSums(db, args.scope, { siteIds: [site.id], ...range }), readRosterNames(db, site.id)]);
  return { site: site.code, ...range, agents: agentTableRows(sums, names) };
}

export type AgentListRow = AgentScore & {
  name: string | null;
  team: string | null;
  language: number | null;
  culture: number | null;
  flags: OutlierFlag[];
  /** AHT per site-local ISO week of the range (weeks without a handled call are null). */
  trend: { weekStart: string; ahtSeconds: number | null }[];
};

export type AgentsList = {
  site: { code: string; name: string };
  from: string;
  to: string;
  agents: AgentListRow[];
  medians: {
    site: MedianRow;
    /**
     * Over every agent of the network's sites; a column a lead may not read (fewer than three
     * other sites with the figure, server/kpi/lead-network.ts) is null and named in `withheld`.
     */
    network: MedianRow;
    withheld: MedianField[];
  };
};

/** The Monday of each ISO week the range touches, in order. */
function weekStartsOf(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let week = isoWeekStart(from); week <= to; week = shiftDay(week, 7)) weeks.push(week);
  return weeks;
}

type WithCategories = AgentScore & Partial<Record<QaCategory, number>>;

/** The page's table: the REST figures plus names, categories, flags, weekly AHT and the median rows. */
export async function buildAgentsList(db: Db, args: Request): Promise<AgentsList> {
  const range = validRange(args.from, args.to);
  const { site, network } = await siteAndNetwork(db, args.scope, args.code);
  const networkIds = network.map((s) => s.id);
  const [sums, categories, weekly, names] = await Promise.all([
    readableAgentSums(db, args.scope, { siteIds: networkIds, ...range }),
    readableCategorySums(db, args.scope, { siteIds: networkIds, ...range }),
    readAgentWeeklyHandle(db, { siteId: site.id, ...range }),
    readRosterNames(db, site.id),
  ]);

  // Every network site's agents scored with their categories; the site's own flagged against each other.
  const networkAgents: (WithCategories & { siteId: number })[] = [];
  for (const s of network) {
    const figures = categoryFiguresOf(categories.filter((c) => c.siteId === s.id));
    for (const sum of sums) if (sum.siteId === s.id) networkAgents.push({ ...agentScoreOf(sum), ...figures.get(sum.agentRef), siteId: s.id });
  }
  const siteSums = sums.filter((s) => s.siteId === site.id);
  const { flags } = scoreSiteAgents(siteSums);
  const siteAgents = networkAgents.filter((a) => a.siteId === site.id);

  const weeks = weekStartsOf(range.from, range.to);
  const trendOf = new Map<string, Map<string, number | null>>();
  for (const w of weekly) {
    const byWeek = trendOf.get(w.agentRef) ?? new Map<string, number | null>();
    byWeek.set(w.weekStart, ratio(w.handleSeconds, w.handled));
    trendOf.set(w.agentRef, byWeek);
  }

  const withheld = MEDIAN_FIELDS.filter(
    (field) =>
      !mayReadNetworkFigure(
        args.scope,
        networkAgents.filter((a) => typeof a[field] === 'number').map((a) => a.siteId),
      ),
  );
  const networkMedian = medianRow(networkAgents);
  for (const field of withheld) networkMedian[field] = null;
  // Even the number of agents would tell a lead about a lone other site.
  if (!mayReadNetworkFigure(args.scope, networkAgents.map((a) => a.siteId))) networkMedian.agents = null;

  return {
    site: { code: site.code, name: site.name },
    ...range,
    agents: siteAgents.map(({ siteId: _siteId, language, culture, ...score }) => {
      const roster = names.get(score.agentRef);
      const byWeek = trendOf.get(score.agentRef);
      return {
        ...(score as AgentScore),
        name: roster?.name ?? null,
        team: roster?.team ?? null,
        language: language ?? null,
        culture: culture ?? null,
        flags: flags.get(score.agentRef) ?? [],
        trend: weeks.map((weekStart) => ({ weekStart, ahtSeconds: byWeek?.get(weekStart) ?? null })),
      };
    }),
    medians: { site: medianRow(siteAgents), network: networkMedian, withheld },
  };
}

export type AgentDay = AgentScore & { day: string };
export type AgentEvaluation = {
  id: number;
  evaluatedAt: Date;
  day: string;
  evaluator: string;
  form: { code: string; version: number };
  /** Null when no criterion applied, or while withheld from HQ (scoreHidden). */
  score: number | null;
  criticalFailed: boolean;
  scoreHidden: boolean;
  hqScore: number | null;
};

export type AgentDetail = {
  site: { code: string; name: string };
  agentRef: string;
  name: string | null;
  team: string | null;
  startDate: string | null;
  endDate: string | null;
  from: string;
  to: string;
  score: AgentScore;
  /** Against the site's own agents over the same range. */
  flags: OutlierFlag[];
  siteMedian: MedianRow;
  days: AgentDay[];
  categories: { category: QaCategory; percent: number | null; scores: number }[];
  evaluations: AgentEvaluation[];
  /** More evaluations than the page lists (the newest are listed). */
  evaluationsTruncated: boolean;
};

export const AGENT_EVALUATIONS_LIMIT = 200;

/** One agent of a site: figures by day, evaluations, QA categories, flags. NOT_FOUND for an agent the site never saw. */
export async function buildAgentDetail(db: Db, args: Request & { agentRef: string }): Promise<AgentDetail> {
  const range = validRange(args.from, args.to);
  const { site } = await siteAndNetwork(db, args.scope, args.code);
  const agentRef = args.agentRef;
  if (!(await agentSeenAtSite(db, site.id, agentRef))) throw notFound('Agent');
  const [siteSums, days, categories, evaluations, names] = await Promise.all([
    readableAgentSums(db, args.scope, { siteIds: [site.id], ...range }),
    readableAgentDays(db, args.scope, { siteId: site.id, agentRef, ...range }),
    readableCategorySums(db, args.scope, { siteIds: [site.id], agentRefs: [agentRef], ...range }),
    listAgentEvaluations(db, { siteId: site.id, agentRef, ...range, limit: AGENT_EVALUATIONS_LIMIT + 1 }),
    readRosterNames(db, site.id),
  ]);
  const { scores, flags } = scoreSiteAgents(siteSums);
  const own = siteSums.find((s) => s.agentRef === agentRef);
  const roster = names.get(agentRef);
  const hq = readsBlind(args.scope);
  const byCategory = new Map(categories.map((c) => [c.category, c]));
  return {
    site: { code: site.code, name: site.name },
    agentRef,
    name: roster?.name ?? null,
    team: roster?.team ?? null,
    startDate: roster?.startDate ?? null,
    endDate: roster?.endDate ?? null,
    ...range,
    score: agentScoreOf(own ?? { siteId: site.id, agentRef, parts: emptyParts(), criticalFails: 0, holdSeconds: 0, wrapSeconds: 0 }),
    flags: flags.get(agentRef) ?? [],
    siteMedian: medianRow(scores),
    days: days.map((d) => ({ ...agentScoreOf(d), day: d.day })),
    categories: QA_CATEGORIES.flatMap((category) => {
      const c = byCategory.get(category);
      return c && c.scores > 0 ? [{ category, percent: categoryPercent(c.percentSum, c.scores), scores: c.scores }] : [];
    }),
    evaluations: evaluations.slice(0, AGENT_EVALUATIONS_LIMIT).map((e) => {
      // HQ does not see a score it has yet to re-score blind; the site does not learn it was drawn.
      const hidden = hq && e.awaitingRescore;
      return {
        id: e.id,
        evaluatedAt: e.evaluatedAt,
        day: e.day,
        evaluator: e.evaluator,
        form: { code: e.formCode, version: e.formVersion },
        score: hidden ? null : e.score,
        criticalFailed: hidden ? false : e.criticalFailed,
        scoreHidden: hidden,
        hqScore: e.hqScore,
      };
    }),
    evaluationsTruncated: evaluations.length > AGENT_EVALUATIONS_LIMIT,
  };
}
