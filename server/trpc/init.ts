// tRPC in three parts: the context, the initialisation, and one procedure builder per kind of
// caller. Authorisation lives here and in the queries (site scope), never in the pages.
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { ZodError } from 'zod';
import type { Db, DbDriver } from '@/db/client';
import {
  anonymous,
  siteScopeOf,
  wallboardScopeOf,
  type DisplayPrincipal,
  type Principal,
  type SiteKeyPrincipal,
  type UserPrincipal,
} from '@/server/auth/principal';
import { toTRPCError } from '@/server/errors';

// ── 1. Context ────────────────────────────────────────────────────────────────────────────────
export type Context = {
  db: Db;
  driver: DbDriver;
  principal: Principal;
  /** The caller's address, for rate limits and the audit log; null outside HTTP. */
  ip: string | null;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
};

/** The context without a request: what tests and the CLI build. */
export function createInnerContext(opts: {
  db: Db;
  driver?: DbDriver;
  principal?: Principal;
  ip?: string | null;
  now?: () => Date;
}): Context {
  return {
    db: opts.db,
    driver: opts.driver ?? 'pglite',
    principal: opts.principal ?? anonymous,
    ip: opts.ip ?? null,
    now: opts.now ?? (() => new Date()),
  };
}

/** What a caller reads of a server fault (never its cause). */
export const INTERNAL_FAULT_MESSAGE = 'The server failed to answer this request; the fault has been logged';

// ── 2. Initialisation ─────────────────────────────────────────────────────────────────────────
const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      // A genuine fault's message can carry SQL text and parameters, and its stack the server's
      // layout: the caller learns only that it happened (the route handlers log the cause).
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        const { stack: _stack, ...data } = shape.data;
        return { ...shape, message: INTERNAL_FAULT_MESSAGE, data: { ...data, zodError: null } };
      }
      return {
        ...shape,
        data: {
          ...shape.data,
          // Field-level reasons, flattened so a form can show each one beside its field.
          zodError: error.cause instanceof ZodError ? error.cause.flatten() : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Domain and database input errors become 4xx; anything else stays a genuine 500. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause ?? result.error);
    if (mapped && mapped !== result.error) throw mapped;
  }
  return result;
});

/** Whether the caller authenticated with a bearer secret (a site key or a personal token). */
export function isBearerPrincipal(p: Principal): boolean {
  return p.kind === 'site_key' || (p.kind === 'user' && p.via === 'token');
}

export const BEARER_OUTSIDE_REST_MESSAGE = 'Site keys and personal tokens reach only the REST API (/api/v1); this takes a signed-in session';

/**
 * Site keys and personal tokens do what DESIGN's REST API offers, nothing more: only procedures
 * published as REST routes (`meta.openapi`) accept them. Creating tokens, keys or users, and
 * everything else the app's screens do, takes a signed-in session, so a leaked token cannot mint
 * a successor or an account. /api/trpc refuses bearer secrets before any procedure (http-handler.ts).
 */
const restOnlyForBearers = t.middleware(({ ctx, meta, next }) => {
  const onRest = meta?.openapi !== undefined && meta.openapi.enabled !== false;
  if (isBearerPrincipal(ctx.principal) && !onRest) throw new TRPCError({ code: 'FORBIDDEN', message: BEARER_OUTSIDE_REST_MESSAGE });
  return next();
});

export const DISPLAY_OFF_WALLBOARD_MESSAGE = 'A wall display reads its wallboard and nothing else; sign in for the rest of the app';

/**
 * A paired wall display (its cookie, server/displays) reaches its wallboard and nothing else: on
 * every procedure but those built on wallboardProcedure it is nobody (401), before the procedure
 * runs, public ones included. A display cookie left on a screen therefore opens no other door.
 */
const refuseDisplays = t.middleware(({ ctx, next }) => {
  if (ctx.principal.kind === 'display') throw new TRPCError({ code: 'UNAUTHORIZED', message: DISPLAY_OFF_WALLBOARD_MESSAGE });
  return next();
});

// ── 3. Procedures, one per kind of caller ─────────────────────────────────────────────────────
const baseProcedure = t.procedure.use(mapErrors).use(restOnlyForBearers);

export const publicProcedure = baseProcedure.use(refuseDisplays);

/**
 * A wallboard's reads: a signed-in user (their site scope) or a paired display (its own scope).
 * `ctx.wallboard.siteIds` is what the caller may see (null = the whole network); a procedure
 * narrows it with its input and never widens it.
 */
export const wallboardProcedure = baseProcedure.use(({ ctx, next }) => {
  const p = ctx.principal;
  if (p.kind === 'anonymous') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in, or pair this screen as a display' });
  const wallboard = wallboardScopeOf(p);
  if (!wallboard || (p.kind !== 'user' && p.kind !== 'display')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'A wallboard is read by a signed-in user or a paired display' });
  }
  return next({ ctx: { ...ctx, principal: p as UserPrincipal | DisplayPrincipal, wallboard } });
});

/** A site's system pushing data with a site key. */
export const siteKeyProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.principal.kind === 'anonymous') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'A valid site key is required' });
  if (ctx.principal.kind !== 'site_key') throw new TRPCError({ code: 'FORBIDDEN', message: 'This call takes a site key' });
  return next({ ctx: { ...ctx, principal: ctx.principal as SiteKeyPrincipal } });
});

/** Any signed-in user (a browser session, or a personal token on a REST route). */
export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.principal.kind === 'anonymous') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in or send a valid token' });
  if (ctx.principal.kind !== 'user') throw new TRPCError({ code: 'FORBIDDEN', message: 'This call takes a user, not a site key' });
  const principal = ctx.principal as UserPrincipal;
  return next({ ctx: { ...ctx, principal, scope: siteScopeOf(principal) } });
});

/** HQ managers and admins. */
export const hqProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.principal.role !== 'admin' && ctx.principal.role !== 'hq_manager') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'This is for headquarters' });
  }
  return next({ ctx });
});

/** Admins only. */
export const adminProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.principal.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'This is for administrators' });
  return next({ ctx });
});

/**
 * A site lead, for their own site (the service resolves the site: server/qa/site-access.ts
 * siteForLeadOrAdmin), or an administrator for any site; HQ managers read only.
 */
export const siteLeadOrAdminProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.principal.role !== 'site_lead' && ctx.principal.role !== 'admin') {
    throw new TRPCError({ code: 'FORBIDDEN', message: "A site's lead or an administrator writes this; headquarters reads it" });
  }
  return next({ ctx });
});

/** A site key, or a site lead acting for their own site (e.g. filing a daily report). */
export const siteWriterProcedure = publicProcedure.use(({ ctx, next }) => {
  const p = ctx.principal;
  if (p.kind === 'anonymous') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in or send a valid key' });
  if (p.kind === 'site_key') return next({ ctx: { ...ctx, siteId: p.siteId } });
  if (p.kind === 'user' && p.role === 'site_lead' && p.siteId !== null) return next({ ctx: { ...ctx, siteId: p.siteId } });
  throw new TRPCError({ code: 'FORBIDDEN', message: 'Only a site (its key or its lead) writes this' });
});
