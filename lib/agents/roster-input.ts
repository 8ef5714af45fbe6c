// What the roster procedures take and answer: one set of schemas for the page and the tRPC and
// REST procedures (server/roster/router.ts).
import { z } from 'zod';
import { checkRange } from '@/lib/kpi/periods';
import { isoDay, siteCode } from '@/lib/kpi/schemas';
import { ROSTER_COLUMNS, ROSTER_MAX_BYTES, ROSTER_MAX_REFERENCE, ROSTER_REJECTION_CODES } from './roster-csv';
import type { TenureBand } from './tenure';

export const rosterImportInput = z
  .object({
    site: siteCode.meta({ description: "The site's code (a site lead's token: their own site)", examples: ['TUN'] }),
    csv: z
      .string()
      .max(ROSTER_MAX_BYTES, `A roster file is at most ${ROSTER_MAX_BYTES / 1024 / 1024} MB`)
      .meta({ description: 'The roster file itself, as text: a header line (reference, name, team, start date, end date) and one line per person' }),
    dryRun: z
      .boolean()
      .optional()
      .meta({ description: 'true: check the file and say what it would change, writing nothing' }),
  })
  .strict();
export type RosterImportInput = z.infer<typeof rosterImportInput>;

export const rosterSiteInput = z.object({ site: siteCode }).strict();

export const rosterSummaryInput = z
  .object({ site: siteCode, from: isoDay, to: isoDay })
  .strict()
  .superRefine((value, ctx) => {
    const checked = checkRange(value.from, value.to);
    if (!checked.ok) ctx.addIssue({ code: 'custom', path: [checked.field], message: checked.message });
  });

export const rosterRemoveNameInput = z
  .object({ site: siteCode, agentRef: z.string().trim().min(1).max(ROSTER_MAX_REFERENCE) })
  .strict();

const count = z.number().int().nonnegative();

export const rosterRejectionOutput = z.object({
  line: count.meta({ description: 'The line in the file (1 is the header; 0 the file as a whole)' }),
  code: z.enum(ROSTER_REJECTION_CODES),
  reason: z.string(),
  column: z.enum(ROSTER_COLUMNS).optional(),
  value: z.string().optional(),
  otherLine: count.optional().meta({ description: 'A duplicate reference: the line that first named it' }),
  excerpt: z.string().optional(),
});

export const rosterImportOutput = z.object({
  site: z.string(),
  committed: z.boolean().meta({ description: 'Whether the roster was written: false on a dry run and whenever a line was rejected' }),
  dryRun: z.boolean(),
  people: count.meta({ description: 'Lines read without fault' }),
  rejected: z.array(rosterRejectionOutput),
  ignoredColumns: z.array(z.string()),
  added: count.meta({ description: 'References new to the roster' }),
  changed: count.meta({ description: 'References already on the roster whose team, dates or name the file changes' }),
  unchanged: count,
  namesBack: count.meta({ description: 'Removed names the file names again (they come back)' }),
  notInFile: count.meta({ description: 'People on the roster the file does not name: kept as they are' }),
});
export type RosterImportOutput = z.infer<typeof rosterImportOutput>;

export type RosterPerson = {
  agentRef: string;
  name: string | null;
  team: string | null;
  startDate: string | null;
  endDate: string | null;
  nameRemovedAt: string | null;
  onHeadcount: boolean;
  tenureBand: TenureBand | null;
};

/** The page's import form: its messages are keys of the `roster.import` messages. */
export const rosterFileInput = z.object({
  csv: z
    .string()
    .refine((text) => text.trim() !== '', 'required')
    .refine((text) => text.length <= ROSTER_MAX_BYTES, 'tooLarge'),
});
export type RosterFileInput = z.infer<typeof rosterFileInput>;
