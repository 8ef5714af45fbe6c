import { findSiteById } from '@/db/queries/sites';
import { listUsers } from '@/db/queries/users';
import { actorOf } from '@/server/auth/principal';
import { adminProcedure, createTRPCRouter, signedInProcedure } from '@/server/trpc/init';
import { changeMyPassword, createUser, resetPassword, setUserActive, setUserLocale, updateUser } from './service';
import { signOutEverywhere } from './sessions';
import { changeMyPasswordInput, createUserInput, resetPasswordInput, setMyLocaleInput, setUserActiveInput, updateUserInput } from './user-input';

export const usersRouter = createTRPCRouter({
  /** The caller as the app shell shows them: name, role, site, language. */
  me: signedInProcedure.query(async ({ ctx }) => {
    const p = ctx.principal;
    const site = p.siteId === null ? null : await findSiteById(ctx.db, p.siteId);
    return {
      id: p.userId,
      email: p.email,
      name: p.name,
      role: p.role,
      locale: p.locale,
      site: site ? { id: site.id, code: site.code, name: site.name } : null,
    };
  }),

  setMyLocale: signedInProcedure
    .input(setMyLocaleInput)
    .mutation(async ({ ctx, input }) => {
      const user = await setUserLocale(ctx.db, actorOf(ctx.principal), ctx.principal.userId, input.locale);
      return { locale: user.locale };
    }),

  /** Ends every session of the caller, this one included, and revokes their personal tokens. */
  signOutEverywhere: signedInProcedure.mutation(async ({ ctx }) => {
    const p = ctx.principal;
    const { revokedTokens } = await signOutEverywhere(ctx.db, actorOf(p), { id: p.userId, email: p.email, siteId: p.siteId }, ctx.now());
    return { revokedTokens };
  }),

  /** A new password for the caller; like signOutEverywhere, it ends every session and token. */
  changeMyPassword: signedInProcedure.input(changeMyPasswordInput).mutation(async ({ ctx, input }) => {
    await changeMyPassword(ctx.db, actorOf(ctx.principal), ctx.principal.userId, input);
    return { ok: true as const };
  }),

  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),

  create: adminProcedure.input(createUserInput).mutation(({ ctx, input }) => createUser(ctx.db, actorOf(ctx.principal), input)),

  update: adminProcedure.input(updateUserInput).mutation(({ ctx, input }) => updateUser(ctx.db, actorOf(ctx.principal), input)),

  setActive: adminProcedure
    .input(setUserActiveInput)
    .mutation(({ ctx, input }) => setUserActive(ctx.db, actorOf(ctx.principal), input)),

  resetPassword: adminProcedure
    .input(resetPasswordInput)
    .mutation(async ({ ctx, input }) => {
      await resetPassword(ctx.db, actorOf(ctx.principal), input);
      return { ok: true as const };
    }),
});
