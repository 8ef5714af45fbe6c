// For tests: next-auth's own request handler on a test database, and a browser's cookie jar, so
// that sessions are signed in, renewed and signed out as a browser does it, with real cookies.
import NextAuth, { type AuthOptions } from 'next-auth';
import type { Db } from '@/db/client';
import { createAuthOptions } from './options';

/**
 * Answers a request with next-auth's request handler as Next.js runs it for API routes (its
 * Node.js-style adapter: the app-router one reads the request from Next's own request scope, which
 * only exists inside a Next.js server). The core that signs, renews and clears cookies is the same.
 */
export async function answerWithNextAuth(options: AuthOptions, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers = Object.fromEntries(request.headers);
  const cookies = Object.fromEntries(
    (request.headers.get('cookie') ?? '')
      .split(/;\s*/)
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf('=')), decodeURIComponent(c.slice(c.indexOf('=') + 1))]),
  );
  const body = request.method === 'POST' ? Object.fromEntries(new URLSearchParams(await request.text())) : undefined;
  const query = { ...Object.fromEntries(url.searchParams), nextauth: url.pathname.replace(/^\/api\/auth\//, '').split('/') };
  const req = { method: request.method, headers, cookies, body, query };
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

const ORIGIN = 'http://localhost:3000';

/** A browser: the cookies it holds, sent with each request and updated from each answer. */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly db: Db) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
  }

  /** Takes what an answer's Set-Cookie headers say: a value, or an expiry that clears it. */
  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(/;\s*/);
      const name = pair.slice(0, pair.indexOf('='));
      const value = decodeURIComponent(pair.slice(pair.indexOf('=') + 1));
      const expired = attributes.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** A request to the app with this browser's cookies. */
  request(path: string, init: RequestInit = {}): Request {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader);
    return new Request(`${ORIGIN}${path}`, { ...init, headers });
  }

  /** One of next-auth's routes (/api/auth/…), answered by next-auth with the app's options. */
  async auth(path: string, init: RequestInit = {}): Promise<Response> {
    const request = this.request(`/api/auth/${path}`, init);
    const response = await answerWithNextAuth(createAuthOptions(async () => this.db, request), request);
    this.keep(response);
    return response;
  }

  private async csrfToken(): Promise<string> {
    const { csrfToken } = (await (await this.auth('csrf')).json()) as { csrfToken: string };
    return csrfToken;
  }

  /** Signs in as the login form does: the CSRF token, then the credentials. */
  async signIn(email: string, password: string): Promise<Response> {
    const csrfToken = await this.csrfToken();
    return this.auth('callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password, csrfToken, json: 'true' }),
    });
  }

  /** Signs out as next-auth's signOut() does. */
  async signOut(): Promise<Response> {
    const csrfToken = await this.csrfToken();
    return this.auth('signout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, json: 'true' }),
    });
  }

  /** What GET /api/auth/session answers (and renews). */
  async session(): Promise<Record<string, unknown>> {
    return (await (await this.auth('session')).json()) as Record<string, unknown>;
  }

  /** A copy of this browser's cookies, as a thief who copied them would hold them. */
  copy(): Browser {
    const other = new Browser(this.db);
    for (const [name, value] of this.cookies) other.cookies.set(name, value);
    return other;
  }
}
