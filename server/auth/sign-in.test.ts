// Signing in through next-auth itself, on a real database: the session cookie's attributes (over
// http, behind an https proxy, with an https public address) and the per-address limit on failed
// attempts in front of it.
import { and, desc, eq } from 'drizzle-orm';
import NextAuth, { type AuthOptions } from 'next-auth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { RateLimiter } from '@/server/rest/rate-limit';
import { createTestAccounts, TEST_PASSWORD, type TestAccounts } from '@/server/users/test-accounts';
import { isSignedInResponse } from './cookies';
import { isCredentialsSignIn, limitLoginAttempts } from './login-rate-limit';
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

/** A sign-in as the login form makes it: the CSRF token first, then the credentials. */
async function signIn(email: string, password: string, headers: Record<string, string> = {}, limiter?: RateLimiter): Promise<Response> {
  const csrfRequest = new Request('http://localhost:3000/api/auth/csrf', { headers });
  const csrf = await nextAuth(optionsFor(csrfRequest), csrfRequest);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const request = new Request('http://localhost:3000/api/auth/callback/credentials', {
    method: 'POST',
    headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, csrfToken, json: 'true' }),
  });
  const attempt = () => nextAuth(optionsFor(request), request);
  return limiter ? limitLoginAttempts(request, attempt, limiter) : attempt();
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
  it('recognises the credentials sign-in and nothing else', () => {
    expect(isCredentialsSignIn(new Request('http://x/api/auth/callback/credentials', { method: 'POST' }))).toBe(true);
    expect(isCredentialsSignIn(new Request('http://x/api/auth/callback/credentials'))).toBe(false);
    expect(isCredentialsSignIn(new Request('http://x/api/auth/signout', { method: 'POST' }))).toBe(false);
  });

  it('refuses an address past its failures, across accounts, with 429 and before any password check', async () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 5, burst: 3 }, () => now);
    const from = { 'x-forwarded-for': '203.0.113.7' };
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
    expect(failed).toMatchObject({ actorType: 'system', entity: 'user', details: { email: a.users.lead.email, attemptsLeft: 4, ip: '203.0.113.7' } });

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
    expect((await signIn(a.users.admin.email, TEST_PASSWORD, { 'x-forwarded-for': '198.51.100.4' }, limiter)).status).toBe(200);
    // Twelve seconds later, the first address has one attempt again.
    now += 12_000;
    expect((await signIn(a.users.admin.email, TEST_PASSWORD, from, limiter)).status).toBe(200);
  });

  it('does not count sign-ins that succeed, so colleagues behind one address are never refused', async () => {
    const limiter = new RateLimiter({ perMinute: 1, burst: 2 }, () => 0);
    const office = { 'x-forwarded-for': '192.0.2.10' };
    for (let i = 0; i < 4; i++) expect((await signIn(a.users.admin.email, TEST_PASSWORD, office, limiter)).status).toBe(200);
    expect((await signIn(a.users.hq.email, 'typo', office, limiter)).status).toBe(401);
    expect((await signIn(a.users.hq.email, TEST_PASSWORD, office, limiter)).status).toBe(200);
    expect((await signIn(a.users.hq.email, 'typo', office, limiter)).status).toBe(401);
    expect((await signIn(a.users.hq.email, TEST_PASSWORD, office, limiter)).status).toBe(429);
  });
});
