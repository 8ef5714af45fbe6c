// Sessions end on the server: signed in through next-auth's own handler with real cookies, then
// used on the app's real /api/trpc and /api/v1 routes. A session ends 12 h after sign-in however
// often it is renewed; its sign-out ends it even for a copy of the cookie; signing out everywhere,
// a new password, a change of role or site and a deactivation end every session of the user and
// revoke their personal tokens.
import { and, eq } from 'drizzle-orm';
import { decode } from 'next-auth/jwt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, userTokens } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { GET as restGet } from '@/app/api/v1/[...path]/route';
import { GET as trpcGet, POST as trpcPost } from '@/app/api/trpc/[trpc]/route';
import { createUserToken } from '@/server/keys/service';
import { createUser, resetPassword, setUserActive, updateUser } from '@/server/users/service';
import { createTestAccounts, TEST_PASSWORD, type TestAccounts } from '@/server/users/test-accounts';
import { sessionCookieName } from './cookies';
import { Browser } from './next-auth-testing';
import { actorOf, cliActor } from './principal';
import { sessionUserOf } from './resolve';
import { sessionClaimsFromCookies, SESSION_LIFETIME_SECONDS } from './session-claims';
import { sessionSecret } from './session-secret';

let h: DbHandle;
let a: TestAccounts;
const DATABASE = Symbol.for('vigie.database');
const holder = globalThis as { [DATABASE]?: Promise<DbHandle> };
const savedUrl = process.env.NEXTAUTH_URL;

