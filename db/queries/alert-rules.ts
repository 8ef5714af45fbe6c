// Alert rules: the rows the settings page and POST /api/v1/alert-rules write, and the site codes
// a rule's scope names (stored as ids, answered as codes).
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { alertRules, alertStates, alerts, sites, type AlertRuleRow } from '../schema';

export type NewAlertRule = typeof alertRules.$inferInsert;
export type AlertRulePatch = Partial<Omit<NewAlertRule, 'id' | 'builtIn' | 'createdBy' | 'createdAt' | 'updatedAt'>>;

export async function listAlertRuleRows(db: Db): Promise<AlertRuleRow[]> {
  return db.select().from(alertRules).orderBy(asc(alertRules.id));
}

export async function findAlertRule(db: Db, id: number): Promise<AlertRuleRow | null> {
  const [row] = await db.select().from(alertRules).where(eq(alertRules.id, id)).limit(1);
  return row ?? null;
}

/** The rule locked for the rest of the transaction, so two edits of it never interleave. */
export async function lockAlertRule(db: Db, id: number): Promise<AlertRuleRow | null> {
  const [row] = await db.select().from(alertRules).where(eq(alertRules.id, id)).limit(1).for('update');
  return row ?? null;
}

export async function insertAlertRule(db: Db, values: NewAlertRule): Promise<AlertRuleRow> {
  const [row] = await db.insert(alertRules).values(values).returning();
  if (!row) throw new Error('Inserting an alert rule returned no row');
  return row;
}

/** A built-in rule, unless one with its key is there already (then null). */
export async function insertBuiltInAlertRule(db: Db, values: NewAlertRule & { builtIn: string }): Promise<AlertRuleRow | null> {
  const [row] = await db.insert(alertRules).values(values).onConflictDoNothing({ target: alertRules.builtIn }).returning();
  return row ?? null;
}

export async function updateAlertRuleRow(db: Db, id: number, patch: AlertRulePatch): Promise<AlertRuleRow | null> {
  const [row] = await db
    .update(alertRules)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(alertRules.id, id))
    .returning();
  return row ?? null;
}

export async function deleteAlertRuleRow(db: Db, id: number): Promise<AlertRuleRow | null> {
  const [row] = await db.delete(alertRules).where(eq(alertRules.id, id)).returning();
  return row ?? null;
}

/** Active sites among these codes: a rule watches only sites that report. */
export async function findActiveSitesByCodes(db: Db, codes: readonly string[]): Promise<{ id: number; code: string }[]> {
  if (codes.length === 0) return [];
  return db
    .select({ id: sites.id, code: sites.code })
    .from(sites)
    .where(and(inArray(sites.code, [...codes]), eq(sites.active, true)));
}

/** Every site's code by id (inactive ones too: a rule may name a site closed since). */
export async function siteCodesById(db: Db): Promise<Map<number, string>> {
  const rows = await db.select({ id: sites.id, code: sites.code }).from(sites);
  return new Map(rows.map((r) => [r.id, r.code]));
}

/**
 * Closes a rule's open alerts and puts its scopes back to ok, when the rule is switched off or
 * deleted: the engine no longer looks at it, so nothing else would ever resolve them. The states'
 * versions move on, so a tick that read them before loses its claim.
 */
export async function closeOpenAlertsOfRule(db: Db, ruleId: number, at: Date): Promise<number[]> {
  const closed = await db
    .update(alerts)
    .set({ status: 'resolved', resolvedAt: at })
    .where(and(eq(alerts.ruleId, ruleId), eq(alerts.status, 'firing')))
    .returning({ id: alerts.id });
  await db
    .update(alertStates)
    .set({ state: 'ok', breachSince: null, alertId: null, version: sql`${alertStates.version} + 1` })
    .where(and(eq(alertStates.ruleId, ruleId), ne(alertStates.state, 'ok')));
  return closed.map((r) => r.id);
}
