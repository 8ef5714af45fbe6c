import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/**
 * Gathers the planner's statistics for every table. PostgreSQL's autovacuum does this by itself;
 * PGlite never does, and without statistics its planner reads whole tables for the foreign-key
 * checks and the per-site lookups of ingest once they have grown.
 */
export async function refreshStatistics(db: Db): Promise<void> {
  await db.execute(sql`analyze`);
}
