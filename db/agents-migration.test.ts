// The migration that adds the agent rollups, run on a database that already holds call records
// and evaluations: it fills agent_day, agent_qa_day and agent_qa_category_day from the stored
// site-local days exactly as ingest's recompute (db/queries/ingest/rollups.ts) does.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from './client';
import { migrateDatabase } from './migrate';
import { recomputeSiteDays, recomputeSiteQaDays } from './queries/ingest/rollups';
import { scratchDatabase, type ScratchDatabase } from './testing-migrations';

const FIRST_WITH_AGENTS = '0012_agents';
let scratch: ScratchDatabase;

beforeAll(async () => {
  scratch = await scratchDatabase();
});
afterAll(async () => {
  await scratch?.close();
});

// Sums of doubles may differ in the last bits with the order of addition.
const normal = (row: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v]));

async function snapshot() {
  const db = scratch.handle.db;
  const read = async (table: string, keys: string) =>
    rowsOf<Record<string, unknown>>(
      await db.execute(
        sql.raw(`
          select s.code, to_char(t.day, 'YYYY-MM-DD') as day_text, t.* from ${table} t join sites s on s.id = t.site_id
          order by s.code, t.day, ${keys}`),
      ),
    ).map(({ site_id: _, day: __, day_text, ...row }): Record<string, unknown> => ({ ...normal(row), day: day_text }));
  return {
    agents: await read('agent_day', 't.agent_ref'),
    qa: await read('agent_qa_day', 't.agent_ref'),
    categories: await read('agent_qa_category_day', 't.agent_ref, t.category'),
    siteCategories: await read('site_qa_category_day', 't.category'),
  };
}

