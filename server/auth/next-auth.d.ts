// What Vigie keeps in the next-auth JWT and session.
import type { DefaultSession } from 'next-auth';

type VigieIdentity = {
  userId: number;
  role: 'admin' | 'hq_manager' | 'site_lead';
  siteId: number | null;
  locale: 'en' | 'fr';
};

declare module 'next-auth' {
  interface Session {
    user: DefaultSession['user'] & VigieIdentity;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    userId: VigieIdentity['userId'];
    role: VigieIdentity['role'];
    siteId: VigieIdentity['siteId'];
    locale: VigieIdentity['locale'];
    /** Which session this is, the user's session version at sign-in, and when (epoch seconds). */
    sessionId: string;
    sessionVersion: number;
    signedInAt: number;
  }
}
