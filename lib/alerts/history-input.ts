// The alerts history's filters (GET /api/v1/alerts, the /alerts page) and the bell's mark.
// `from` and `to` take an instant with its offset, or a date: a date is that day in UTC, and a
// `to` date includes its whole day.
import { z } from 'zod';

export const ALERT_LIST_DEFAULT_LIMIT = 100;
export const ALERT_LIST_MAX_LIMIT = 500;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const instantOrDay = z.union([z.iso.datetime({ offset: true }), z.iso.date()], 'An ISO instant with its offset (2026-11-02T09:30:00+01:00) or a date (2026-11-02).');

/** The instant a bound names: a day's start, or the next day's start for an inclusive end. */
export function boundInstant(value: string, end: boolean): Date {
  if (!DAY.test(value)) return new Date(value);
  const start = new Date(`${value}T00:00:00Z`);
  return end ? new Date(start.getTime() + 86_400_000) : start;
}

export const alertListInput = z
  .object({
    state: z.enum(['firing', 'resolved', 'all'], 'One of firing, resolved, all.').default('all'),
    from: instantOrDay.optional().meta({ description: 'Alerts fired at or after this instant (a date: its start, UTC)' }),
    to: instantOrDay.optional().meta({ description: 'Alerts fired before this instant (a date: up to its end, UTC)' }),
    site: z
      .string()
      .regex(/^[A-Z]{2,8}$/, 'A site code is 2 to 8 upper-case letters.')
      .optional()
      .meta({ description: 'One site’s alerts' }),
    limit: z.coerce.number().int().min(1).max(ALERT_LIST_MAX_LIMIT).default(ALERT_LIST_DEFAULT_LIMIT),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.from && input.to && boundInstant(input.from, false) >= boundInstant(input.to, true)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end must come after the start.' });
    }
  });
export type AlertListInput = z.input<typeof alertListInput>;

export const markAlertsSeenInput = z.object({ upToId: z.number().int().min(0) }).strict();
