// The displays router through createCaller: an admin's whole round (create, list, pair, re-pair,
// revoke), bad input refused with its reasons, and every other caller refused, writing nothing.
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { auditLog, displays } from '@/db/schema';
import { cliActor, type Principal } from '@/server/auth/principal';
import { createInnerContext, createCallerFactory, createTRPCRouter } from '@/server/trpc/init';
import { makePrincipal, makeSite, siteKeyPrincipal, trpcCode } from '@/test/fixtures';
import { displaysRouter } from './router';
import { createDisplay, displayPrincipalFromCredential, pairDisplay } from './service';

const NOW = new Date('2026-03-20T10:00:00Z');
const createCaller = createCallerFactory(createTRPCRouter({ displays: displaysRouter }));

let h: DbHandle;
let tun: number;
const callerAs = (principal: Principal) => createCaller(createInnerContext({ db: h.db, principal, now: () => NOW })).displays;

beforeAll(async () => {
  h = await createTestDb();
  tun = (await makeSite(h.db, { code: 'TUN' })).id;
  await makeSite(h.db, { code: 'DKR', country: 'SN', timezone: 'Africa/Dakar' });
});
afterAll(() => h.close());

async function writes() {
  const [d] = await h.db.select({ n: count() }).from(displays);
  const [a] = await h.db.select({ n: count() }).from(auditLog);
  return { displays: d!.n, audit: a!.n };
}

describe('displays router', () => {
  it('lets an admin create a display, see it waiting with its code expiry, then paired, re-paired and revoked', async () => {
    const admin = callerAs(await makePrincipal(h.db, 'admin'));
    const created = await admin.create({ name: 'Dakar floor', sites: ['dkr'], locale: 'fr' });
    expect(created.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(created.expiresAt).toEqual(new Date(NOW.getTime() + 15 * 60_000));
    expect(await admin.list()).toContainEqual(
      expect.objectContaining({ id: created.id, name: 'Dakar floor', sites: ['DKR'], locale: 'fr', status: 'waiting', wallboardPath: '/live/DKR' }),
    );
    // The list never carries a code or a credential.
    const paired = await pairDisplay(h.db, { code: created.code, ip: null, now: NOW });
    const listed = JSON.stringify(await admin.list());
    expect(listed).not.toContain(created.code);
    expect(listed).not.toContain(paired.credential);
    expect((await admin.list()).find((d) => d.id === created.id)?.status).toBe('paired');

    const again = await admin.repair({ id: created.id });
    expect(again.code).not.toBe(created.code);
    expect(await displayPrincipalFromCredential(h.db, paired.credential, NOW)).toBeNull();
    const revoked = await admin.revoke({ id: created.id });
    expect(revoked.revokedAt).toEqual(NOW);
    expect((await admin.list()).find((d) => d.id === created.id)?.status).toBe('revoked');
    expect(await trpcCode(() => admin.revoke({ id: created.id }))).toBe('NOT_FOUND');
  });

  it('creates a network display when no site is named', async () => {
    const admin = callerAs(await makePrincipal(h.db, 'admin'));
    const created = await admin.create({ name: 'HQ lobby', sites: null, locale: 'en' });
    expect((await admin.list()).find((d) => d.id === created.id)).toMatchObject({ sites: null, wallboardPath: '/live' });
  });

  it('refuses bad input with its reasons, writing nothing', async () => {
    const admin = callerAs(await makePrincipal(h.db, 'admin'));
    const before = await writes();
    for (const input of [
      { name: '', sites: null, locale: 'en' },
      { name: 'x'.repeat(101), sites: null, locale: 'en' },
      { name: 'No sites', sites: [], locale: 'en' },
      { name: 'Bad code', sites: ['T1'], locale: 'en' },
      { name: 'Bad language', sites: null, locale: 'de' },
      { name: 'Unknown site', sites: ['ZZZ'], locale: 'en' },
    ]) {
      expect(await trpcCode(() => admin.create(input as never)), JSON.stringify(input)).toBe('BAD_REQUEST');
    }
    expect(await trpcCode(() => admin.repair({ id: 0 }))).toBe('BAD_REQUEST');
    expect(await trpcCode(() => admin.repair({ id: 987_654 }))).toBe('NOT_FOUND');
    expect(await writes()).toEqual(before);
  });

  it('refuses every other caller: HQ managers and site leads (403), a site key (403), a display and nobody (401)', async () => {
    const target = await createDisplay(h.db, cliActor(), { name: 'Target', sites: ['TUN'], locale: 'en' }, NOW);
    const paired = await pairDisplay(h.db, { code: target.code, ip: null, now: NOW });
    const display = (await displayPrincipalFromCredential(h.db, paired.credential, NOW))!;
    const callers: [string, Principal, string][] = [
      ['hq_manager', await makePrincipal(h.db, 'hq_manager'), 'FORBIDDEN'],
      ['site_lead', await makePrincipal(h.db, 'site_lead', tun), 'FORBIDDEN'],
      ['site key', siteKeyPrincipal(tun), 'FORBIDDEN'],
      ['display', display, 'UNAUTHORIZED'],
      ['anonymous', { kind: 'anonymous' }, 'UNAUTHORIZED'],
    ];
    const before = await writes();
    const outcomes: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const [name, principal, code] of callers) {
      const api = callerAs(principal);
      for (const [op, run] of [
        ['list', () => api.list()],
        ['create', () => api.create({ name: `By ${name}`, sites: null, locale: 'en' })],
        ['repair', () => api.repair({ id: target.id })],
        ['revoke', () => api.revoke({ id: target.id })],
      ] as const) {
        outcomes[`${name} ${op}`] = await trpcCode(run);
        expected[`${name} ${op}`] = code;
      }
    }
    expect(outcomes).toEqual(expected);
    expect(await writes()).toEqual(before);
    // The display refused above is still paired: nothing it tried had an effect.
    expect(await displayPrincipalFromCredential(h.db, paired.credential, NOW)).not.toBeNull();
  });
});
