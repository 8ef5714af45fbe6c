// Signing in through next-auth itself, on a real database: the session cookie's attributes (over
// http, behind an https proxy, with an https public address), the per-address limit on failed
// attempts in front of it, one answer for every refusal, and where the browser is sent after.
import { and, desc, eq } from 'drizzle-orm';
import NextAuth, { type AuthOptions } from 'next-auth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { RateLimiter } from '@/server/rest/rate-limit';
import { createUser } from '@/server/users/service';
import { createTestAccounts, TEST_PASSWORD, type TestAccounts } from '@/server/users/test-accounts';
import { cliActor } from './principal';
import { PEER_HEADER, peerStamp } from '@/server/security/client-address';
import { POST as authRoutePost } from '@/app/api/auth/[...nextauth]/route';
import { isSignedInResponse } from './cookies';
import { answerAuthPost, isCredentialsSignIn, loginLimitKey } from './login-rate-limit';
import { createAuthOptions } from './options';

let h: DbHandle;
let a: TestAccounts;
const savedUrl = process.env.NEXTAUTH_URL;

beforeAll(async () => {
  h = await createTestDb();
  a = await createTestAccounts(h.db);
  process.env.NEXTAUTH_URL = 'http://localhost:3000';
});
afterEach(() => {
  process.env.NEXTAUTH_URL = 'http://localhost:3000';
});
afterAll(async () => {
  if (savedUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedUrl;
  await h.close();
});

/**
 * Answers a request with next-auth's request handler as Next.js runs it for API routes (its
 * Node.js-style adapter: the app-router one reads the request from Next's own request scope, which
 * only exists inside a Next.js server). The core that decides cookies and sign-ins is the same.
 */
async function nextAuth(options: AuthOptions, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers = Object.fromEntries(request.headers);
  // Cookies as Next.js hands them over: split by name and URL-decoded.
  const cookies = Object.fromEntries(
    (request.headers.get('cookie') ?? '')
      .split(/;\s*/)
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf('=')), decodeURIComponent(c.slice(c.indexOf('=') + 1))]),
  );
  const body = request.method === 'POST' ? Object.fromEntries(new URLSearchParams(await request.text())) : undefined;
  const req = { method: request.method, headers, cookies, body, query: { ...Object.fromEntries(url.searchParams), nextauth: url.pathname.replace(/^\/api\/auth\//, '').split('/') } };
  const out: { status: number; headers: Headers; body: string } = { status: 200, headers: new Headers(), body: '' };
  await new Promise<void>((resolve, reject) => {
    const res = {
      status(code: number) {
        out.status = code;
        return res;
      },
      getHeader: (name: string) => (name.toLowerCase() === 'set-cookie' ? out.headers.getSetCookie() : out.headers.get(name)),
      setHeader(name: string, value: string | string[]) {
        out.headers.delete(name);
        for (const v of Array.isArray(value) ? value : [value]) out.headers.append(name, v);
        return res;
      },
      json(data: unknown) {
        out.headers.set('content-type', 'application/json');
        out.body = JSON.stringify(data);
        resolve();
      },
      send(data: unknown) {
        out.body = typeof data === 'string' ? data : JSON.stringify(data);
        resolve();
      },
      end() {
        resolve();
      },
    };
    (NextAuth as unknown as (req: unknown, res: unknown, options: AuthOptions) => Promise<void>)(req, res, options).catch(reject);
  });
  return new Response(out.body || null, { status: out.status, headers: out.headers });
}

const optionsFor = (request: Request) => createAuthOptions(async () => h.db, request);

/** Headers of a request that reached the server's socket from `address` (as the server stamps it). */
const peer = (address: string, more: Record<string, string> = {}) => ({ [PEER_HEADER]: peerStamp(address), ...more });

type SignInOptions = { path?: string; body?: Record<string, string> };

/**
 * A sign-in as the login form makes it: the CSRF token first, then the credentials, through the
 * route's POST (the per-address limit, then next-auth) when a limiter is given.
 */
async function signIn(
  email: string,
  password: string,
  headers: Record<string, string> = {},
  limiter?: RateLimiter,
  { path = '/api/auth/callback/credentials', body = {} }: SignInOptions = {},
): Promise<Response> {
  const csrfRequest = new Request('http://localhost:3000/api/auth/csrf', { headers });
  const csrf = await nextAuth(optionsFor(csrfRequest), csrfRequest);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const request = new Request(`http://localhost:3000${path}`, {
    method: 'POST',
    headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, csrfToken, json: 'true', ...body }),
  });
  if (!limiter) return nextAuth(optionsFor(request), request);
  const context = { params: Promise.resolve({ nextauth: path.replace(/^\/api\/auth\//, '').split('/') }) };
  return answerAuthPost(request, context, (req) => nextAuth(optionsFor(req), req), limiter);
}

function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => /^(__Secure-)?next-auth\.session-token=[^;]/.test(c));
  expect(cookie, 'a session cookie').toBeDefined();
  return cookie!;
}

describe('the session cookie', () => {
  it('is httpOnly and SameSite=Lax, and not Secure over plain http', async () => {
    const response = await signIn(a.users.admin.email, TEST_PASSWORD);
    expect(response.status).toBe(200);
    const cookie = sessionCookie(response);
    expect(cookie).toMatch(/^next-auth\.session-token=/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/; Secure/i);
    expect(isSignedInResponse(response)).toBe(true);
  });

  it('is Secure when the proxy in front says the request came over https', async () => {
    const cookie = sessionCookie(await signIn(a.users.admin.email, TEST_PASSWORD, { 'x-forwarded-proto': 'https' }));
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
  });

  it('is Secure, under the __Secure- name, when the public address is https', async () => {
    process.env.NEXTAUTH_URL = 'https://vigie.example.test';
    const response = await signIn(a.users.admin.email, TEST_PASSWORD);
    const cookie = sessionCookie(response);
    expect(cookie).toMatch(/^__Secure-next-auth\.session-token=/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(isSignedInResponse(response)).toBe(true);
  });

  it('is not set by a refused sign-in', async () => {
    const response = await signIn(a.users.hq.email, 'not the password');
    expect(response.status).toBe(401);
    expect(isSignedInResponse(response)).toBe(false);
  });
});

describe('the limit on failed sign-ins per address', () => {
  it('recognises every sign-in, whatever follows /callback/, and nothing else', () => {
    const post = (path: string) => new Request(`http://x${path}`, { method: 'POST' });
    expect(isCredentialsSignIn(post('/api/auth/callback/credentials'))).toBe(true);
    expect(isCredentialsSignIn(post('/api/auth/callback/credentials/x'))).toBe(true);
    expect(isCredentialsSignIn(post('/api/auth/callback/credentials/'))).toBe(true);
    expect(isCredentialsSignIn(post('/api/auth/callback/other'))).toBe(true);
    // The route's own segments, as next-auth reads them, decide when they are known.
    expect(isCredentialsSignIn(post('/api/auth/%63allback/credentials'), ['callback', 'credentials'])).toBe(true);
    expect(isCredentialsSignIn(new Request('http://x/api/auth/callback/credentials'))).toBe(false);
    expect(isCredentialsSignIn(post('/api/auth/signout'), ['signout'])).toBe(false);
  });

  it('limits a sign-in posted to /callback/credentials/x like any other', async () => {
    const limiter = new RateLimiter({ perMinute: 1, burst: 2 }, () => 0);
    const headers = peer('203.0.113.40');
    const path = '/api/auth/callback/credentials/x';
    // next-auth reads only `callback` and `credentials`: these are real sign-ins, refused as such.
    expect((await signIn(a.users.hq.email, 'guess-1', headers, limiter, { path })).status).toBe(401);
    expect((await signIn(a.users.hq.email, 'guess-2', headers, limiter, { path: '/api/auth/callback/credentials/' })).status).toBe(401);
    expect((await signIn(a.users.hq.email, TEST_PASSWORD, headers, limiter, { path })).status).toBe(429);
  });

  it('limits it in the route itself, before next-auth is reached', async () => {
    const headers = peer('203.0.113.41');
    const request = () =>
      new Request('http://localhost:3000/api/auth/callback/credentials/x', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: a.users.hq.email, password: 'guess', json: 'true' }),
      });
    const context = { params: Promise.resolve({ nextauth: ['callback', 'credentials', 'x'] }) };
    // Outside a Next.js server, next-auth's app-router handler cannot answer (it reads Next's
    // request scope): the attempts that reach it fail here. The burst spent, the route answers
    // 429 itself.
    let refused: Response | undefined;
    for (let i = 0; i < 30 && !refused; i++) {
      const answer = await authRoutePost(request(), context).catch(() => undefined);
      if (answer?.status === 429) refused = answer;
    }
    expect(refused?.status).toBe(429);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(loginLimitKey(request())).toBe('login:203.0.113.41');
  });

  it('keys on the connection’s address: a caller cannot pick a bucket per request with X-Forwarded-For', async () => {
    const limiter = new RateLimiter({ perMinute: 1, burst: 3 }, () => 0);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const headers = peer('198.51.100.50', { 'x-forwarded-for': `10.${i}.0.1`, 'x-real-ip': `10.${i}.0.2` });
      statuses.push((await signIn(`nobody-${i}@x.test`, 'guess', headers, limiter)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('keeps callers apart when there is no proxy: one address past its limit does not refuse the others', async () => {
    const limiter = new RateLimiter({ perMinute: 1, burst: 2 }, () => 0);
    const attacker = peer('198.51.100.51');
    for (let i = 0; i < 3; i++) await signIn(`nobody-${i}@x.test`, 'guess', attacker, limiter);
    expect((await signIn(a.users.admin.email, TEST_PASSWORD, attacker, limiter)).status).toBe(429);
    expect((await signIn(a.users.admin.email, TEST_PASSWORD, peer('192.0.2.77'), limiter)).status).toBe(200);
  });

  it('refuses an address past its failures, across accounts, with 429 and before any password check', async () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 5, burst: 3 }, () => now);
    const from = peer('203.0.113.7');
    // Three failures on three accounts: none of them reaches its own lockout.
    expect((await signIn(a.users.hq.email, 'guess-1', from, limiter)).status).toBe(401);
    expect((await signIn('nobody@x.test', 'guess-2', from, limiter)).status).toBe(401);
    expect((await signIn(a.users.lead.email, 'guess-3', from, limiter)).status).toBe(401);
    // Each failure on an account is in the audit log, with the address it came from.
    const [failed] = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login_failed'), eq(auditLog.entityId, String(a.users.lead.id))))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(failed).toMatchObject({ actorType: 'system', entity: 'user', details: { email: a.users.lead.email, attemptsLeft: 4, ip: '203.0.113.7', reason: 'wrong_password' } });

    // Even the right password is refused now, without being checked: no sign-in is recorded.
    const logins = () => h.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.actorId, a.users.admin.id)));
    const before = (await logins()).length;
    const refused = await signIn(a.users.admin.email, TEST_PASSWORD, from, limiter);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('12');
    const body = (await refused.json()) as { url: string };
    // The login form reads the error code from the url, as from any next-auth refusal.
    expect(new URL(body.url).searchParams.get('error')).toBe('TooManyAttempts');
    expect(isSignedInResponse(refused)).toBe(false);
    expect((await logins()).length).toBe(before);

    // Another address is not affected.
    expect((await signIn(a.users.admin.email, TEST_PASSWORD, peer('198.51.100.4'), limiter)).status).toBe(200);
    // Twelve seconds later, the first address has one attempt again.
    now += 12_000;
    expect((await signIn(a.users.admin.email, TEST_PASSWORD, from, limiter)).status).toBe(200);
  });

  it('does not count sign-ins that succeed, so colleagues behind one address are never refused', async () => {
    const limiter = new RateLimiter({ perMinute: 1, burst: 2 }, () => 0);
    const office = peer('192.0.2.10');
    for (let i = 0; i < 4; i++) expect((await signIn(a.users.admin.email, TEST_PASSWORD, office, limiter)).status).toBe(200);
    expect((await signIn(a.users.hq.email, 'typo', office, limiter)).status).toBe(401);
    expect((await signIn(a.users.hq.email, TEST_PASSWORD, office, limiter)).status).toBe(200);
    expect((await signIn(a.users.hq.email, 'typo', office, limiter)).status).toBe(401);
    expect((await signIn(a.users.hq.email, TEST_PASSWORD, office, limiter)).status).toBe(429);
  });
});

