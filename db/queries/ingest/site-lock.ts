// The ingest lock of a site (batches of one site run one after the other) and the freshness of
// its feed. Every function takes the transaction the batch runs in.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../client';
import { instant } from './unnest-arrays';

/** Class of the advisory lock that serialises the ingest batches of one site. */
const INGEST_LOCK_CLASS = 4_242;

export type IngestSite = { id: number; timezone: string; slaSeconds: number; active: boolean };

/**
 * Takes the site's ingest lock for the rest of the transaction and reads the site. Two batches of
 * one site run one after the other, so each rollup recompute sees the other's committed records
 * and the old day of a moved record is read after any concurrent move of it: rollups stay exact.
 * Batches of different sites run side by side.
 */
export async function lockSiteForIngest(tx: Db, siteId: number): Promise<IngestSite | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(${INGEST_LOCK_CLASS}, ${siteId}::int)`);
  const rows = rowsOf<{ id: number; timezone: string; sla_seconds: number; active: boolean }>(
    await tx.execute(sql`select id, timezone, sla_seconds, active from sites where id = ${siteId}`),
  );
  const row = rows[0];
  return row ? { id: row.id, timezone: row.timezone, slaSeconds: row.sla_seconds, active: row.active } : null;
}

/** Records an accepted push, for the freshness of the site's feed. */
export async function touchSiteFeed(tx: Db, siteId: number, kind: 'calls' | 'evaluations', at?: Date): Promise<void> {
  const when = instant(at);
  const column = kind === 'calls' ? sql`last_call_push_at` : sql`last_evaluation_push_at`;
  await tx.execute(sql`
    insert into site_feeds (site_id, last_push_at, ${column}) values (${siteId}, ${when}, ${when})
    on conflict (site_id) do update set
      last_push_at = greatest(site_feeds.last_push_at, excluded.last_push_at),
      ${column} = greatest(site_feeds.${column}, excluded.${column})`);
}
