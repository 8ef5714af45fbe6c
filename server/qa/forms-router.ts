import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { listPublishedFormsWithCriteria } from '@/db/queries/qa-forms';
import { createTRPCRouter, publicProcedure } from '@/server/trpc/init';

const criterionOutput = z.object({
  key: z.string(),
  label: z.string(),
  category: z.enum(['language', 'culture', 'compliance', 'resolution', 'soft_skills']),
  weight: z.number(),
  maxScore: z.number(),
  critical: z.boolean(),
});

const formsOutput = z.object({
  forms: z.array(z.object({ code: z.string(), version: z.number(), name: z.string(), description: z.string().nullable(), criteria: z.array(criterionOutput) })),
});

/** Any credential: site keys map their own scorecards to ours, people read them in the app. */
const anyCredential = publicProcedure.use(({ ctx, next }) => {
  if (ctx.principal.kind === 'anonymous') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Send a valid site key or token' });
  return next();
});

export const qaFormsRouter = createTRPCRouter({
  published: anyCredential
    .meta({
      openapi: {
        method: 'GET',
        path: '/qa/forms',
        protect: true,
        tags: ['qa'],
        summary: 'The published QA forms and their criteria',
        description: 'So that a site’s QA tool can map its own scorecard: send scores by criterion key, null when a criterion does not apply.',
      },
    })
    .input(z.object({}).optional())
    .output(formsOutput)
    .query(async ({ ctx }) => {
      const forms = await listPublishedFormsWithCriteria(ctx.db);
      return {
        forms: forms.map((f) => ({
          code: f.code,
          version: f.version,
          name: f.name,
          description: f.description,
          criteria: f.criteria.map((c) => ({ key: c.key, label: c.label, category: c.category, weight: c.weight, maxScore: c.maxScore, critical: c.critical })),
        })),
      };
    }),
});
