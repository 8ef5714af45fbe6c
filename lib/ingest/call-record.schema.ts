// The one schema of a call record, shared by the REST API, tRPC, CSV uploads and the CLI push.
import { z } from 'zod';

/** Records (or evaluations) accepted in one batch; more is answered 413. */
export const MAX_BATCH = 5000;
/** A duration longer than a day is a clock or export error, not a call. */
export const MAX_CALL_SECONDS = 86_400;

/** Text PostgreSQL can store: a NUL character would fail the whole batch in the database. */
export const storableText = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !s.includes('\u0000'), { message: 'Must not contain a NUL character' });

/**
 * Instants a site can have recorded. Far outside them is a clock or export error, and the ingest
 * could not hold it anyway: JavaScript reads the years 0–99 as 1900–1999 (the record was kept but
 * its rollups were looked for in the wrong century), and a site-local day after 9999-12-31 is no
 * date PostgreSQL reads (the whole batch failed with a 500).
 */
export const EARLIEST_INSTANT = Date.UTC(1900, 0, 1);
export const LATEST_INSTANT = Date.UTC(2200, 0, 1);

/** An instant with its offset (or Z), so the site-local day is never a guess. */
export const isoInstant = z.iso
  .datetime({
    offset: true,
    message: 'Expected an ISO 8601 date-time with an offset, e.g. 2026-11-02T09:30:00+01:00',
  })
  .refine(
    (s) => {
      const at = Date.parse(s);
      // What is not a date-time at all is the format check's to report.
      return Number.isNaN(at) || (at >= EARLIEST_INSTANT && at < LATEST_INSTANT);
    },
    { message: 'Expected a date-time between the years 1900 and 2199' },
  );

const seconds = z.number().min(0).max(MAX_CALL_SECONDS);

// Optional text fields also take null: many exporters write null rather than leave a key out.
export const callRecordSchema = z.object({
  externalId: storableText(1, 128),
  startedAt: isoInstant,
  direction: z.enum(['inbound', 'outbound']),
  queue: storableText(1, 100),
  agentRef: storableText(1, 128).nullish(),
  waitSeconds: seconds,
  talkSeconds: seconds,
  holdSeconds: seconds,
  wrapSeconds: seconds,
  abandoned: z.boolean(),
  resolved: z.boolean().nullable().optional(),
  csat: z.number().int().min(1).max(5).nullable().optional(),
  missionCode: storableText(1, 32).nullish(),
  outcome: storableText(1, 64).nullish(),
});

export type CallRecordInput = z.infer<typeof callRecordSchema>;

/** The body of POST /api/v1/calls. Records are judged one by one, so that valid ones are kept. */
export const callBatchSchema = z.object({
  records: z.array(z.unknown()),
});
