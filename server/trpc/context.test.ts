import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { createTestAccounts, sessionClaimsFor, type TestAccounts } from '@/server/users/test-accounts';
import { PEER_HEADER, peerStamp } from '@/server/security/client-address';
import { clientIpOf, contextFromRequest } from './context';

let h: DbHandle;
let a: TestAccounts;

beforeAll(async () => {
  h = await createTestDb();
  a = await createTestAccounts(h.db);
});
afterAll(async () => {
  await h.close();
});

const request = (headers: Record<string, string>) => new Request('http://localhost/api/trpc/sites.list', { headers });

describe('request context', () => {
  it('resolves a site key from the Authorization header without reading the session', async () => {
    let sessionRead = false;
    const ctx = await contextFromRequest(request({ authorization: `Bearer ${a.siteKeySecret}` }), {
      handle: h,
      session: async () => {
        sessionRead = true;
        return sessionClaimsFor(h.db, a.users.admin.id);
      },
    });
    expect(ctx.principal).toMatchObject({ kind: 'site_key', siteId: a.sites.tun.id });
    expect(sessionRead).toBe(false);
  });

  it('treats a bad bearer secret as anonymous, even with a session cookie', async () => {
    const ctx = await contextFromRequest(request({ authorization: 'Bearer vk_not-a-real-key' }), {
      handle: h,
      session: () => sessionClaimsFor(h.db, a.users.admin.id),
    });
    expect(ctx.principal.kind).toBe('anonymous');
  });

  it("uses the session's user, re-read from the database, when there is no Authorization header", async () => {
    const ctx = await contextFromRequest(request({}), { handle: h, session: () => sessionClaimsFor(h.db, a.users.lead.id) });
    expect(ctx.principal).toMatchObject({ kind: 'user', via: 'session', role: 'site_lead', siteId: a.sites.tun.id });
    const none = await contextFromRequest(request({}), { handle: h, session: async () => null });
    expect(none.principal.kind).toBe('anonymous');
  });

  it("takes the client's address from the connection, not from headers the caller wrote", () => {
    const stamped = (extra: Record<string, string>) => new Headers({ [PEER_HEADER]: peerStamp('198.51.100.4'), ...extra });
    expect(clientIpOf(stamped({}))).toBe('198.51.100.4');
    // Without a trusted proxy, X-Forwarded-For and X-Real-IP name nothing.
    expect(clientIpOf(stamped({ 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '10.0.0.2' }))).toBe('198.51.100.4');
    // Unstamped (not through the server) or forged: no address.
    expect(clientIpOf(new Headers({ 'x-forwarded-for': '203.0.113.7', [PEER_HEADER]: 'forged' }))).toBeNull();
  });
});
