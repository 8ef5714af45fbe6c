// importMappings: a site's saved CSV column mappings. Reads for every credential in its scope (also
// GET /api/v1/import-mappings and /import-mappings/{name}, which `vigie push --format csv --mapping
// NAME` calls with the site's key); writes for a site lead (their site) or an administrator (any
// site, named). Thin: the work is in mappings.ts.
import { TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { csvMappingSchema } from '@/lib/importers/csv-mapping';
import { actorOf } from '@/server/auth/principal';
import { createTRPCRouter, middleware, publicProcedure, siteLeadOrAdminProcedure } from '@/server/trpc/init';
import { getImportMapping, listImportMappings, mappingKeyInput, mappingListInput, mappingSaveInput, removeImportMapping, saveImportMapping } from './mappings';

/** Faults found against the database (no site named) are zod issues: a 400 with their paths, like the schema's own. */
const issuesAsBadRequest = middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code !== 'BAD_REQUEST' && result.error.cause instanceof ZodError) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Input validation failed', cause: result.error.cause });
  }
  return result;
});

/** Reads: a signed-in user or a site key (each in its own scope, applied by the service). */
const mappingReader = publicProcedure.use(issuesAsBadRequest).use(({ ctx, next }) => {
  if (ctx.principal.kind === 'anonymous') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in, or send a valid site key or token' });
  return next();
});

/** Writes: a site lead for their own site, an administrator for any site; HQ managers read only. */
const mappingWriter = siteLeadOrAdminProcedure.use(issuesAsBadRequest);

const savedMappingOutput = z.object({
  site: z.string(),
  name: z.string(),
  mapping: csvMappingSchema,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});

const ERRORS = { 401: 'Send a valid site key or token', 403: "Another site's mappings (a site key or a site lead reaches its own site only)" };

export const importMappingsRouter = createTRPCRouter({
  list: mappingReader
    .meta({
      openapi: {
        method: 'GET',
        path: '/import-mappings',
        protect: true,
        tags: ['import'],
        summary: "A site's saved CSV column mappings",
        description:
          'The column mappings the site saved for `vigie push --format csv --mapping NAME` and the upload page, by name. ' +
          "A site key and a site lead's token read their own site's (`site` may be left out); headquarters names the site.",
        errorResponses: { ...ERRORS, 400: 'Not a site code, or no site named by headquarters', 404: 'No such site' },
      },
    })
    .input(mappingListInput)
    .output(z.object({ mappings: z.array(savedMappingOutput) }))
    .query(async ({ ctx, input }) => ({ mappings: await listImportMappings(ctx.db, ctx.principal, input) })),

  get: mappingReader
    .meta({
      openapi: {
        method: 'GET',
        path: '/import-mappings/{name}',
        protect: true,
        tags: ['import'],
        summary: 'One saved CSV column mapping, by name',
        description:
          'The mapping as lib/importers/csv-mapping.ts defines it: the delimiter, the header row, the date format and time zone, and for each call field its column with its unit or its values. ' +
          "A site key and a site lead's token read their own site's; headquarters names the site.",
        errorResponses: { ...ERRORS, 400: 'Not a mapping name or not a site code', 404: 'No mapping of that name at the site, or no such site' },
      },
    })
    .input(mappingKeyInput)
    .output(savedMappingOutput)
    .query(({ ctx, input }) => getImportMapping(ctx.db, ctx.principal, input)),

  save: mappingWriter
    .input(mappingSaveInput)
    .mutation(({ ctx, input }) => saveImportMapping(ctx.db, ctx.principal, actorOf(ctx.principal), input, ctx.now())),

  remove: mappingWriter.input(mappingKeyInput).mutation(({ ctx, input }) => removeImportMapping(ctx.db, ctx.principal, actorOf(ctx.principal), input)),
});
