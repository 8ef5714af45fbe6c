import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { auditLog, displays } from '@/db/schema';
import { cliActor } from '@/server/auth/principal';
import { contextFromRequest } from '@/server/trpc/request-context';
import { makeSite } from '@/test/fixtures';
import { DISPLAY_COOKIE, displayCookieHeader, displayCredentialOf } from './cookie';
import {
  createDisplay,
  displayPrincipalFromCredential,
  generatePairingCode,
  isDisplayActive,
  listDisplays,
  pairDisplay,
  PairingRefused,
  repairDisplay,
  revokeDisplay,
} from './service';
import { formatPairingCode, PAIRING_CODE_ALPHABET } from '@/lib/displays/display-input';

const NOW = new Date('2026-03-20T10:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

let h: DbHandle;
let tun: number;
let cas: number;
beforeAll(async () => {
  h = await createTestDb();
  tun = (await makeSite(h.db, { code: 'TUN' })).id;
  cas = (await makeSite(h.db, { code: 'CAS', timezone: 'Africa/Casablanca', country: 'MA' })).id;
});
afterAll(() => h.close());

const create = (name: string, sites: string[] | null = null, at = NOW) => createDisplay(h.db, cliActor(), { name, sites, locale: 'fr' }, at);

async function rowOf(id: number) {
  const [row] = await h.db.select().from(displays).where(eq(displays.id, id));
  return row!;
}

describe('pairing codes', () => {
  it('are 8 symbols of the unambiguous alphabet, random, and typed with or without the dash, in any case', async () => {
    const codes = Array.from({ length: 200 }, generatePairingCode);
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${PAIRING_CODE_ALPHABET}]{8}$`));
    expect(new Set(codes).size).toBe(200);
    expect(PAIRING_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    const { code } = await create('Typed loosely');
    const paired = await pairDisplay(h.db, { code: ` ${formatPairingCode(code).toLowerCase()} `, ip: '192.0.2.1', now: NOW });
    expect(paired.name).toBe('Typed loosely');
  });

  it('are stored only as a hash, expire after 15 minutes, and work once', async () => {
    const created = await create('Once', ['TUN']);
    expect(created.expiresAt).toEqual(later(15 * 60_000));
    const row = await rowOf(created.id);
    expect(JSON.stringify(row)).not.toContain(created.code);
    expect(row.pairingCodeHash).toMatch(/^[0-9a-f]{64}$/);

    const expired = await create('Too late');
    await expect(pairDisplay(h.db, { code: expired.code, ip: null, now: later(15 * 60_000) })).rejects.toBeInstanceOf(PairingRefused);

    const first = await pairDisplay(h.db, { code: created.code, ip: '192.0.2.7', now: later(60_000) });
    expect(first).toMatchObject({ displayId: created.id, wallboardPath: '/live/TUN', locale: 'fr' });
    expect(first.credential).toMatch(/^vd_[A-Za-z0-9_-]{43}$/);
    await expect(pairDisplay(h.db, { code: created.code, ip: null, now: later(61_000) })).rejects.toThrow(/unknown, already used or expired/);
    const stored = await rowOf(created.id);
    expect(JSON.stringify(stored)).not.toContain(first.credential);
    expect(stored.pairingCodeHash).toBeNull();
  });

  it('pair one screen only when two type the same code at once', async () => {
    const { code } = await create('Raced');
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => pairDisplay(h.db, { code, ip: null, now: NOW })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof PairingRefused)).toHaveLength(5);
  });

  it('refuse an unknown site or a blank name, writing nothing', async () => {
    const before = (await listDisplays(h.db, NOW)).length;
    await expect(create('Nowhere', ['TUN', 'ZZZ'])).rejects.toThrow(/Unknown site: ZZZ/);
    await expect(create('   ')).rejects.toThrow();
    expect((await listDisplays(h.db, NOW)).length).toBe(before);
  });
});

describe('a paired display', () => {
  it('resolves from its cookie to its scope, never expires by inactivity, and is seen at most once a minute', async () => {
    const created = await create('Lobby', ['TUN', 'CAS']);
    const { credential } = await pairDisplay(h.db, { code: created.code, ip: null, now: NOW });
    const principal = await displayPrincipalFromCredential(h.db, credential, later(365 * 86_400_000));
    expect(principal).toEqual({ kind: 'display', displayId: created.id, name: 'Lobby', siteIds: [tun, cas].sort((a, b) => a - b), locale: 'fr' });
    const seen = (await rowOf(created.id)).lastSeenAt!;
    await displayPrincipalFromCredential(h.db, credential, new Date(seen.getTime() + 30_000));
    expect((await rowOf(created.id)).lastSeenAt).toEqual(seen);
    await displayPrincipalFromCredential(h.db, credential, new Date(seen.getTime() + 61_000));
    expect((await rowOf(created.id)).lastSeenAt).toEqual(new Date(seen.getTime() + 61_000));
    const [listed] = (await listDisplays(h.db, NOW)).filter((d) => d.id === created.id);
    expect(listed).toMatchObject({ status: 'paired', sites: ['CAS', 'TUN'], wallboardPath: '/live?site=CAS&site=TUN', pairingExpiresAt: null });
  });

  it('is a request principal only through its cookie, and only without a session or an Authorization header', async () => {
    const created = await create('Cookie');
    const { credential } = await pairDisplay(h.db, { code: created.code, ip: null, now: NOW });
    const cookie = displayCookieHeader(credential, false).split(';')[0]!;
    expect(displayCredentialOf(`a=b; ${cookie}`)).toBe(credential);
    const ctx = (headers: Record<string, string>) => contextFromRequest(new Request('http://vigie.test/api/trpc/x', { headers }), { handle: h, now: () => NOW });
    expect((await ctx({ cookie })).principal).toMatchObject({ kind: 'display', displayId: created.id, siteIds: [] });
    // A bearer header is judged alone, even a bad one; a credential in a header is no bearer secret.
    expect((await ctx({ cookie, authorization: 'Bearer nope' })).principal).toEqual({ kind: 'anonymous' });
    expect((await ctx({ authorization: `Bearer ${credential}` })).principal).toEqual({ kind: 'anonymous' });
    expect((await ctx({ cookie: `${DISPLAY_COOKIE}=${credential.slice(0, -1)}x` })).principal).toEqual({ kind: 'anonymous' });
  });

  it('is refused on the next request once revoked, and its open stream learns it', async () => {
    const created = await create('Revoked');
    const { credential } = await pairDisplay(h.db, { code: created.code, ip: null, now: NOW });
    const connectedAt = later(1000);
    expect(await isDisplayActive(h.db, created.id, connectedAt, later(2000))).toBe(true);
    await revokeDisplay(h.db, cliActor(), created.id, later(3000));
    expect(await displayPrincipalFromCredential(h.db, credential, later(4000))).toBeNull();
    expect(await isDisplayActive(h.db, created.id, connectedAt, later(4000))).toBe(false);
    await expect(revokeDisplay(h.db, cliActor(), created.id, later(5000))).rejects.toThrow(/not found/);
    const [listed] = (await listDisplays(h.db, NOW)).filter((d) => d.id === created.id);
    expect(listed?.status).toBe('revoked');
  });

  it('loses its credential when paired again, and the new screen gets a new one', async () => {
    const created = await create('Moved', ['CAS']);
    const old = await pairDisplay(h.db, { code: created.code, ip: null, now: NOW });
    const connectedAt = later(1000);
    const again = await repairDisplay(h.db, cliActor(), created.id, later(60_000));
    expect(again.code).not.toBe(created.code);
    expect(await displayPrincipalFromCredential(h.db, old.credential, later(61_000))).toBeNull();
    expect((await listDisplays(h.db, later(61_000))).find((d) => d.id === created.id)?.status).toBe('waiting');
    const fresh = await pairDisplay(h.db, { code: again.code, ip: null, now: later(120_000) });
    expect(fresh.credential).not.toBe(old.credential);
    // The old screen's stream connected before the new pairing: it ends.
    expect(await isDisplayActive(h.db, created.id, connectedAt, later(121_000))).toBe(false);
    expect(await isDisplayActive(h.db, created.id, later(121_000), later(121_000))).toBe(true);
    // A revoked display may be paired again too.
    await revokeDisplay(h.db, cliActor(), created.id, later(130_000));
    const revived = await repairDisplay(h.db, cliActor(), created.id, later(140_000));
    expect((await pairDisplay(h.db, { code: revived.code, ip: null, now: later(150_000) })).wallboardPath).toBe('/live/CAS');
    await expect(repairDisplay(h.db, cliActor(), 999_999, NOW)).rejects.toThrow(/not found/);
  });

  it('shows an unpaired code as expired once its 15 minutes are over', async () => {
    const created = await create('Forgotten');
    const at = (ms: number) => listDisplays(h.db, later(ms)).then((all) => all.find((d) => d.id === created.id));
    expect(await at(14 * 60_000)).toMatchObject({ status: 'waiting', pairingExpiresAt: created.expiresAt });
    expect(await at(15 * 60_000)).toMatchObject({ status: 'expired', pairingExpiresAt: null });
  });

  it('audits every write, the screen pairing included (with its address), never with a code or a credential', async () => {
    const created = await create('Audited', ['TUN']);
    const paired = await pairDisplay(h.db, { code: created.code, ip: '198.51.100.4', now: NOW });
    const again = await repairDisplay(h.db, cliActor(), created.id, NOW);
    await revokeDisplay(h.db, cliActor(), created.id, NOW);
    const rows = await h.db.select().from(auditLog).where(eq(auditLog.entityId, String(created.id)));
    const mine = rows.filter((r) => r.entity === 'display');
    expect(mine.map((r) => r.action)).toEqual(['display.create', 'display.pair', 'display.repair', 'display.revoke']);
    expect(mine[1]).toMatchObject({ actorType: 'system', actorLabel: 'display screen (198.51.100.4)', details: { name: 'Audited', sites: ['TUN'], ip: '198.51.100.4' } });
    const text = JSON.stringify(mine);
    for (const secret of [created.code, again.code, paired.credential]) expect(text).not.toContain(secret);
  });
});
