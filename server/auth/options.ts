// next-auth configuration: email and password sign-in, sessions as signed JWT cookies that end
// 12 h after sign-in at the latest (session-claims.ts). The token carries who the user is and
// which session it is; every request still re-reads the user (resolve.ts), so a deactivation, a
// change of role, a sign-out everywhere or this session's own sign-out applies at once.
import { randomUUID } from 'node:crypto';
import type { AuthOptions } from 'next-auth';
import { encode } from 'next-auth/jwt';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { Db } from '@/db/client';
import { findUserById } from '@/db/queries/users';
import { getDatabase } from '@/server/db';
import { endSession } from '@/server/users/sessions';
import { servedOverHttps, sessionCookieOptions } from './cookies';
import { authenticateCredentials } from './credentials-login';
import { sessionUserOf } from './resolve';
import { sessionClaimsOf, SESSION_IDLE_SECONDS, tokenMaxAgeSeconds } from './session-claims';
import { sessionSecret } from './session-secret';
import { safeCallbackUrl } from '@/components/auth/safe-callback';
import { clientAddressOf } from '@/server/security/client-address';

/** Thrown by the jwt callback for a session that ended: next-auth then clears the cookie. */
class SessionEndedError extends Error {
  constructor() {
    super('The session has ended');
    this.name = 'SessionEndedError';
  }
}

/** What authorize() hands to next-auth: the fields the JWT keeps. */
export type SignedInUser = {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'hq_manager' | 'site_lead';
  siteId: number | null;
  locale: 'en' | 'fr';
};

/**
 * The authorize() callback for a database: the user, or null for any refusal, so that next-auth
 * answers every failed sign-in with the same code.
 */
export function authorizeWith(getDb: () => Promise<Db>) {
  return async (credentials: Record<string, string> | undefined, req?: { headers?: Record<string, unknown> }): Promise<SignedInUser | null> => {
    const result = await authenticateCredentials(await getDb(), credentials ?? {}, new Date(), { ip: ipOfHeaders(req?.headers) });
    if (result.ok) {
      const { user } = result;
      return { id: String(user.id), email: user.email, name: user.name, role: user.role, siteId: user.siteId, locale: user.locale };
    }
    // Every refusal alike (unknown, wrong, locked, deactivated): see credentials-login.ts.
    return null;
  };
}

/**
 * `request` is the request being answered, when there is one: its X-Forwarded-Proto decides
 * whether the cookies set in the answer are Secure (see cookies.ts). Without it, NEXTAUTH_URL does.
 */
/** The client's address from the plain header object next-auth hands to authorize(). */
function ipOfHeaders(headers: Record<string, unknown> | undefined): string | null {
  if (!headers) return null;
  const entries = Object.entries(headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return clientAddressOf(new Headers(entries));
}

export function createAuthOptions(getDb: () => Promise<Db>, request?: Request): AuthOptions {
  return {
    // Read when a request needs it, not when the module loads: the build imports this file
    // without the runtime environment.
    get secret() {
      return sessionSecret();
    },
    get useSecureCookies() {
      return servedOverHttps(request?.headers ?? null);
    },
    get cookies() {
      return sessionCookieOptions(servedOverHttps(request?.headers ?? null));
    },
    session: { strategy: 'jwt', maxAge: SESSION_IDLE_SECONDS },
    jwt: {
      maxAge: SESSION_IDLE_SECONDS,
      // Every cookie signed, at sign-in or when /api/auth/session renews it, expires by its
      // session's deadline at the latest.
      encode: (params) => encode({ ...params, maxAge: tokenMaxAgeSeconds(params.token?.signedInAt, new Date()) }),
    },
    logger: {
      error(code, metadata) {
        // An ended or expired session asking to be renewed is expected, not a fault.
        if (metadata instanceof SessionEndedError || (metadata as { code?: unknown } | undefined)?.code === 'ERR_JWT_EXPIRED') return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
    },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Email',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        authorize: authorizeWith(getDb),
      }),
    ],
    callbacks: {
      // Where next-auth sends the browser after signing in or out: a path on this site only, by
      // the login page's rule.
      redirect({ url, baseUrl }) {
        return baseUrl + safeCallbackUrl(url, baseUrl);
      },
      async jwt({ token, user }) {
        const db = await getDb();
        // `user` is present only at sign-in: a new session, under the user's current version.
        if (user) {
          const signedIn = user as unknown as SignedInUser;
          const row = await findUserById(db, Number(signedIn.id));
          if (!row) throw new SessionEndedError();
          token.userId = row.id;
          token.role = signedIn.role;
          token.siteId = signedIn.siteId;
          token.locale = signedIn.locale;
          token.sessionId = randomUUID();
          token.sessionVersion = row.sessionVersion;
          token.signedInAt = Math.floor(Date.now() / 1000);
          return token;
        }
        // A renewal (/api/auth/session): only a live session is signed again.
        if (!(await sessionUserOf(db, sessionClaimsOf(token), new Date()))) throw new SessionEndedError();
        return token;
      },
      session({ session, token }) {
        session.user = {
          ...session.user,
          userId: token.userId,
          role: token.role,
          siteId: token.siteId,
          locale: token.locale,
        };
        return session;
      },
    },
    events: {
      // This session ends on the server too: its cookie, if kept or copied, is refused from now on.
      async signOut({ token }) {
        const claims = sessionClaimsOf(token);
        if (!claims) return;
        const db = await getDb();
        const user = await findUserById(db, claims.userId);
        if (user) await endSession(db, claims, user);
      },
    },
  };
}

const getDb = async () => (await getDatabase()).db;

export const authOptions: AuthOptions = createAuthOptions(getDb);

/** The options for answering one request of next-auth's own routes (sign-in, session, sign-out). */
export function authOptionsFor(request: Request): AuthOptions {
  return createAuthOptions(getDb, request);
}
