// next-auth configuration: email and password sign-in, sessions as signed JWT cookies (12 h).
// The token carries who the user is; every request still re-reads the user (see resolve.ts), so
// a deactivation or a change of role applies at once.
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { Db } from '@/db/client';
import { getDatabase } from '@/server/db';
import { servedOverHttps, sessionCookieOptions } from './cookies';
import { authenticateCredentials, LOGIN_ERROR } from './credentials-login';
import { sessionSecret } from './session-secret';
import { clientIpOf } from '@/server/trpc/request-context';

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

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
 * The authorize() callback for a database. A refusal other than wrong credentials is thrown, so
 * that next-auth passes its code to the login page (wrong credentials answer null).
 */
export function authorizeWith(getDb: () => Promise<Db>) {
  return async (credentials: Record<string, string> | undefined, req?: { headers?: Record<string, unknown> }): Promise<SignedInUser | null> => {
    const result = await authenticateCredentials(await getDb(), credentials ?? {}, new Date(), { ip: ipOfHeaders(req?.headers) });
    if (result.ok) {
      const { user } = result;
      return { id: String(user.id), email: user.email, name: user.name, role: user.role, siteId: user.siteId, locale: user.locale };
    }
    if (result.reason === 'invalid') return null;
    throw new Error(LOGIN_ERROR[result.reason]);
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
  return clientIpOf(new Headers(entries));
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
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
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
      jwt({ token, user }) {
        // `user` is present only at sign-in; later calls keep the token as it is.
        if (user) {
          const signedIn = user as unknown as SignedInUser;
          token.userId = Number(signedIn.id);
          token.role = signedIn.role;
          token.siteId = signedIn.siteId;
          token.locale = signedIn.locale;
        }
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
  };
}

const getDb = async () => (await getDatabase()).db;

export const authOptions: AuthOptions = createAuthOptions(getDb);

/** The options for answering one request of next-auth's own routes (sign-in, session, sign-out). */
export function authOptionsFor(request: Request): AuthOptions {
  return createAuthOptions(getDb, request);
}
