// live.snapshot through createCaller: HQ watches any sites or the network, a site lead their own
// site only, a paired display its own scope whatever it asks for; a site key and an anonymous
// caller nothing. Unknown codes are NOT_FOUND for HQ and FORBIDDEN for a lead (no probing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import type { DisplayPrincipal, Principal } from '@/server/auth/principal';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { makePrincipal, makeSite, siteKeyPrincipal, trpcCode } from '@/test/fixtures';

let h: DbHandle;
let tun: { id: number };
let dkr: { id: number };
const NOW = new Date('2026-11-02T10:07:00Z');

beforeAll(async () => {
  h = await createTestDb();
  tun = await makeSite(h.db, { code: 'TUN', timezone: 'Africa/Tunis' });
  dkr = await makeSite(h.db, { code: 'DKR', timezone: 'Africa/Dakar', country: 'SN' });
  await makeSite(h.db, { code: 'OLD', active: false });
});
afterAll(() => h.close());

const caller = (principal?: Principal) => createCaller(createInnerContext({ db: h.db, driver: h.driver, principal, now: () => NOW }));
const display = (siteIds: number[]): DisplayPrincipal => ({ kind: 'display', displayId: 7, name: 'Lobby', siteIds, locale: 'fr' });

describe('live.snapshot', () => {
  it('gives HQ the network (every active site) or the sites it names', async () => {
    const hq = caller(await makePrincipal(h.db, 'hq_manager'));
    const network = await hq.live.snapshot({});
    expect(network.siteCodes).toBeNull();
    expect(network.sites.map((s) => s.code)).toEqual(['DKR', 'TUN']);
    const some = await hq.live.snapshot({ site: ['tun', 'OLD'] });
    expect(some.siteCodes).toEqual(['OLD', 'TUN']);
    expect(await trpcCode(() => hq.live.snapshot({ site: 'NOPE' }))).toBe('NOT_FOUND');
  });

  it("gives a site lead their own site, whether they name it or not, and nothing of another site's", async () => {
    const lead = caller(await makePrincipal(h.db, 'site_lead', tun.id));
    expect((await lead.live.snapshot({})).sites.map((s) => s.code)).toEqual(['TUN']);
    expect((await lead.live.snapshot({ site: 'TUN' })).siteCodes).toEqual(['TUN']);
    expect(await trpcCode(() => lead.live.snapshot({ site: 'DKR' }))).toBe('FORBIDDEN');
    expect(await trpcCode(() => lead.live.snapshot({ site: ['TUN', 'DKR'] }))).toBe('FORBIDDEN');
    // The same answer for a code that does not exist: a lead cannot probe for sites.
    expect(await trpcCode(() => lead.live.snapshot({ site: 'NOPE' }))).toBe('FORBIDDEN');
  });

  it('gives a paired display its own scope and ignores what it asks for', async () => {
    const lobby = caller(display([dkr.id]));
    expect((await lobby.live.snapshot({})).siteCodes).toEqual(['DKR']);
    expect((await lobby.live.snapshot({ site: 'TUN' })).siteCodes).toEqual(['DKR']);
    const wall = caller(display([]));
    expect((await wall.live.snapshot({ site: 'TUN' })).siteCodes).toBeNull();
  });

  it('refuses a site key and an anonymous caller', async () => {
    expect(await trpcCode(() => caller(siteKeyPrincipal(tun.id)).live.snapshot({}))).toBe('FORBIDDEN');
    expect(await trpcCode(() => caller().live.snapshot({}))).toBe('UNAUTHORIZED');
    const token = { ...(await makePrincipal(h.db, 'admin')), via: 'token' as const, tokenId: 3 };
    expect(await trpcCode(() => caller(token).live.snapshot({}))).toBe('FORBIDDEN');
  });

  it('rejects a malformed site code with BAD_REQUEST', async () => {
    const hq = caller(await makePrincipal(h.db, 'admin'));
    expect(await trpcCode(() => hq.live.snapshot({ site: 'not a code!' }))).toBe('BAD_REQUEST');
  });
});
