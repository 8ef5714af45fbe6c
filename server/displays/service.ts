// Wall displays (issue "Today, live"): an admin creates a display with a scope and gets a short
// pairing code; the screen types it once and receives a long random credential in an http-only
// cookie, which then shows that wallboard and nothing else, with no inactivity expiry, until an
// admin revokes it or pairs the display again. Codes and credentials are stored hashed.
import { randomBytes, randomInt } from 'node:crypto';
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import {
  consumePairingCode,
  findDisplay,
  findPairedDisplayByCredentialHash,
  insertDisplay,
  isDisplayPairedSince,
  listDisplayRows,
  resetPairing,
  revokeDisplayRow,
  siteCodesById,
  siteIdsByCode,
  touchDisplay,
} from '@/db/queries/displays';
import type { DisplayRow } from '@/db/schema';
import type { Actor, DisplayPrincipal } from '@/server/auth/principal';
import { hashSecret } from '@/server/auth/secrets';
import { badRequest, DomainError, notFound } from '@/server/errors';
import {
  createDisplayInput,
  normalisePairingCode,
  PAIRING_CODE_ALPHABET,
  PAIRING_CODE_LENGTH,
  PAIRING_CODE_MINUTES,
  wallboardPathOf,
  type CreateDisplayInput,
  type DisplayStatus,
} from '@/lib/displays/display-input';

const CREDENTIAL_PREFIX = 'vd_';

/** A fresh pairing code: 8 symbols of 31 (about 40 bits), drawn by the CSPRNG. */
export function generatePairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)];
  return code;
}

/**
 * A code is kept only as a hash, like keys and tokens. Its 40 bits would not resist an offline
 * search by someone holding the database, but it lives 15 minutes, works once, and guessing it
 * online is held back by the per-address limit (pairing-route.ts).
 */
export function hashPairingCode(code: string): string {
  return hashSecret(`pairing:${normalisePairingCode(code)}`);
}

/** A display's credential: a prefix and 32 random bytes, which only its hash in the database matches. */
export function generateDisplayCredential(): { credential: string; hash: string } {
  const credential = CREDENTIAL_PREFIX + randomBytes(32).toString('base64url');
  return { credential, hash: hashSecret(credential) };
}

/** Whether a string is shaped like a display credential (cheap check before any lookup). */
export function looksLikeDisplayCredential(value: string): boolean {
  return value.startsWith(CREDENTIAL_PREFIX) && value.length === CREDENTIAL_PREFIX.length + 43 && /^[A-Za-z0-9_-]+$/.test(value.slice(3));
}

export function statusOf(row: Pick<DisplayRow, 'revokedAt' | 'credentialHash' | 'pairingExpiresAt'>, now: Date): DisplayStatus {
  if (row.revokedAt) return 'revoked';
  if (row.credentialHash) return 'paired';
  return row.pairingExpiresAt && row.pairingExpiresAt.getTime() > now.getTime() ? 'waiting' : 'expired';
}

const auditOf = (row: DisplayRow, siteCodes: string[] | null) => ({ name: row.name, sites: siteCodes, locale: row.locale });

async function codesOf(db: Db, siteIds: readonly number[]): Promise<string[] | null> {
  if (siteIds.length === 0) return null;
  const byId = await siteCodesById(db, siteIds);
  return siteIds.map((id) => byId.get(id) ?? `#${id}`).sort();
}

