// Missions. `list`, `create` and `get` are also REST (GET/POST /api/v1/missions, GET
// /api/v1/missions/{code}) and answer DESIGN's shapes; the others are the app's richer reads.
import { z } from 'zod';
import { actorOf } from '@/server/auth/principal';
import { createTRPCRouter, hqProcedure, signedInProcedure } from '@/server/trpc/init';
import { createMissionInput, missionCodeInput, siteMissionsInput, updateMissionInput } from '@/lib/missions/mission-input';
import {
  createMission,
  getMissionProgress,
  getMissionSeries,
  listMissionProgress,
  listMissionsBehindPace,
  listSiteMissions,
  updateMission,
} from './service';

const measure = z.number().nullable();

const siteOutput = z.object({
  code: z.string(),
  target: z.number().int(),
  achieved: z.number().int(),
  completion: measure.meta({ description: 'achieved / target (a fraction; above 1 once the target is passed)' }),
  pace: measure.meta({ description: 'completion / elapsed share of the window in complete site-local days; null before a day has elapsed' }),
});

const missionOutput = z.object({ code: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string(), sites: z.array(siteOutput) });

const listOutput = z.object({
  missions: z.array(
    missionOutput.extend({
      description: z.string().nullable(),
      successOutcomes: z.array(z.string()),
      target: z.number().int(),
      achieved: z.number().int(),
      completion: measure,
      pace: measure,
    }),
  ),
});

const definitionOutput = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  successOutcomes: z.array(z.string()),
  targets: z.array(z.object({ site: z.string(), target: z.number().int() })),
});

const ERRORS = { 401: 'Sign in or send a valid token', 403: 'Not allowed for this account' };

export const missionsRouter = createTRPCRouter({
  list: signedInProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/missions',
        protect: true,
        tags: ['missions'],
        summary: 'Missions with each site’s progress',
        description:
          'Achieved = calls carrying the mission code and a success outcome on a site-local day of the window, whenever they were pushed. ' +
          'The mission’s own figures sum its sites. A site lead sees only the missions that give their site a target, and only their own row.',
        errorResponses: ERRORS,
      },
    })
    .input(z.object({}).optional())
    .output(listOutput)
    .query(async ({ ctx }) => {
      const list = await listMissionProgress(ctx.db, ctx.scope, ctx.now());
      return { missions: list.map((m) => ({ ...m, ...m.overall })) };
    }),

  create: hqProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/missions',
        protect: true,
        tags: ['missions'],
        summary: 'Define a mission (headquarters)',
        description: 'The window is in site-local dates. Calls already pushed with the code count as soon as the mission exists.',
        errorResponses: { ...ERRORS, 400: 'Invalid mission or unknown site code', 409: 'A mission with this code exists' },
      },
    })
    .input(createMissionInput)
    .output(definitionOutput)
    .mutation(({ ctx, input }) => createMission(ctx.db, actorOf(ctx.principal), input)),

  get: signedInProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/missions/{code}',
        protect: true,
        tags: ['missions'],
        summary: 'One mission’s progress per site',
        description: 'A site lead gets only their own site’s row; a mission that does not involve their site is not found.',
        errorResponses: { ...ERRORS, 404: 'No such mission' },
      },
    })
    .input(missionCodeInput)
    .output(missionOutput)
    .query(({ ctx, input }) => getMissionProgress(ctx.db, ctx.scope, input.code, ctx.now())),

  /** The app's list: per-site and overall completion, pace, projection, status and phase. */
  board: signedInProcedure.query(({ ctx }) => listMissionProgress(ctx.db, ctx.scope, ctx.now())),

  detail: signedInProcedure.input(missionCodeInput).query(({ ctx, input }) => getMissionProgress(ctx.db, ctx.scope, input.code, ctx.now())),

  /** Cumulative successes per site and day, for the chart. */
  progress: signedInProcedure.input(missionCodeInput).query(({ ctx, input }) => getMissionSeries(ctx.db, ctx.scope, input.code, ctx.now())),

  update: hqProcedure.input(updateMissionInput).mutation(({ ctx, input }) => updateMission(ctx.db, actorOf(ctx.principal), input)),

  forSite: signedInProcedure.input(siteMissionsInput).query(({ ctx, input }) => listSiteMissions(ctx.db, ctx.scope, input.site, ctx.now())),

  behindPace: signedInProcedure.query(({ ctx }) => listMissionsBehindPace(ctx.db, ctx.scope, ctx.now())),
});
