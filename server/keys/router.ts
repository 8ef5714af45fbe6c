import { z } from 'zod';
import { listSiteKeys, listUserTokens } from '@/db/queries/keys';
import { actorOf } from '@/server/auth/principal';
import { adminProcedure, createTRPCRouter, signedInProcedure } from '@/server/trpc/init';
import { credentialName, siteCode } from '@/lib/keys/key-input';
import { createSiteKey, createUserToken, revokeSiteKeyById, revokeUserTokenOf } from './service';

export const keysRouter = createTRPCRouter({
  /** Site keys of every site (admins). The secret is never listed: only its first characters. */
  listSiteKeys: adminProcedure
    .input(z.object({ includeRevoked: z.boolean().default(false) }).default({ includeRevoked: false }))
    .query(({ ctx, input }) => listSiteKeys(ctx.db, { includeRevoked: input.includeRevoked })),
  createSiteKey: adminProcedure
    .input(z.object({ siteCode, name: credentialName }))
    .mutation(({ ctx, input }) => createSiteKey(ctx.db, actorOf(ctx.principal), input)),
  revokeSiteKey: adminProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => revokeSiteKeyById(ctx.db, actorOf(ctx.principal), input.id)),

  /** The caller's own personal tokens. */
  listMyTokens: signedInProcedure.query(({ ctx }) => listUserTokens(ctx.db, ctx.principal.userId)),
  createMyToken: signedInProcedure
    .input(z.object({ name: credentialName }))
    .mutation(({ ctx, input }) => createUserToken(ctx.db, actorOf(ctx.principal), { userId: ctx.principal.userId, name: input.name })),
  revokeMyToken: signedInProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => revokeUserTokenOf(ctx.db, actorOf(ctx.principal), { userId: ctx.principal.userId, id: input.id })),
});
