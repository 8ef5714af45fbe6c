// QA by category from the site_qa_category_day rollup (kept by ingest's recomputeSiteQaDays),
// summed by a key (a site, a week) over sites and site-local days; for HQ, less the evaluations
// awaiting their blind re-score, which are few (a handful per open worklist) and read raw.
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../client';
import type { QaCategory } from '../schema';
import { typedArray } from './ingest/unnest-arrays';
import { awaitingRescore } from './qa-calibration';

export type CategorySumsArgs = {
  /** null: every site. */
  siteIds: readonly number[] | null;
  from: string;
  to: string;
  withoutAwaitingRescore?: boolean;
};

export type CategorySums<K> = { key: K; category: QaCategory; percentSum: number; scores: number; evaluations: number };

/**
 * Per `key(siteId, day)` and category, over the given sites' site-scope evaluations whose
 * site-local day is in from..to: Σ criterion percentages of the scores that apply, how many, and
 * from how many evaluations. A key and category with no score left is absent; rows come in key
 * order, then the category enum's.
 */
export async function categorySumsBy<K extends string | number>(db: Db, key: (siteId: SQL, day: SQL) => SQL, args: CategorySumsArgs): Promise<CategorySums<K>[]> {
  if (args.siteIds !== null && args.siteIds.length === 0) return [];
  const ofSites = (column: SQL) => (args.siteIds === null ? sql`` : sql`and ${column} = any(${typedArray(args.siteIds, 'int4')})`);
  const hidden = args.withoutAwaitingRescore;
  const less = (column: string) => (hidden ? sql`r.${sql.raw(column)} - coalesce(h.${sql.raw(column)}, 0)` : sql`r.${sql.raw(column)}`);
  const rows = rowsOf<{ key: K; category: QaCategory; percent_sum: number; scores: string | number; evaluations: string | number }>(
    await db.execute(sql`
      with r as (
        select ${key(sql`d.site_id`, sql`d.day`)} as key, d.category, sum(d.percent_sum) as percent_sum,
          sum(d.scores) as scores, sum(d.evaluations) as evaluations
        from site_qa_category_day d
        where d.day between ${args.from}::date and ${args.to}::date ${ofSites(sql`d.site_id`)}
        group by 1, 2
      )${
        hidden
          ? sql`, h as (
        select ${key(sql`e.site_id`, sql`e.local_day`)} as key, k.category, sum(s.score / k.max_score * 100) as percent_sum,
          count(*) as scores, count(distinct e.id) as evaluations
        from qa_evaluations e
        join qa_scores s on s.site_id = e.site_id and s.evaluation_id = e.id and s.score is not null
        join qa_criteria k on k.id = s.criterion_id
        where e.scope = 'site' and e.local_day between ${args.from}::date and ${args.to}::date ${ofSites(sql`e.site_id`)}
          and ${awaitingRescore(sql`e.site_id`, sql`e.id`)}
        group by 1, 2
      )`
          : sql``
      }
      select r.key, r.category, (${less('percent_sum')})::float8 as percent_sum, (${less('scores')})::int8 as scores,
        (${less('evaluations')})::int8 as evaluations
      from r ${hidden ? sql`left join h on h.key = r.key and h.category = r.category` : sql``}
      where ${less('scores')} > 0
      order by r.key, r.category`),
  );
  return rows.map((r) => ({ key: r.key, category: r.category, percentSum: Number(r.percent_sum), scores: Number(r.scores), evaluations: Number(r.evaluations) }));
}
