import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog } from '@/db/schema';
import { cliActor } from '@/server/auth/principal';
import { principalFromSecret } from '@/server/auth/resolve';
import { hashSecret } from '@/server/auth/secrets';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { createTestDb } from '@/db/testing';
import { makePrincipal, makeSite, makeUser, siteKeyPrincipal } from '@/test/fixtures';
import { createSiteKey, createUserTokenByEmail, revokeSiteKeyByName, revokeUserTokenByEmail } from './service';

let h: DbHandle;
let tunId: number;
beforeAll(async () => {
  h = await createTestDb();
  tunId = (await makeSite(h.db, { code: 'TUN' })).id;
  await makeSite(h.db, { code: 'CAS', timezone: 'Africa/Casablanca', country: 'MA' });
});
afterAll(() => h.close());

describe('site keys', () => {
  it('are random, prefixed, stored only as a hash, and resolve to their own site', async () => {
    const a = await createSiteKey(h.db, cliActor(), { siteCode: 'tun', name: 'genesys export' });
    const b = await createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: 'qa tool' });
    expect(a.secret).toMatch(/^vk_[A-Za-z0-9_-]{43}$/); // 32 random bytes in base64url
    expect(a.secret).not.toBe(b.secret);
    const stored = await h.db.query.apiKeys.findFirst({ where: (k, { eq }) => eq(k.id, a.id) });
    expect(stored?.secretHash).toBe(hashSecret(a.secret));
    expect(JSON.stringify(stored)).not.toContain(a.secret);
    const principal = await principalFromSecret(h.db, a.secret);
    expect(principal).toMatchObject({ kind: 'site_key', siteId: tunId, keyName: 'genesys export' });
  });

  it('refuses a second active key of the same name, and an unknown site', async () => {
    await expect(createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: 'genesys export' })).rejects.toThrow(/already has an active key/);
    await expect(createSiteKey(h.db, cliActor(), { siteCode: 'ZZZ', name: 'x' })).rejects.toThrow(/Site ZZZ not found/);
  });

  it('stop working once revoked, and the name can be reused', async () => {
    const key = await createSiteKey(h.db, cliActor(), { siteCode: 'CAS', name: 'nightly' });
    await revokeSiteKeyByName(h.db, cliActor(), { siteCode: 'CAS', name: 'nightly' });
    expect(await principalFromSecret(h.db, key.secret)).toEqual({ kind: 'anonymous' });
    await expect(revokeSiteKeyByName(h.db, cliActor(), { siteCode: 'CAS', name: 'nightly' })).rejects.toThrow(/not found/);
    const again = await createSiteKey(h.db, cliActor(), { siteCode: 'CAS', name: 'nightly' });
    expect((await principalFromSecret(h.db, again.secret)).kind).toBe('site_key');
  });

  it('record their use (last used) and every change in the audit log', async () => {
    const key = await createSiteKey(h.db, cliActor(), { siteCode: 'CAS', name: 'audited' });
    await principalFromSecret(h.db, key.secret);
    const stored = await h.db.query.apiKeys.findFirst({ where: (k, { eq }) => eq(k.id, key.id) });
    expect(stored?.lastUsedAt).toBeInstanceOf(Date);
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.entityId, String(key.id)));
    expect(audit.map((a) => a.action)).toContain('site_key.create');
  });

  it('garbage, truncated or foreign secrets resolve to nobody', async () => {
    const key = await createSiteKey(h.db, cliActor(), { siteCode: 'TUN', name: 'truncated' });
    for (const secret of ['', 'vk_', key.secret.slice(0, -1), `${key.secret}x`, 'Bearer x', 'vt_' + key.secret.slice(3), 'x'.repeat(5000)]) {
      expect(await principalFromSecret(h.db, secret)).toEqual({ kind: 'anonymous' });
    }
  });
});

describe('personal tokens', () => {
  it('act as their owner with the owner’s current role and site', async () => {
    const lead = await makeUser(h.db, 'site_lead', { email: 'lead.tok@test.vigie', siteId: tunId });
    const token = await createUserTokenByEmail(h.db, cliActor(), { email: 'lead.tok@test.vigie', name: 'power bi' });
    expect(token.secret).toMatch(/^vt_/);
    expect(await principalFromSecret(h.db, token.secret)).toMatchObject({ kind: 'user', via: 'token', userId: lead.id, role: 'site_lead', siteId: tunId });
    await revokeUserTokenByEmail(h.db, cliActor(), { email: 'lead.tok@test.vigie', name: 'power bi' });
    expect(await principalFromSecret(h.db, token.secret)).toEqual({ kind: 'anonymous' });
  });
});

describe('keys router', () => {
  it('lets admins manage site keys and lists no secret', async () => {
    const admin = await makePrincipal(h.db, 'admin');
    const caller = createCaller(createInnerContext({ db: h.db, principal: admin }));
    const created = await caller.keys.createSiteKey({ siteCode: 'TUN', name: 'from the app' });
    const list = await caller.keys.listSiteKeys();
    const listed = list.find((k) => k.id === created.id);
    expect(listed).toMatchObject({ siteCode: 'TUN', name: 'from the app', prefix: created.secret.slice(0, 10) });
    expect(JSON.stringify(list)).not.toContain(created.secret);
    await caller.keys.revokeSiteKey({ id: created.id });
    expect((await caller.keys.listSiteKeys()).some((k) => k.id === created.id)).toBe(false);
  });

  it('forbids site keys to HQ managers and site leads, and asks anonymous callers to sign in', async () => {
    for (const role of ['hq_manager', 'site_lead'] as const) {
      const p = await makePrincipal(h.db, role, role === 'site_lead' ? tunId : undefined);
      const caller = createCaller(createInnerContext({ db: h.db, principal: p }));
      await expect(caller.keys.createSiteKey({ siteCode: 'TUN', name: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(caller.keys.listSiteKeys()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const anon = createCaller(createInnerContext({ db: h.db }));
    await expect(anon.keys.listSiteKeys()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const key = createCaller(createInnerContext({ db: h.db, principal: siteKeyPrincipal(tunId) }));
    await expect(key.keys.listMyTokens()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets any user manage only their own tokens', async () => {
    const hq = await makePrincipal(h.db, 'hq_manager');
    const other = await makePrincipal(h.db, 'hq_manager');
    const mine = createCaller(createInnerContext({ db: h.db, principal: hq }));
    const theirs = createCaller(createInnerContext({ db: h.db, principal: other }));
    const token = await mine.keys.createMyToken({ name: 'excel' });
    expect(await theirs.keys.listMyTokens()).toEqual([]);
    await expect(theirs.keys.revokeMyToken({ id: token.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await mine.keys.revokeMyToken({ id: token.id });
    expect(await mine.keys.listMyTokens()).toEqual([]);
  });
});
