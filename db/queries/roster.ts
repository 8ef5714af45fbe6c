// A site's roster (site_agents): who is behind an agent reference, their team and dates. Read by
// the agents table for names, written by the roster import, and a name removable on its own.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { siteAgents, type SiteAgentRow } from '../schema';
import type { RosterEntry } from '@/lib/agents/roster-csv';

export type RosterNames = Map<string, { name: string | null; team: string | null; startDate: string | null; endDate: string | null }>;

/** The site's roster by agent reference; a removed name is null (the team and dates stay). */
export async function readRosterNames(db: Db, siteId: number): Promise<RosterNames> {
  const rows = await db
    .select({ agentRef: siteAgents.agentRef, name: siteAgents.name, team: siteAgents.team, startDate: siteAgents.startDate, endDate: siteAgents.endDate })
    .from(siteAgents)
    .where(eq(siteAgents.siteId, siteId));
  return new Map(rows.map(({ agentRef, ...rest }) => [agentRef, rest]));
}

/** Class of the advisory lock that serialises the roster imports of one site. */
const ROSTER_LOCK_CLASS = 4_250;

/** One import of a site at a time, for the rest of the transaction: its checks against the stored roster hold until it writes. */
export async function lockSiteRoster(tx: Db, siteId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ROSTER_LOCK_CLASS}, ${siteId}::int)`);
}

export async function listRosterRows(db: Db, siteId: number): Promise<SiteAgentRow[]> {
  return db.select().from(siteAgents).where(eq(siteAgents.siteId, siteId)).orderBy(asc(siteAgents.agentRef));
}

// 8 parameters a row: 1,000 rows a statement stay far below PostgreSQL's 65,535 parameters.
const UPSERT_CHUNK = 1000;

/** The columns an import names: a column it leaves out keeps the stored value. */
export type RosterImportColumns = { team: boolean; startDate: boolean; endDate: boolean };

/**
 * Inserts or updates the people of an import (those absent from it are left as they are). For the
 * team and dates the file's columns are authoritative (an empty cell clears; a column left out
 * keeps), but an empty name keeps the stored one: removing a name is its own action, and a file
 * that names the person again brings the name back (nameRemovedAt cleared) while one that leaves
 * the cell empty keeps it removed.
 */
export async function upsertRosterRows(
  db: Db,
  siteId: number,
  entries: readonly RosterEntry[],
  columns: RosterImportColumns,
  at: Date,
): Promise<void> {
  for (let i = 0; i < entries.length; i += UPSERT_CHUNK) {
    const chunk = entries.slice(i, i + UPSERT_CHUNK);
    await db
      .insert(siteAgents)
      .values(chunk.map((e) => ({ siteId, agentRef: e.agentRef, name: e.name, team: e.team, startDate: e.startDate, endDate: e.endDate, importedAt: at, updatedAt: at })))
      .onConflictDoUpdate({
        target: [siteAgents.siteId, siteAgents.agentRef],
        set: {
          name: sql`coalesce(excluded.name, ${siteAgents.name})`,
          nameRemovedAt: sql`case when excluded.name is not null then null else ${siteAgents.nameRemovedAt} end`,
          ...(columns.team ? { team: sql`excluded.team` } : {}),
          ...(columns.startDate ? { startDate: sql`excluded.start_date` } : {}),
          ...(columns.endDate ? { endDate: sql`excluded.end_date` } : {}),
          importedAt: at,
          updatedAt: at,
        },
      });
  }
}

/** Removes the person's name (reference, team, dates and every figure stay); null when the reference is not on the roster. */
export async function removeRosterName(db: Db, siteId: number, agentRef: string, at: Date): Promise<SiteAgentRow | null> {
  const [row] = await db
    .update(siteAgents)
    .set({ name: null, nameRemovedAt: at, updatedAt: at })
    .where(and(eq(siteAgents.siteId, siteId), eq(siteAgents.agentRef, agentRef)))
    .returning();
  return row ?? null;
}
