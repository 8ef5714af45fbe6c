// What a mission is made of, as REST (POST /api/v1/missions), the app's tRPC calls and the edit
// form submit it: one set of rules, so every entry point refuses the same things the same way.
import { z } from 'zod';
import { isIsoDay, rangeLength } from '@/lib/kpi/periods';

/** The code calls carry in `missionCode`; matched exactly, so its case is kept as given. */
export const missionCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'A mission code is 1 to 32 letters, digits, - or _');

const siteCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2,8}$/, 'A site code is 2 to 8 letters A–Z');

export const missionDay = z.string().refine(isIsoDay, 'Use a date as YYYY-MM-DD');

/** A window longer than this is almost certainly a typo in the year. */
export const MAX_MISSION_DAYS = 731;

const name = z.string().trim().min(1, 'A name is required').max(120, 'At most 120 characters');
const description = z.string().trim().max(2000, 'At most 2,000 characters');

/** Outcomes as the telephony platform writes them in `outcome`; duplicates collapse. */
const successOutcomes = z
  .array(z.string().trim().min(1, 'An outcome cannot be empty').max(64, 'An outcome is at most 64 characters'))
  .min(1, 'Name at least one success outcome')
  .max(20, 'At most 20 success outcomes')
  .transform((list) => [...new Set(list)]);

const target = z
  .number('A target is a number of calls')
  .int('A target is a whole number of calls')
  .min(1, 'A target is at least 1')
  .max(10_000_000, 'A target is at most 10,000,000');

const targets = z
  .array(z.object({ site: siteCode, target }))
  .min(1, 'Give at least one site a target')
  .max(200, 'At most 200 sites')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((row, index) => {
      if (seen.has(row.site)) ctx.addIssue({ code: 'custom', path: [index, 'site'], message: `Site ${row.site} is listed twice` });
      seen.add(row.site);
    });
  });

function refineWindow(value: { startsOn?: string; endsOn?: string }, ctx: z.core.$RefinementCtx) {
  if (value.startsOn === undefined || value.endsOn === undefined) return;
  if (!isIsoDay(value.startsOn) || !isIsoDay(value.endsOn)) return;
  const days = rangeLength({ from: value.startsOn, to: value.endsOn });
  if (days < 1) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The mission cannot end before it starts' });
  else if (days > MAX_MISSION_DAYS) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `A mission lasts at most ${MAX_MISSION_DAYS} days` });
}

export const createMissionInput = z
  .object({
    code: missionCode.meta({ description: 'The code calls carry in missionCode (matched exactly)', examples: ['RETAIN-WINTER'] }),
    name,
    description: description.optional(),
    startsOn: missionDay.meta({ description: 'First day of the window, site-local, YYYY-MM-DD' }),
    endsOn: missionDay.meta({ description: 'Last day of the window (included), site-local, YYYY-MM-DD' }),
    successOutcomes: successOutcomes.meta({ description: 'Call outcomes that count as a success', examples: [['retained']] }),
    targets: targets.meta({ description: 'Successes expected from each site over the window' }),
  })
  .superRefine(refineWindow);

/** The code names the mission in URLs and in every call record that carries it: it never changes. */
export const updateMissionInput = z
  .object({
    code: missionCode,
    name: name.optional(),
    description: description.optional(),
    startsOn: missionDay.optional(),
    endsOn: missionDay.optional(),
    successOutcomes: successOutcomes.optional(),
    /** When given, replaces every target: a site left out no longer takes part. */
    targets: targets.optional(),
  })
  .superRefine(refineWindow);

export const missionCodeInput = z.object({ code: missionCode });

export const siteMissionsInput = z.object({ site: siteCode });

export type CreateMissionInput = z.input<typeof createMissionInput>;
export type UpdateMissionInput = z.input<typeof updateMissionInput>;
export type MissionDefinition = z.output<typeof createMissionInput>;
