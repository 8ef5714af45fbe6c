// Site calendars: a year as REST `GET /api/v1/sites/{code}/calendar` and the settings page read it,
// and HQ's changes (weekly hours, the out-of-hours setting, holidays, closures, special periods).
import {
  calendarYearInput,
  calendarYearOutput,
  createPeriodInput,
  deletePeriodInput,
  holidayDecisionInput,
  moveHolidayInput,
  setSlExclusionInput,
  setWeeklyHoursInput,
  updatePeriodInput,
} from '@/lib/calendar/inputs';
import { actorOf, isHq } from '@/server/auth/principal';
import { createTRPCRouter, hqProcedure, signedInProcedure } from '@/server/trpc/init';
import {
  createCalendarPeriod,
  decideHoliday,
  deleteCalendarPeriod,
  moveHoliday,
  setSlExclusion,
  setWeeklyHours,
  updateCalendarPeriod,
  type HolidayDecision,
} from './edits';
import { calendarSettings, siteCalendarYear } from './year-view';

const decision = (which: HolidayDecision) =>
  hqProcedure.input(holidayDecisionInput).mutation(({ ctx, input }) => decideHoliday(ctx.db, actorOf(ctx.principal), which, input));

export const calendarRouter = createTRPCRouter({
  year: signedInProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/sites/{code}/calendar',
        protect: true,
        tags: ['sites'],
        summary: "A site's calendar for one year",
        description:
          "The weekly opening hours in the site's local time (null: open around the clock; a weekday absent or empty is closed) and every day of the year that is not an ordinary working day: a public holiday HQ has not dropped (on the date the site observes it), a closure (HQ's, or a weekday the weekly hours leave closed, without a name), or a special period with that day's hours. A site lead's token reads their own site only.",
      },
    })
    .input(calendarYearInput)
    .output(calendarYearOutput)
    .query(({ ctx, input }) => siteCalendarYear(ctx.db, ctx.scope, input.code, input.year)),

  /** The settings page: every day of the year, the holidays whatever HQ decided, the periods; `canEdit` for HQ. */
  settings: signedInProcedure
    .input(calendarYearInput)
    .query(async ({ ctx, input }) => ({ ...(await calendarSettings(ctx.db, ctx.scope, input.code, input.year)), canEdit: isHq(ctx.principal) })),

  setWeeklyHours: hqProcedure.input(setWeeklyHoursInput).mutation(({ ctx, input }) => setWeeklyHours(ctx.db, actorOf(ctx.principal), input)),

  setOutOfHours: hqProcedure.input(setSlExclusionInput).mutation(({ ctx, input }) => setSlExclusion(ctx.db, actorOf(ctx.principal), input)),

  confirmHoliday: decision('confirm'),
  dropHoliday: decision('drop'),
  restoreHoliday: decision('restore'),
  moveHoliday: hqProcedure.input(moveHolidayInput).mutation(({ ctx, input }) => moveHoliday(ctx.db, actorOf(ctx.principal), input)),

  createPeriod: hqProcedure.input(createPeriodInput).mutation(({ ctx, input }) => createCalendarPeriod(ctx.db, actorOf(ctx.principal), input)),
  updatePeriod: hqProcedure.input(updatePeriodInput).mutation(({ ctx, input }) => updateCalendarPeriod(ctx.db, actorOf(ctx.principal), input)),
  deletePeriod: hqProcedure.input(deletePeriodInput).mutation(({ ctx, input }) => deleteCalendarPeriod(ctx.db, actorOf(ctx.principal), input)),
});