describe(`migration ${FIRST_WITH_AGENTS}`, () => {
  it('fills the agent rollups of the rows already stored, the same as ingest recomputes them', async () => {
    const db = scratch.handle.db;
    await scratch.migrateBefore(FIRST_WITH_AGENTS);
    await db.execute(sql`
      insert into sites (code, name, country, timezone, sla_seconds)
      values ('PAR', 'Paris', 'FR', 'Europe/Paris', 20), ('TUN', 'Tunis', 'TN', 'Africa/Tunis', 30)`);
    // p7 is filed on the day an older tz release gave it (23:30 UTC is 00:30 on the 26th in Paris
    // today): the backfill follows the stored day, as ingest's recompute does.
    await db.execute(sql`
      insert into call_records (site_id, external_id, direction, queue, agent_ref, started_at, wait_seconds, talk_seconds,
        hold_seconds, wrap_seconds, abandoned, resolved, csat, local_day)
      select s.id, c.external_id, c.direction::call_direction, 'billing', c.agent_ref, c.started_at::timestamptz, c.wait, c.talk,
        c.hold, c.wrap, c.abandoned, c.resolved, c.csat, c.day::date
      from (values
        ('PAR', 'p1', 'inbound', 'A1', '2026-03-28T23:00:00Z', 5, 100.0, 5.0, 10.0, false, true, 5, '2026-03-29'),
        ('PAR', 'p2', 'inbound', 'A1', '2026-03-29T08:00:00Z', 3, 0.0, 0.0, 0.0, true, null, null, '2026-03-29'),
        ('PAR', 'p3', 'inbound', 'A1', '2026-03-29T09:00:00Z', 40, 0.0, 0.0, 0.0, true, null, null, '2026-03-29'),
        ('PAR', 'p4', 'outbound', 'A2', '2026-03-29T10:00:00Z', 0, 200.5, 0.0, 30.0, false, false, 3, '2026-03-29'),
        ('PAR', 'p5', 'inbound', null, '2026-03-29T11:00:00Z', 10, 60.0, 0.0, 5.0, false, true, 4, '2026-03-29'),
        ('PAR', 'p6', 'inbound', 'A1', '2026-10-25T09:00:00Z', 20, 150.0, 12.5, 20.0, false, true, 4, '2026-10-25'),
        ('PAR', 'p7', 'inbound', 'A2', '2026-10-25T23:30:00Z', 21, 80.0, 0.0, 0.0, false, null, 2, '2026-10-25'),
        ('TUN', 't1', 'inbound', 'A1', '2026-03-10T08:00:00Z', 25, 90.0, 0.0, 15.0, false, true, null, '2026-03-10'),
        ('TUN', 't2', 'inbound', 'A1', '2026-03-10T09:00:00Z', 35, 110.0, 20.0, 0.0, false, false, 1, '2026-03-10')
      ) as c(code, external_id, direction, agent_ref, started_at, wait, talk, hold, wrap, abandoned, resolved, csat, day)
      join sites s on s.code = c.code`);

    await db.execute(sql`insert into qa_forms (code, version, name, status) values ('STD', 1, 'Standard', 'published')`);
    await db.execute(sql`
      insert into qa_criteria (form_id, key, label, category, weight, max_score, critical, position)
      select f.id, c.key, c.key, c.category::qa_category, c.weight, c.max_score, c.critical, c.position
      from qa_forms f cross join (values
        ('clarity', 'language', 2, 5, false, 0), ('grammar', 'language', 1, 4, false, 1),
        ('local_context', 'culture', 1, 5, false, 2), ('identity_check', 'compliance', 1, 2, true, 3)
      ) as c(key, category, weight, max_score, critical, position)`);
    // h1 is HQ's re-score of e1: HQ evaluations never count in a site's or an agent's QA.
    await db.execute(sql`
      insert into qa_evaluations (site_id, scope, external_id, form_id, agent_ref, evaluator, evaluated_at, local_day, score, critical_failed)
      select s.id, e.scope::qa_scope, e.external_id, f.id, e.agent_ref, 'QA', e.at::timestamptz, e.day::date, e.score, e.critical_failed
      from (values
        ('PAR', 'site', 'e1', 'A1', '2026-03-29T08:00:00Z', '2026-03-29', 90.0, false),
        ('PAR', 'site', 'e2', 'A1', '2026-03-29T09:00:00Z', '2026-03-29', 0.0, true),
        ('PAR', 'site', 'e3', 'A2', '2026-03-29T10:00:00Z', '2026-03-29', null, false),
        ('PAR', 'hq', 'h1', 'A1', '2026-03-29T12:00:00Z', '2026-03-29', 50.0, false),
        ('TUN', 'site', 'e4', 'A3', '2026-03-10T10:00:00Z', '2026-03-10', 75.0, false)
      ) as e(code, scope, external_id, agent_ref, at, day, score, critical_failed)
      join sites s on s.code = e.code cross join qa_forms f`);
    await db.execute(sql`
      insert into qa_scores (site_id, evaluation_id, criterion_id, score)
      select e.site_id, e.id, c.id, x.score
      from (values
        ('e1', 'clarity', 5.0), ('e1', 'grammar', 2.0), ('e1', 'local_context', 5.0), ('e1', 'identity_check', 2.0),
        ('e2', 'clarity', 4.0), ('e2', 'grammar', null), ('e2', 'local_context', null), ('e2', 'identity_check', 0.0),
        ('e3', 'clarity', null), ('e3', 'grammar', null), ('e3', 'local_context', null), ('e3', 'identity_check', null),
        ('h1', 'clarity', 1.0), ('h1', 'grammar', 1.0), ('h1', 'local_context', 1.0), ('h1', 'identity_check', 2.0),
        ('e4', 'clarity', 3.0), ('e4', 'grammar', 4.0), ('e4', 'local_context', 2.5), ('e4', 'identity_check', 2.0)
      ) as x(external_id, key, score)
      join qa_evaluations e on e.external_id = x.external_id
      join qa_criteria c on c.key = x.key`);

    await migrateDatabase(scratch.handle);
    const backfilled = await snapshot();

    // By hand: PAR's call without an agent and HQ's re-score are left out; A1 on 29 March has a
    // short abandon (not offered), an abandon after 40 s and one handled call.
    expect(
      backfilled.agents.map((r) => [r.code, r.day, r.agent_ref, r.calls, r.offered, r.handled, r.abandoned, r.short_abandons]),
    ).toEqual([
      ['PAR', '2026-03-29', 'A1', 3, 2, 1, 1, 1],
      ['PAR', '2026-03-29', 'A2', 1, 0, 1, 0, 0],
      ['PAR', '2026-10-25', 'A1', 1, 1, 1, 0, 0],
      ['PAR', '2026-10-25', 'A2', 1, 1, 1, 0, 0],
      ['TUN', '2026-03-10', 'A1', 2, 2, 2, 0, 0],
    ]);
    expect(backfilled.agents.map((r) => [r.agent_ref, r.answered_within_sla, r.handle_seconds, r.csat_responses])).toEqual([
      ['A1', 1, 115, 1],
      ['A2', 0, 230.5, 1],
      ['A1', 1, 182.5, 1],
      ['A2', 0, 80, 1],
      ['A1', 1, 235, 1],
    ]);
    expect(backfilled.qa.map((r) => [r.code, r.agent_ref, r.evaluations, r.scored_evaluations, r.score_sum, r.critical_fails])).toEqual([
      ['PAR', 'A1', 2, 2, 90, 1],
      ['PAR', 'A2', 1, 0, 0, 0],
      ['TUN', 'A3', 1, 1, 75, 0],
    ]);
    expect(backfilled.categories.map((r) => [r.code, r.agent_ref, r.category, r.percent_sum, r.scores])).toEqual([
      ['PAR', 'A1', 'language', 230, 3],
      ['PAR', 'A1', 'culture', 100, 1],
      ['PAR', 'A1', 'compliance', 100, 2],
      ['TUN', 'A3', 'language', 160, 2],
      ['TUN', 'A3', 'culture', 50, 1],
      ['TUN', 'A3', 'compliance', 100, 1],
    ]);

    // A later migration (0013) keeps the same sums per site and category, with the evaluations
    // they came from.
    const perSite = new Map<string, { percent_sum: number; scores: number }>();
    for (const r of backfilled.categories) {
      const key = `${r.code}|${r.day}|${r.category}`;
      const sums = perSite.get(key) ?? { percent_sum: 0, scores: 0 };
      perSite.set(key, { percent_sum: sums.percent_sum + Number(r.percent_sum), scores: sums.scores + Number(r.scores) });
    }
    expect(new Map(backfilled.siteCategories.map((r) => [`${r.code}|${r.day}|${r.category}`, { percent_sum: r.percent_sum, scores: r.scores }]))).toEqual(perSite);
    expect(backfilled.siteCategories.every((r) => Number(r.evaluations) >= 1 && Number(r.evaluations) <= Number(r.scores))).toBe(true);

    // Ingest's own recompute, from empty agent tables, gives the same rows.
    await db.execute(sql`delete from site_qa_category_day`);
    await db.execute(sql`delete from agent_qa_category_day`);
    await db.execute(sql`delete from agent_qa_day`);
    await db.execute(sql`delete from agent_day`);
    const days = rowsOf<{ id: number; timezone: string; days: string }>(
      await db.execute(sql`
        select s.id, s.timezone, string_agg(distinct d.day::text, ',') as days
        from sites s join (select site_id, local_day as day from call_records union select site_id, local_day from qa_evaluations) d
          on d.site_id = s.id
        group by s.id, s.timezone`),
    );
    await db.transaction(async (tx) => {
      for (const site of days) {
        await recomputeSiteDays(tx, { id: site.id, timezone: site.timezone }, site.days.split(','));
        await recomputeSiteQaDays(tx, site.id, site.days.split(','));
      }
    });
    expect(await snapshot()).toEqual(backfilled);
  });
});
