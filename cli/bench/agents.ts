// `vigie bench agents`: agents.table (REST GET /api/v1/agents) on a site of 300 agents over 90
// days, beside a few other sites for the network, on PGlite and PostgreSQL. The agent rollups are
// written directly (as ingest would leave them: one agent_day row per agent and day, QA on one day
// in three), then the procedure is called N times through the router as HQ, whose reads also look
// for evaluations awaiting a blind re-score. agents.list and agents.get are timed beside it.
import { sql } from 'drizzle-orm';
import { rowsOf, type DbHandle } from '@/db/client';
import { sites } from '@/db/schema';
import type { UserPrincipal } from '@/server/auth/principal';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { shiftDay } from '@/lib/kpi/periods';
import { scratchDatabase, type BenchDriver } from './databases';
import { fmt, table, timeRuns } from './stats';

export type AgentsBenchOptions = { agents: number; days: number; otherSites: number; runs: number; drivers: BenchDriver[]; serverUrl: string };

const LAST_DAY = '2026-10-31';
/** Agents of each other site: enough for a network median, fewer than the measured site. */
const OTHER_SITE_AGENTS = 100;

const HQ: UserPrincipal = { kind: 'user', via: 'session', userId: 0, email: 'bench@vigie.test', name: 'Bench', role: 'hq_manager', siteId: null, locale: 'en' };

/** One site's agent rollups over the days: every agent every day, QA on one day in three, five categories each. */
async function fillSite(handle: DbHandle, siteId: number, agents: number, firstDay: string, days: number, seed: number) {
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(${seed})`);
    // Handled 20–40 a day; AHT around 280–340 s, and one agent in 97 far slower (a flag to find).
    await tx.execute(sql`
      insert into agent_day (site_id, day, agent_ref, calls, inbound_calls, offered, handled, inbound_handled, abandoned,
        handle_seconds, talk_seconds, hold_seconds, wrap_seconds, inbound_handled_wait_seconds, answered_within_sla,
        resolved_known, resolved_true, csat_responses, csat_top2, csat_sum)
      select ${siteId}, ${firstDay}::date + d, 'AG' || lpad(a::text, 4, '0'), h + 2, h + 2, h + 1, h, h, 1,
        h * (280 + 60 * r1 + case when a % 97 = 0 then 500 else 0 end), h * (240 + 60 * r1), h * 20, h * 20, h * 15 * r2, floor(h * 0.8),
        h - 2, floor((h - 2) * (0.6 + 0.3 * r2)), floor(h / 3), floor(h / 3 * (0.7 + 0.3 * r1)), floor(h / 3) * 4
      from (select a, d, 20 + floor(random() * 20)::int as h, random() as r1, random() as r2
            from generate_series(1, ${agents}) a, generate_series(0, ${days - 1}) d) x`);
    await tx.execute(sql`
      insert into agent_qa_day (site_id, day, agent_ref, evaluations, scored_evaluations, score_sum, critical_fails)
      select ${siteId}, ${firstDay}::date + d, 'AG' || lpad(a::text, 4, '0'), 1, 1, 60 + 40 * random(), (random() < 0.05)::int
      from generate_series(1, ${agents}) a, generate_series(0, ${days - 1}) d
      where (a + d) % 3 = 0`);
    await tx.execute(sql`
      insert into agent_qa_category_day (site_id, day, agent_ref, category, percent_sum, scores)
      select q.site_id, q.day, q.agent_ref, c, 2 * (50 + 50 * random()), 2
      from agent_qa_day q, unnest(enum_range(null::qa_category)) c
      where q.site_id = ${siteId}`);
  });
}

export async function buildAgentsBench(handle: DbHandle, opts: AgentsBenchOptions): Promise<{ rows: number }> {
  const firstDay = shiftDay(LAST_DAY, -(opts.days - 1));
  const codes = ['AGT', ...Array.from({ length: opts.otherSites }, (_, i) => `AO${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`)];
  for (const [i, code] of codes.entries()) {
    const [site] = await handle.db
      .insert(sites)
      .values({ code, name: `Bench ${code}`, country: 'FR', timezone: 'Africa/Tunis' })
      .returning({ id: sites.id });
    await fillSite(handle, site!.id, i === 0 ? opts.agents : OTHER_SITE_AGENTS, firstDay, opts.days, (i + 1) / (codes.length + 1));
  }
  await handle.db.execute(sql`analyze`);
  const [counted] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from agent_day`));
  return { rows: counted?.n ?? 0 };
}

async function time(runs: number, run: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(5, runs); i++) await run(); // warm caches and plans
  return timeRuns(runs, run);
}

export async function benchAgents(opts: AgentsBenchOptions): Promise<string> {
  const log = (s: string) => console.error(s);
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  const range = { site: 'AGT', from: shiftDay(LAST_DAY, -(opts.days - 1)), to: LAST_DAY };
  for (const driver of opts.drivers) {
    const handle = await scratchDatabase(driver, opts.serverUrl, 'agents');
    try {
      const started = performance.now();
      const { rows: agentDays } = await buildAgentsBench(handle, opts);
      log(`${driver}: ${agentDays.toLocaleString('en')} agent_day rows written in ${fmt((performance.now() - started) / 1000)} s`);
      const caller = createCaller(createInnerContext({ db: handle.db, driver: handle.driver, principal: HQ }));
      const answer = await caller.agents.table(range);
      notes.push(`${driver}: agents.table answers ${answer.agents.length} agents, ${answer.agents.filter((a) => a.outlier).length} flagged`);
      const measured = [
        { name: 'agents.table (REST)', runs: opts.runs, run: () => caller.agents.table(range) },
        { name: 'agents.list (page)', runs: Math.max(10, Math.ceil(opts.runs / 4)), run: () => caller.agents.list(range) },
        { name: 'agents.get (agent page)', runs: Math.max(10, Math.ceil(opts.runs / 4)), run: () => caller.agents.get({ ...range, agentRef: 'AG0097' }) },
      ];
      for (const m of measured) {
        const t = await time(m.runs, m.run);
        rows.push([driver, m.name, t.runs, fmt(t.p50), fmt(t.p95), fmt(t.p99)]);
      }
    } finally {
      await handle.close();
    }
  }
  return [
    `Agents of one site: ${opts.agents} agents × ${opts.days} days, with ${opts.otherSites} other sites of ${OTHER_SITE_AGENTS} agents for the network; called as HQ.`,
    'Times in ms, after 5 warm-up calls.',
    '',
    table(['driver', 'procedure', 'runs', 'p50 ms', 'p95 ms', 'p99 ms'], rows),
    '',
    ...notes,
  ].join('\n');
}
