// Digests: each signed-in user's own subscriptions (with preview and test send), and the outbox
// for admins. Thin: validation here, the work in the services.
import { adminProcedure, createTRPCRouter, signedInProcedure } from '@/server/trpc/init';
import { actorOf } from '@/server/auth/principal';
import { publicUrlFromEnv } from './compose';
import { deliveryFromEnv, mailTransportFromEnv, type MailTransport } from './mailer';
import { getOutboxEmail, listOutboxPage, retryOutboxEmail } from './outbox';
import {
  createSubscriptionInput,
  emailIdInput,
  outboxListInput,
  subscriptionIdInput,
  updateSubscriptionInput,
} from '@/lib/digests/subscription-input';
import {
  createSubscription,
  deleteSubscription,
  digestOptions,
  listMySubscriptions,
  previewSubscription,
  sendTestDigest,
  updateSubscription,
} from './subscriptions';

/** A transport for one request, closed afterwards (SMTP connections are not kept between requests). */
async function withTransport<T>(run: (transport: MailTransport | null) => Promise<T>): Promise<T> {
  const transport = mailTransportFromEnv();
  try {
    return await run(transport);
  } finally {
    transport?.close();
  }
}

const outboxRouter = createTRPCRouter({
  list: adminProcedure.input(outboxListInput).query(({ ctx, input }) => listOutboxPage(ctx.db, input, deliveryFromEnv())),
  get: adminProcedure.input(emailIdInput).query(({ ctx, input }) => getOutboxEmail(ctx.db, input)),
  retry: adminProcedure
    .input(emailIdInput)
    .mutation(({ ctx, input }) => withTransport((transport) => retryOutboxEmail(ctx.db, actorOf(ctx.principal), input, { now: ctx.now(), transport }))),
});

export const digestsRouter = createTRPCRouter({
  options: signedInProcedure.query(({ ctx }) => digestOptions(ctx.db, ctx.principal)),
  list: signedInProcedure.query(({ ctx }) => listMySubscriptions(ctx.db, ctx.principal, ctx.now())),
  create: signedInProcedure.input(createSubscriptionInput).mutation(({ ctx, input }) => createSubscription(ctx.db, ctx.principal, input, ctx.now())),
  update: signedInProcedure.input(updateSubscriptionInput).mutation(({ ctx, input }) => updateSubscription(ctx.db, ctx.principal, input, ctx.now())),
  remove: signedInProcedure.input(subscriptionIdInput).mutation(({ ctx, input }) => deleteSubscription(ctx.db, ctx.principal, input)),
  preview: signedInProcedure
    .input(subscriptionIdInput)
    .query(({ ctx, input }) => previewSubscription(ctx.db, ctx.principal, input, { now: ctx.now(), publicUrl: publicUrlFromEnv() })),
  sendTest: signedInProcedure
    .input(subscriptionIdInput)
    .mutation(({ ctx, input }) =>
      withTransport((transport) => sendTestDigest(ctx.db, ctx.principal, input, { now: ctx.now(), publicUrl: publicUrlFromEnv(), transport })),
    ),
  outbox: outboxRouter,
});