describe('a refused sign-in', () => {
  it('answers the same for an unknown account, a wrong password, a locked and a deactivated account', async () => {
    const gone = await createUser(h.db, cliActor(), { email: 'gone@x.test', name: 'Gone', role: 'hq_manager', password: TEST_PASSWORD });
    await h.db.update(users).set({ active: false }).where(eq(users.id, gone.id));
    const from = peer('203.0.113.90');
    // Five wrong passwords lock this address out of the HQ manager's account.
    for (let i = 0; i < 5; i++) await signIn(a.users.hq.email, `guess-${i}`, from);

    const answers = [];
    for (const [email, password] of [
      ['nobody@x.test', TEST_PASSWORD],
      [a.users.lead.email, 'not the password'],
      [a.users.hq.email, TEST_PASSWORD],
      ['gone@x.test', TEST_PASSWORD],
    ] as const) {
      const response = await signIn(email, password, from);
      answers.push({ status: response.status, body: await response.json(), signedIn: isSignedInResponse(response) });
    }
    expect(answers[0]).toEqual({ status: 401, body: { url: 'http://localhost:3000/api/auth/error?error=CredentialsSignin&provider=credentials' }, signedIn: false });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    // The HQ manager, from their own address, still signs in.
    expect((await signIn(a.users.hq.email, TEST_PASSWORD, peer('192.0.2.90'))).status).toBe(200);
  });
});

describe('where the browser goes after signing in', () => {
  it('is a path of this site, whatever callbackUrl the sign-in carried', async () => {
    const urlAfter = async (callbackUrl: string) => {
      const response = await signIn(a.users.admin.email, TEST_PASSWORD, peer('192.0.2.91'), undefined, { body: { callbackUrl } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { url: string }).url;
    };
    expect(await urlAfter('/reports?x=1')).toBe('http://localhost:3000/reports?x=1');
    for (const callbackUrl of ['/\t/evil.example', '/\\evil.example', 'https://evil.example/', '/.//evil.example']) {
      expect(await urlAfter(callbackUrl), JSON.stringify(callbackUrl)).toBe('http://localhost:3000/');
    }
  });
});