beforeAll(async () => {
  h = await createTestDb();
  a = await createTestAccounts(h.db);
  // The app's routes open the server's database through getDatabase(): this file's, here.
  holder[DATABASE] = Promise.resolve(h);
  process.env.NEXTAUTH_URL = 'http://localhost:3000';
});
afterAll(async () => {
  delete holder[DATABASE];
  if (savedUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedUrl;
  await h.close();
});
afterEach(() => {
  vi.useRealTimers();
});

let serial = 0;

/** A user of their own for each test, so that ending their sessions touches no other test. */
async function newUser(role: 'hq_manager' | 'site_lead' = 'hq_manager') {
  serial += 1;
  return createUser(h.db, cliActor(), {
    email: `person${serial}@sessions.test`,
    name: `Person ${serial}`,
    role,
    ...(role === 'site_lead' ? { siteCode: 'TUN' } : {}),
    password: TEST_PASSWORD,
  });
}

async function signedIn(email: string): Promise<Browser> {
  const browser = new Browser(h.db);
  const response = await browser.signIn(email, TEST_PASSWORD);
  expect(response.status, `signing in as ${email}`).toBe(200);
  expect(browser.cookies.has(sessionCookieName()), 'a session cookie').toBe(true);
  return browser;
}

/** users.me through the app's /api/trpc route: the HTTP status. */
async function me(browser: Browser): Promise<number> {
  return (await trpcGet(browser.request('/api/trpc/users.me'))).status;
}

async function trpcMutation(browser: Browser, path: string, input?: unknown): Promise<Response> {
  return trpcPost(
    browser.request(`/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input === undefined ? {} : { json: input }),
    }),
  );
}

/** A personal token's answer on the REST API. */
async function restStatus(secret: string): Promise<number> {
  const request = new Request('http://localhost:3000/api/v1/sites', { headers: { authorization: `Bearer ${secret}` } });
  return (await restGet(request)).status;
}

async function expiryOfCookie(browser: Browser): Promise<number> {
  const token = await decode({ token: browser.cookies.get(sessionCookieName())!, secret: sessionSecret() });
  return token!.exp as number;
}

describe('the absolute lifetime', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });

  it('ends a session 12 h after sign-in, however often /api/auth/session renews it', async () => {
    const user = await newUser();
    const signInAt = new Date('2026-12-02T08:00:00Z');
    vi.setSystemTime(signInAt);
    const browser = await signedIn(user.email);
    const deadline = signInAt.getTime() / 1000 + SESSION_LIFETIME_SECONDS;
    expect(await expiryOfCookie(browser)).toBeLessThanOrEqual(deadline);

    for (const hours of [3, 6, 9, 11.9]) {
      vi.setSystemTime(signInAt.getTime() + hours * 3_600_000);
      expect((await browser.session()).user, `renewed after ${hours} h`).toMatchObject({ email: user.email });
      // Renewed, but never past 12 h after sign-in (next-auth alone would give 12 more hours).
      expect(await expiryOfCookie(browser), `renewed after ${hours} h`).toBeLessThanOrEqual(deadline);
      expect(await me(browser)).toBe(200);
    }
    const stolen = browser.copy();

    vi.setSystemTime(signInAt.getTime() + (SESSION_LIFETIME_SECONDS + 60) * 1000);
    expect(await me(stolen)).toBe(401);
    expect(await stolen.session()).toEqual({});
    expect(stolen.cookies.has(sessionCookieName()), 'the ended session cookie is cleared').toBe(false);
  });

  it('is checked by the server itself, not only by the cookie: a claim past the deadline is no session', async () => {
    const user = await newUser();
    const now = new Date('2026-12-02T20:00:01Z');
    const claims = { userId: user.id, sessionId: crypto.randomUUID(), sessionVersion: 0, signedInAt: Date.parse('2026-12-02T08:00:00Z') / 1000 };
    expect(await sessionUserOf(h.db, claims, now)).toBeNull();
    expect(await sessionUserOf(h.db, claims, new Date('2026-12-02T19:59:00Z'))).toMatchObject({ id: user.id });
  });
});

describe('signing out', () => {
  it("ends that session on the server, even for a copy of its cookie; the user's other sessions go on", async () => {
    const user = await newUser();
    const laptop = await signedIn(user.email);
    const phone = await signedIn(user.email);
    const copied = laptop.copy();

    const response = await laptop.signOut();
    expect(response.status).toBe(200);
    expect(laptop.cookies.has(sessionCookieName())).toBe(false);
    expect(await me(copied)).toBe(401);
    expect(await copied.session()).toEqual({});
    expect(await me(phone)).toBe(200);

    const [row] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.logout'), eq(auditLog.actorId, user.id)));
    expect(row).toMatchObject({ actorType: 'user', entity: 'user', entityId: String(user.id) });
  });

  it('everywhere ends every session of the user, the one asking included, and revokes their tokens', async () => {
    const user = await newUser();
    const other = await newUser();
    const laptop = await signedIn(user.email);
    const phone = await signedIn(user.email);
    const colleague = await signedIn(other.email);
    const token = await createUserToken(h.db, cliActor(), { userId: user.id, name: 'bi' });
    const colleagueToken = await createUserToken(h.db, cliActor(), { userId: other.id, name: 'bi' });
    expect(await restStatus(token.secret)).toBe(200);

    const response = await trpcMutation(phone, 'users.signOutEverywhere');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ result: { data: { json: { revokedTokens: 1 } } } });

    expect(await me(laptop)).toBe(401);
    expect(await me(phone)).toBe(401);
    expect(await laptop.session()).toEqual({});
    expect(await restStatus(token.secret)).toBe(401);
    // Nobody else's sessions or tokens.
    expect(await me(colleague)).toBe(200);
    expect(await restStatus(colleagueToken.secret)).toBe(200);
    // Signing in again works, under the new version.
    expect(await me(await signedIn(user.email))).toBe(200);

    const [row] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.sessions_ended'), eq(auditLog.entityId, String(user.id))));
    expect(row).toMatchObject({ actorType: 'user', actorId: user.id });
    expect(row!.details).toMatchObject({ reason: 'sign_out_everywhere', revokedTokens: [{ id: token.id, name: 'bi' }] });
  });

  it('everywhere is refused to a personal token', async () => {
    const user = await newUser();
    const token = await createUserToken(h.db, cliActor(), { userId: user.id, name: 'script' });
    const response = await trpcPost(
      new Request('http://localhost:3000/api/trpc/users.signOutEverywhere', {
        method: 'POST',
        headers: { authorization: `Bearer ${token.secret}`, 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(response.status).toBe(401);
    expect(await restStatus(token.secret)).toBe(200);
  });
});

describe('changes that end every session of the user and revoke their tokens', () => {
  const admin = () => actorOf(a.principals.admin);
  const cases: Record<string, { role?: 'site_lead'; change: (userId: number, browser: Browser) => Promise<unknown>; signsInAgain: boolean }> = {
    'a password reset by an admin': { change: (id) => resetPassword(h.db, admin(), { id, password: 'a-new-password-1' }), signsInAgain: false },
    'a change of role': { change: (id) => updateUser(h.db, admin(), { id, role: 'admin' }), signsInAgain: true },
    'a change of site': { role: 'site_lead', change: (id) => updateUser(h.db, admin(), { id, siteCode: 'DKR' }), signsInAgain: true },
    'a deactivation': { change: (id) => setUserActive(h.db, admin(), { id, active: false }), signsInAgain: false },
    'a change of their own password': {
      change: async (_id, browser) => {
        const response = await trpcMutation(browser, 'users.changeMyPassword', { currentPassword: TEST_PASSWORD, newPassword: 'a-new-password-2' });
        expect(response.status).toBe(200);
      },
      signsInAgain: false,
    },
  };

  for (const [name, { role, change, signsInAgain }] of Object.entries(cases)) {
    it(name, async () => {
      const user = await newUser(role);
      const browser = await signedIn(user.email);
      const copied = browser.copy();
      const token = await createUserToken(h.db, cliActor(), { userId: user.id, name: 'bi' });
      expect(await me(browser)).toBe(200);

      await change(user.id, browser);

      expect(await me(browser)).toBe(401);
      expect(await me(copied)).toBe(401);
      expect(await copied.session()).toEqual({});
      expect(await restStatus(token.secret)).toBe(401);
      const [revoked] = await h.db.select({ revokedAt: userTokens.revokedAt }).from(userTokens).where(eq(userTokens.id, token.id));
      expect(revoked!.revokedAt).not.toBeNull();
      if (signsInAgain) expect(await me(await signedIn(user.email))).toBe(200);
    });
  }

  it('not a change of name or language', async () => {
    const user = await newUser();
    const browser = await signedIn(user.email);
    const token = await createUserToken(h.db, cliActor(), { userId: user.id, name: 'bi' });
    await updateUser(h.db, admin(), { id: user.id, name: 'Renamed', locale: 'fr' });
    expect(await me(browser)).toBe(200);
    expect(await restStatus(token.secret)).toBe(200);
  });

  it('a wrong current password, or the same password again, changes nothing (400)', async () => {
    const user = await newUser();
    const browser = await signedIn(user.email);
    const response = await trpcMutation(browser, 'users.changeMyPassword', { currentPassword: 'not-the-password', newPassword: 'a-new-password-3' });
    expect(response.status).toBe(400);
    const same = await trpcMutation(browser, 'users.changeMyPassword', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.status).toBe(400);
    expect(await me(browser)).toBe(200);
  });
});

describe('server components', () => {
  it('read the session from the request cookies by the same rule: an ended session is no user', async () => {
    const user = await newUser();
    const browser = await signedIn(user.email);
    // What next/headers' cookies() hands over.
    const cookies = { getAll: () => [...browser.cookies].map(([name, value]) => ({ name, value })) };
    const claims = await sessionClaimsFromCookies(cookies);
    expect(await sessionUserOf(h.db, claims, new Date())).toMatchObject({ id: user.id });
    await trpcMutation(browser, 'users.signOutEverywhere');
    expect(await sessionUserOf(h.db, await sessionClaimsFromCookies(cookies), new Date())).toBeNull();
  });
});
