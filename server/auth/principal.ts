// Who is calling: the principal every procedure authorises against.
import type { Locale, Role } from '@/db/schema';

export type UserPrincipal = {
  kind: 'user';
  /** How the user authenticated: a browser session or a personal token (REST). */
  via: 'session' | 'token';
  userId: number;
  email: string;
  name: string;
  role: Role;
  siteId: number | null;
  locale: Locale;
  tokenId?: number;
};

export type SiteKeyPrincipal = { kind: 'site_key'; keyId: number; keyName: string; siteId: number };

/**
 * A paired wallboard screen: reads its wallboard (the network when `siteIds` is empty, else those
 * sites) and nothing else. Never writes.
 */
export type DisplayPrincipal = { kind: 'display'; displayId: number; name: string; siteIds: number[]; locale: Locale };

export type Principal = { kind: 'anonymous' } | UserPrincipal | SiteKeyPrincipal | DisplayPrincipal;

export const anonymous: Principal = { kind: 'anonymous' };

export function isHq(p: Principal): p is UserPrincipal & { role: 'admin' | 'hq_manager' } {
  return p.kind === 'user' && (p.role === 'admin' || p.role === 'hq_manager');
}

export function isAdmin(p: Principal): p is UserPrincipal & { role: 'admin' } {
  return p.kind === 'user' && p.role === 'admin';
}

/**
 * The sites a principal may read: every site for HQ, one site for a site lead or a site key.
 * Applied on the server in every query; never taken from input.
 */
export type SiteScope = { all: true } | { all: false; siteId: number };

export function siteScopeOf(p: Principal): SiteScope {
  if (p.kind === 'site_key') return { all: false, siteId: p.siteId };
  if (p.kind === 'user') {
    if (p.role === 'site_lead') return { all: false, siteId: p.siteId ?? -1 };
    return { all: true };
  }
  return { all: false, siteId: -1 };
}

/**
 * The sites a principal's wallboard (/live, live.snapshot, the live stream) shows: `siteIds` null
 * = the whole network. A paired display shows its own scope; a signed-in user their site scope (a
 * site lead, their site). Null for everyone else: site keys, personal tokens and nobody have no
 * wallboard.
 */
export type WallboardScope = { siteIds: number[] | null };

export function wallboardScopeOf(p: Principal): WallboardScope | null {
  if (p.kind === 'display') return { siteIds: p.siteIds.length > 0 ? [...p.siteIds] : null };
  if (p.kind === 'user' && p.via === 'session') {
    const scope = siteScopeOf(p);
    return { siteIds: scope.all ? null : [scope.siteId] };
  }
  return null;
}

export function canReadSite(p: Principal, siteId: number): boolean {
  const scope = siteScopeOf(p);
  return scope.all || scope.siteId === siteId;
}

/** Who did a write, as the audit log records it. */
export type Actor = {
  actorType: 'user' | 'site_key' | 'user_token' | 'cli' | 'system';
  actorId: number | null;
  actorLabel: string;
};

/** The actor for writes made from the admin CLI. */
export function cliActor(): Actor {
  return { actorType: 'cli', actorId: null, actorLabel: `cli (${process.env.USER ?? 'unknown'})` };
}

export function actorOf(p: Principal): Actor {
  switch (p.kind) {
    case 'user':
      return p.via === 'token'
        ? { actorType: 'user_token', actorId: p.userId, actorLabel: `${p.email} (token ${p.tokenId ?? '?'})` }
        : { actorType: 'user', actorId: p.userId, actorLabel: p.email };
    case 'site_key':
      return { actorType: 'site_key', actorId: p.keyId, actorLabel: `site key ${p.keyName}` };
    default:
      return { actorType: 'system', actorId: null, actorLabel: 'anonymous' };
  }
}
