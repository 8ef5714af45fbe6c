// Contracts and their statements: the versions of each site's contract (by the site-local day each
// takes effect), HQ's monthly exchange rates, and the statements HQ closed. Which version is in
// force on a day is decided in TypeScript from the versions, never in SQL.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { exchangeRates, siteContracts, sites, statementClosures, users, type ExchangeRateRow, type SiteContractRow } from '../schema';
import type { Statement } from '@/lib/contracts/statement-types';

export type NewContractVersion = Omit<typeof siteContracts.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

/** A stored version with its site's code and its author's name (null once the user is gone). */
export type ContractVersionRow = SiteContractRow & { siteCode: string; createdByName: string | null };

const versionColumns = {
  id: siteContracts.id,
  siteId: siteContracts.siteId,
  effectiveFrom: siteContracts.effectiveFrom,
  provider: siteContracts.provider,
  currency: siteContracts.currency,
  pricingModel: siteContracts.pricingModel,
  rate: siteContracts.rate,
  seats: siteContracts.seats,
  fixedMonthly: siteContracts.fixedMonthly,
  terms: siteContracts.terms,
  createdBy: siteContracts.createdBy,
  createdAt: siteContracts.createdAt,
  updatedAt: siteContracts.updatedAt,
  siteCode: sites.code,
  createdByName: users.name,
};

/** The versions of these sites (every site when `siteIds` is 'all'), by site and newest first. */
export async function listContractVersions(db: Db, siteIds: number[] | 'all'): Promise<ContractVersionRow[]> {
  if (siteIds !== 'all' && siteIds.length === 0) return [];
  return db
    .select(versionColumns)
    .from(siteContracts)
    .innerJoin(sites, eq(sites.id, siteContracts.siteId))
    .leftJoin(users, eq(users.id, siteContracts.createdBy))
    .where(siteIds === 'all' ? undefined : inArray(siteContracts.siteId, siteIds))
    .orderBy(asc(sites.code), desc(siteContracts.effectiveFrom));
}

export async function findContractVersion(db: Db, siteId: number, effectiveFrom: string): Promise<ContractVersionRow | null> {
  const [row] = await db
    .select(versionColumns)
    .from(siteContracts)
    .innerJoin(sites, eq(sites.id, siteContracts.siteId))
    .leftJoin(users, eq(users.id, siteContracts.createdBy))
    .where(and(eq(siteContracts.siteId, siteId), eq(siteContracts.effectiveFrom, effectiveFrom)))
    .limit(1);
  return row ?? null;
}

/**
 * Writes a version; one already taking effect that day is replaced (same id), its author and
 * time becoming the new writer's. One statement, so two saves of the same day both land.
 */
export async function upsertContractVersion(db: Db, values: NewContractVersion, at: Date): Promise<{ id: number; inserted: boolean }> {
  const { siteId: _siteId, effectiveFrom: _effectiveFrom, ...content } = values;
  const [row] = await db
    .insert(siteContracts)
    .values({ ...values, createdAt: at, updatedAt: at })
    .onConflictDoUpdate({ target: [siteContracts.siteId, siteContracts.effectiveFrom], set: { ...content, createdAt: at, updatedAt: at } })
    // xmax is 0 on a freshly inserted row and set on one the conflict clause updated.
    .returning({ id: siteContracts.id, inserted: sql<boolean>`(xmax = 0)` });
  if (!row) throw new Error('Saving a contract version returned no row');
  return row;
}

export async function deleteContractVersion(db: Db, siteId: number, effectiveFrom: string): Promise<SiteContractRow | null> {
  const [row] = await db
    .delete(siteContracts)
    .where(and(eq(siteContracts.siteId, siteId), eq(siteContracts.effectiveFrom, effectiveFrom)))
    .returning();
  return row ?? null;
}

/** The currencies contracts are written in, each once. */
export async function listContractCurrencies(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ currency: siteContracts.currency }).from(siteContracts).orderBy(asc(siteContracts.currency));
  return rows.map((r) => r.currency);
}

// ── Exchange rates ────────────────────────────────────────────────────────────────────────────

/** Rates of one month, or every rate (latest month first). */
export async function listExchangeRates(db: Db, month?: string): Promise<ExchangeRateRow[]> {
  return db
    .select()
    .from(exchangeRates)
    .where(month === undefined ? undefined : eq(exchangeRates.month, month))
    .orderBy(desc(exchangeRates.month), asc(exchangeRates.currency));
}

/** Rates of some months, for the currencies asked. */
export async function findExchangeRates(db: Db, months: string[], currencies: string[]): Promise<ExchangeRateRow[]> {
  if (months.length === 0 || currencies.length === 0) return [];
  return db
    .select()
    .from(exchangeRates)
    .where(and(inArray(exchangeRates.month, months), inArray(exchangeRates.currency, currencies)));
}

/** Sets a month's rate of a currency; answers the rate it replaced (null when there was none). */
export async function upsertExchangeRate(
  db: Db,
  values: { month: string; currency: string; rate: number; updatedBy: number | null },
  at: Date,
): Promise<{ row: ExchangeRateRow; previous: number | null }> {
  const [before] = await db
    .select({ rate: exchangeRates.rate })
    .from(exchangeRates)
    .where(and(eq(exchangeRates.month, values.month), eq(exchangeRates.currency, values.currency)))
    .for('update');
  const [row] = await db
    .insert(exchangeRates)
    .values({ ...values, updatedAt: at })
    .onConflictDoUpdate({ target: [exchangeRates.month, exchangeRates.currency], set: { rate: values.rate, updatedBy: values.updatedBy, updatedAt: at } })
    .returning();
  if (!row) throw new Error('Saving an exchange rate returned no row');
  return { row, previous: before?.rate ?? null };
}

// ── Closed statements ─────────────────────────────────────────────────────────────────────────

export type ClosureRow = { siteId: number; month: string; statement: Statement; closedAt: Date };

export async function findStatementClosure(db: Db, siteId: number, month: string): Promise<ClosureRow | null> {
  const [row] = await db
    .select({ siteId: statementClosures.siteId, month: statementClosures.month, statement: statementClosures.statement, closedAt: statementClosures.closedAt })
    .from(statementClosures)
    .where(and(eq(statementClosures.siteId, siteId), eq(statementClosures.month, month)))
    .limit(1);
  return row ?? null;
}

/** The closed statements of a month for these sites. */
export async function listStatementClosures(db: Db, month: string, siteIds: number[]): Promise<ClosureRow[]> {
  if (siteIds.length === 0) return [];
  return db
    .select({ siteId: statementClosures.siteId, month: statementClosures.month, statement: statementClosures.statement, closedAt: statementClosures.closedAt })
    .from(statementClosures)
    .where(and(eq(statementClosures.month, month), inArray(statementClosures.siteId, siteIds)));
}

/** Stores a closed statement unless the month is closed already (then null: closing is once). */
export async function insertStatementClosure(
  db: Db,
  values: { siteId: number; month: string; statement: Statement; closedBy: number | null; closedAt: Date },
): Promise<ClosureRow | null> {
  const [row] = await db
    .insert(statementClosures)
    .values(values)
    .onConflictDoNothing({ target: [statementClosures.siteId, statementClosures.month] })
    .returning({ siteId: statementClosures.siteId, month: statementClosures.month, statement: statementClosures.statement, closedAt: statementClosures.closedAt });
  return row ?? null;
}
