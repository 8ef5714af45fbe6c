// Input and output of the intraday view (tRPC `intraday.day`, REST `GET /api/v1/intraday`): one
// site-local day in 15-minute intervals, every interval of the day listed.
import { z } from 'zod';
import { isIsoDay } from './periods';
import { isoDay, siteCodes } from './schemas';

export const INTRADAY_INTERVAL_MINUTES = 15;

export const intradayInput = z.object({
  date: isoDay
    .refine(isIsoDay, 'date must be a calendar date as YYYY-MM-DD')
    .meta({ description: 'The site-local day, YYYY-MM-DD', examples: ['2026-03-29'] }),
  site: siteCodes.optional().meta({ description: 'Site code; repeat to name several. All active sites when absent.' }),
});

const count = z.number().int().nonnegative();
const measure = z.number().nullable();

export const intradayIntervalOutput = z.object({
  /** The interval's first instant, ISO 8601 UTC. */
  start: z.string(),
  offered: count,
  handled: count,
  abandoned: count,
  serviceLevel: measure,
  ahtSeconds: measure,
  asaSeconds: measure,
});

export const intradayOutput = z.object({
  date: z.string(),
  intervalMinutes: z.literal(INTRADAY_INTERVAL_MINUTES),
  sites: z.array(z.object({ code: z.string(), intervals: z.array(intradayIntervalOutput) })),
});

export type IntradayInterval = z.infer<typeof intradayIntervalOutput>;
export type Intraday = z.infer<typeof intradayOutput>;
