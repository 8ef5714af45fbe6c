// The audit log: one row per write (who, what, when), appended in the writer's transaction, and
// read back by admins newest first, one page at a time.
import { and, asc, desc, eq, gte, ilike, lt, sql, type SQL } from 'drizzle-orm';
import { auditLog, sites, type actorType, type AuditEntry } from '../schema';
import type { Db } from '../client';

export async function insertAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}

/** Audit rows of a write made of many items (one row per item). */
export async function insertAuditEntries(tx: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(auditLog).values([...entries]);
}

export type AuditActorType = (typeof actorType.enumValues)[number];

export type AuditFilter = {
  /** Part of the actor's label (an e-mail address, "site key telephony", "cli (…)"), any case. */
  actor?: string;
  actorType?: AuditActorType;
  /** An action exactly ("user.create"), or a family of actions by its prefix ending in a dot ("user."). */
  action?: string;
  entity?: string;
  siteId?: number;
  /** Entries at or after this instant. */
  from?: Date;
  /** Entries before this instant. */
  to?: Date;
};

export type AuditRow = {
  id: number;
  at: Date;
  actorType: AuditActorType;
  actorId: number | null;
  actorLabel: string;
  action: string;
  entity: string;
  entityId: string | null;
  site: { code: string; name: string } | null;
  details: Record<string, unknown>;
};

/** LIKE treats % and _ as wildcards: a label the admin types is matched literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditions(filter: AuditFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.actor) where.push(ilike(auditLog.actorLabel, `%${likeLiteral(filter.actor)}%`));
  if (filter.actorType) where.push(eq(auditLog.actorType, filter.actorType));
  if (filter.action) {
    where.push(filter.action.endsWith('.') ? sql`starts_with(${auditLog.action}, ${filter.action})` : eq(auditLog.action, filter.action));
  }
  if (filter.entity) where.push(eq(auditLog.entity, filter.entity));
  if (filter.siteId !== undefined) where.push(eq(auditLog.siteId, filter.siteId));
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lt(auditLog.at, filter.to));
  return where;
}

/**
 * One page of entries, newest first. Paged by id (keyset): ids grow with every insert, so a page
 * never repeats or skips an entry while new ones arrive, and the primary key serves the order.
 */
export async function listAuditEntries(db: Db, args: { filter: AuditFilter; before?: number; limit: number }): Promise<AuditRow[]> {
  const where = conditions(args.filter);
  if (args.before !== undefined) where.push(lt(auditLog.id, args.before));
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      actorLabel: auditLog.actorLabel,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      siteCode: sites.code,
      siteName: sites.name,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(sites, eq(sites.id, auditLog.siteId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(args.limit);
  return rows.map(({ siteCode, siteName, ...row }) => ({
    ...row,
    site: siteCode !== null && siteName !== null ? { code: siteCode, name: siteName } : null,
  }));
}

/** The actions and entities that occur in the log, for the filters. */
export async function listAuditVocabulary(db: Db): Promise<{ actions: string[]; entities: string[] }> {
  const [actions, entities] = await Promise.all([
    db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)),
    db.selectDistinct({ entity: auditLog.entity }).from(auditLog).orderBy(asc(auditLog.entity)),
  ]);
  return { actions: actions.map((r) => r.action), entities: entities.map((r) => r.entity) };
}