function expiryFrom(now: Date): Date {
  return new Date(now.getTime() + PAIRING_CODE_MINUTES * 60_000);
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 4; i++, e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

/** Draws codes until one is free (a clash among live codes is one in billions; three tries are plenty). */
async function withFreshCode<T>(write: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const code = generatePairingCode();
    try {
      return await write(code);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

export type PairingCode = { code: string; expiresAt: Date };

export async function createDisplay(db: Db, actor: Actor, input: CreateDisplayInput, now: Date): Promise<{ id: number; name: string } & PairingCode> {
  const parsed = createDisplayInput.parse(input);
  let siteIds: number[] = [];
  if (parsed.sites) {
    const byCode = await siteIdsByCode(db, parsed.sites);
    const unknown = parsed.sites.filter((code) => !byCode.has(code));
    if (unknown.length > 0) throw badRequest(`Unknown site${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
    siteIds = parsed.sites.map((code) => byCode.get(code)!).sort((a, b) => a - b);
  }
  const expiresAt = expiryFrom(now);
  return withFreshCode((code) =>
    db.transaction(async (tx) => {
      const row = await insertDisplay(tx, {
        name: parsed.name,
        siteIds,
        locale: parsed.locale,
        pairingCodeHash: hashPairingCode(code),
        pairingExpiresAt: expiresAt,
        createdBy: actor.actorType === 'user' ? actor.actorId : null,
      });
      await insertAudit(tx, { ...actor, action: 'display.create', entity: 'display', entityId: String(row.id), details: auditOf(row, parsed.sites) });
      return { id: row.id, name: row.name, code, expiresAt };
    }),
  );
}

export type DisplaySummary = {
  id: number;
  name: string;
  /** Site codes; null = the whole network. */
  sites: string[] | null;
  locale: DisplayRow['locale'];
  status: DisplayStatus;
  wallboardPath: string;
  createdAt: Date;
  pairingExpiresAt: Date | null;
  pairedAt: Date | null;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
};

export async function listDisplays(db: Db, now: Date): Promise<DisplaySummary[]> {
  const rows = await listDisplayRows(db);
  const byId = await siteCodesById(db, [...new Set(rows.flatMap((r) => r.siteIds))]);
  return rows.map((row) => {
    const sites = row.siteIds.length === 0 ? null : row.siteIds.map((id) => byId.get(id) ?? `#${id}`).sort();
    const status = statusOf(row, now);
    return {
      id: row.id,
      name: row.name,
      sites,
      locale: row.locale,
      status,
      wallboardPath: wallboardPathOf(sites),
      createdAt: row.createdAt,
      pairingExpiresAt: status === 'waiting' ? row.pairingExpiresAt : null,
      pairedAt: row.pairedAt,
      lastSeenAt: row.lastSeenAt,
      revokedAt: row.revokedAt,
    };
  });
}

/** A new pairing code for a display (a new screen, or a lost code): its current credential stops working. */
export async function repairDisplay(db: Db, actor: Actor, id: number, now: Date): Promise<{ id: number; name: string } & PairingCode> {
  const before = await findDisplay(db, id);
  if (!before) throw notFound('Display');
  const expiresAt = expiryFrom(now);
  return withFreshCode((code) =>
    db.transaction(async (tx) => {
      const row = await resetPairing(tx, { id, codeHash: hashPairingCode(code), expiresAt });
      if (!row) throw notFound('Display');
      await insertAudit(tx, {
        ...actor,
        action: 'display.repair',
        entity: 'display',
        entityId: String(id),
        details: { ...auditOf(row, await codesOf(tx, row.siteIds)), previous: statusOf(before, now) },
      });
      return { id, name: row.name, code, expiresAt };
    }),
  );
}

export async function revokeDisplay(db: Db, actor: Actor, id: number, now: Date): Promise<{ id: number; name: string; revokedAt: Date }> {
  return db.transaction(async (tx) => {
    const row = await revokeDisplayRow(tx, { id, now });
    if (!row) throw notFound('Active display');
    await insertAudit(tx, { ...actor, action: 'display.revoke', entity: 'display', entityId: String(id), details: auditOf(row, await codesOf(tx, row.siteIds)) });
    return { id, name: row.name, revokedAt: now };
  });
}

/** A pairing code that is unknown, used, expired or revoked: the screen is told so, and to ask for a new one. */
export class PairingRefused extends DomainError {
  constructor() {
    super('BAD_REQUEST', 'This pairing code is unknown, already used or expired: create a new one under Settings → Displays');
  }
}

export type Paired = { credential: string; displayId: number; name: string; wallboardPath: string; locale: DisplayRow['locale'] };

/** Exchanges a typed code for a credential, once. `ip` is the screen's address, for the audit log. */
export async function pairDisplay(db: Db, args: { code: string; ip: string | null; now: Date }): Promise<Paired> {
  const { credential, hash } = generateDisplayCredential();
  return db.transaction(async (tx) => {
    const row = await consumePairingCode(tx, { codeHash: hashPairingCode(args.code), credentialHash: hash, now: args.now });
    if (!row) throw new PairingRefused();
    const sites = await codesOf(tx, row.siteIds);
    await insertAudit(tx, {
      actorType: 'system',
      actorId: null,
      actorLabel: `display screen (${args.ip ?? 'address unknown'})`,
      action: 'display.pair',
      entity: 'display',
      entityId: String(row.id),
      details: { ...auditOf(row, sites), ip: args.ip },
    });
    return { credential, displayId: row.id, name: row.name, wallboardPath: wallboardPathOf(sites), locale: row.locale };
  });
}

/**
 * The display a credential belongs to, or null (unknown, re-paired or revoked: the next request
 * after a revocation is nobody's). Records the display as seen at most once a minute.
 */
export async function displayPrincipalFromCredential(db: Db, credential: string, now: Date): Promise<DisplayPrincipal | null> {
  if (!looksLikeDisplayCredential(credential)) return null;
  const row = await findPairedDisplayByCredentialHash(db, hashSecret(credential));
  if (!row) return null;
  if (!row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() >= 60_000) await touchDisplay(db, row.id, now);
  return { kind: 'display', displayId: row.id, name: row.name, siteIds: [...row.siteIds], locale: row.locale };
}

/**
 * For a live stream a display holds open: whether the display is still paired with the credential
 * it connected with (`connectedAt`: when that credential was resolved, which is on or after its
 * pairing). A revocation or a new pairing since then answers false; the stream should then end,
 * and the screen's reconnection is refused. An open stream also counts as the display being seen.
 */
export async function isDisplayActive(db: Db, displayId: number, connectedAt: Date, now: Date = new Date()): Promise<boolean> {
  // A few seconds of slack for instances whose clocks differ: a new pairing takes longer than that.
  const state = await isDisplayPairedSince(db, displayId, new Date(connectedAt.getTime() + 5_000));
  if (!state) return false;
  if (!state.lastSeenAt || now.getTime() - state.lastSeenAt.getTime() >= 60_000) await touchDisplay(db, displayId, now);
  return true;
}

/** The wallboard a paired display opens (its scope's /live address). */
export async function wallboardPathOfDisplay(db: Db, display: Pick<DisplayPrincipal, 'siteIds'>): Promise<string> {
  return wallboardPathOf(await codesOf(db, display.siteIds));
}
