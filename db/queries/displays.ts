// Wall displays: creation with a pairing code, the code's one-time exchange for a credential,
// re-pairing, revocation, and the lookup of a credential. Codes and credentials are stored hashed.
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../client';
import { displays, sites, type DisplayRow } from '../schema';

export type NewDisplay = {
  name: string;
  siteIds: number[];
  locale: DisplayRow['locale'];
  pairingCodeHash: string;
  pairingExpiresAt: Date;
  createdBy: number | null;
};

export async function insertDisplay(db: Db, values: NewDisplay): Promise<DisplayRow> {
  const [row] = await db.insert(displays).values(values).returning();
  return row!;
}

export async function listDisplayRows(db: Db): Promise<DisplayRow[]> {
  return db.select().from(displays).orderBy(asc(displays.name), asc(displays.id));
}

export async function findDisplay(db: Db, id: number): Promise<DisplayRow | null> {
  const [row] = await db.select().from(displays).where(eq(displays.id, id)).limit(1);
  return row ?? null;
}

/** Codes of sites by id (a display's scope is stored as site ids). */
export async function siteCodesById(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: sites.id, code: sites.code }).from(sites).where(inArray(sites.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** Ids of the sites with these codes, for those that exist. */
export async function siteIdsByCode(db: Db, codes: readonly string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ id: sites.id, code: sites.code }).from(sites).where(inArray(sites.code, [...codes]));
  return new Map(rows.map((r) => [r.code, r.id]));
}

/**
 * Exchanges a pairing code for a credential in one statement: only a code that is current, unused
 * and not revoked matches, and the same statement forgets it, so two screens typing the same code
 * at once cannot both pair (the second finds nothing).
 */
export async function consumePairingCode(db: Db, args: { codeHash: string; credentialHash: string; now: Date }): Promise<DisplayRow | null> {
  const [row] = await db
    .update(displays)
    .set({ credentialHash: args.credentialHash, pairingCodeHash: null, pairingExpiresAt: null, pairedAt: args.now, lastSeenAt: args.now })
    .where(and(eq(displays.pairingCodeHash, args.codeHash), gt(displays.pairingExpiresAt, args.now), isNull(displays.revokedAt)))
    .returning();
  return row ?? null;
}

/** A new pairing code for a display; its credential (if any) stops working, and a revoked display waits again. */
export async function resetPairing(db: Db, args: { id: number; codeHash: string; expiresAt: Date }): Promise<DisplayRow | null> {
  const [row] = await db
    .update(displays)
    .set({ pairingCodeHash: args.codeHash, pairingExpiresAt: args.expiresAt, credentialHash: null, pairedAt: null, revokedAt: null })
    .where(eq(displays.id, args.id))
    .returning();
  return row ?? null;
}

/** Revokes a display that is not revoked yet: its credential and any pending code stop working. */
export async function revokeDisplayRow(db: Db, args: { id: number; now: Date }): Promise<DisplayRow | null> {
  const [row] = await db
    .update(displays)
    .set({ revokedAt: args.now, credentialHash: null, pairingCodeHash: null, pairingExpiresAt: null })
    .where(and(eq(displays.id, args.id), isNull(displays.revokedAt)))
    .returning();
  return row ?? null;
}

/** The paired, unrevoked display holding this credential. */
export async function findPairedDisplayByCredentialHash(db: Db, credentialHash: string) {
  const [row] = await db
    .select({ id: displays.id, name: displays.name, siteIds: displays.siteIds, locale: displays.locale, lastSeenAt: displays.lastSeenAt, pairedAt: displays.pairedAt })
    .from(displays)
    .where(and(eq(displays.credentialHash, credentialHash), isNull(displays.revokedAt)))
    .limit(1);
  return row ?? null;
}

/** Whether a display is still paired with a credential issued at or before `pairedBy`. */
export async function isDisplayPairedSince(db: Db, id: number, pairedBy: Date): Promise<{ lastSeenAt: Date | null } | null> {
  const [row] = await db
    .select({ pairedAt: displays.pairedAt, lastSeenAt: displays.lastSeenAt })
    .from(displays)
    .where(and(eq(displays.id, id), isNull(displays.revokedAt), isNotNull(displays.credentialHash)))
    .limit(1);
  if (!row?.pairedAt || row.pairedAt.getTime() > pairedBy.getTime()) return null;
  return { lastSeenAt: row.lastSeenAt };
}

/** Records that a display was seen, at most once a minute, so a wallboard does not write on every request. */
export async function touchDisplay(db: Db, id: number, now: Date): Promise<void> {
  await db
    .update(displays)
    .set({ lastSeenAt: now })
    .where(and(eq(displays.id, id), or(isNull(displays.lastSeenAt), lt(displays.lastSeenAt, new Date(now.getTime() - 60_000)))));
}
