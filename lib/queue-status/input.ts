// The queue status a site pushes (POST /api/v1/queue-status), shared by the REST API, tRPC and
// whatever screen or client builds one. Pure: no server code, so the browser may import it.
import { z } from 'zod';

/** Queues accepted in one push; more is answered 413. */
export const MAX_QUEUES = 500;
/** Callers waiting in one queue, or agents in one state: far above any real contact centre. */
export const MAX_COUNT = 100_000;
/** A wait longer than a day is a clock or export error. */
export const MAX_WAIT_SECONDS = 86_400;
/** How far ahead of the server's clock `at` may be: a site's clock drifts a little, not more. */
export const MAX_AHEAD_MS = 5 * 60_000;
/** Days of per-minute history kept; a status older than this is refused (it would be pruned at once). */
export const HISTORY_DAYS = 8;
/** A status older than this, as of the server's now, is shown as stale (never as zero). */
export const STALE_AFTER_MS = 2 * 60_000;

/** Whether a status taken at `at` is stale as of `now` (the server's clock; a wallboard's own reading of it). */
export function isStale(at: Date | string, now: Date): boolean {
  return now.getTime() - new Date(at).getTime() > STALE_AFTER_MS;
}

const count = (max: number) => z.number().int('Must be a whole number').min(0, 'Must not be negative').max(max, `Must be at most ${max}`);

export const queueStatusSchema = z.object({
  queue: z
    .string()
    .min(1)
    .max(100)
    .refine((s) => !s.includes('\u0000'), { message: 'Must not contain a NUL character' }),
  waiting: count(MAX_COUNT),
  longestWaitSeconds: count(MAX_WAIT_SECONDS),
  agentsAvailable: count(MAX_COUNT),
  agentsBusy: count(MAX_COUNT),
  agentsWrapUp: count(MAX_COUNT),
  agentsAway: count(MAX_COUNT),
});

export type QueueStatusInput = z.infer<typeof queueStatusSchema>;

/**
 * The body as the REST route declares it. Queues are judged after their count, so that a push
 * over the limit is a 413 whatever it holds, and `at` against the server's clock: see
 * queueStatusPushSchema.
 */
export const queueStatusPushInput = z.object({
  at: z.string().meta({ description: 'When the status was taken: ISO 8601 with an offset', examples: ['2026-11-02T09:30:00+01:00'] }),
  queues: z.array(z.unknown()).meta({
    description: `At most ${MAX_QUEUES}: { queue, waiting, longestWaitSeconds, agentsAvailable, agentsBusy, agentsWrapUp, agentsAway }, whole numbers ≥ 0`,
  }),
});

const formatPassed = (payload: { issues: readonly unknown[] }) => payload.issues.length === 0;

/** The full check of a push, as of the server's `now`. */
export function queueStatusPushSchema(now: Date) {
  const latest = now.getTime() + MAX_AHEAD_MS;
  const earliest = now.getTime() - HISTORY_DAYS * 86_400_000;
  return z.object({
    at: z.iso
      .datetime({ offset: true, message: 'Expected an ISO 8601 date-time with an offset, e.g. 2026-11-02T09:30:00+01:00' })
      // Judged only once the format is right: one reason per fault.
      .refine((s) => Date.parse(s) <= latest, { message: 'Is in the future: check the clock of the system that pushes', when: formatPassed })
      .refine((s) => Date.parse(s) >= earliest, { message: `Is older than ${HISTORY_DAYS} days`, when: formatPassed }),
    queues: z.array(queueStatusSchema).superRefine((queues, ctx) => {
      const first = new Map<string, number>();
      queues.forEach((q, index) => {
        const seen = first.get(q.queue);
        if (seen === undefined) first.set(q.queue, index);
        else ctx.addIssue({ code: 'custom', path: [index, 'queue'], message: `Duplicate in this push: queue ${seen} has the same name` });
      });
    }),
  });
}

export type QueueStatusPush = z.infer<ReturnType<typeof queueStatusPushSchema>>;

const figures = {
  waiting: z.number().int(),
  longestWaitSeconds: z.number().int(),
  agentsAvailable: z.number().int(),
  agentsBusy: z.number().int(),
  agentsWrapUp: z.number().int(),
  agentsAway: z.number().int(),
};

export const queueStatusPushResult = z.object({
  received: z.number().int(),
  /** Queues whose latest status this push replaced (or set first). */
  updated: z.number().int(),
  /** Queues whose stored status is as recent or more: left as they were. */
  unchanged: z.number().int(),
});

export const queueStatusNow = z.object({
  queue: z.string(),
  at: z.string(),
  /** Older than two minutes as of `now`: the figures are the last known, not the present. */
  stale: z.boolean(),
  ...figures,
});

export const queueStatusLatestOutput = z.object({
  now: z.string(),
  staleAfterSeconds: z.number().int(),
  sites: z.array(z.object({ code: z.string(), name: z.string(), queues: z.array(queueStatusNow) })),
});

export const queueStatusHistoryOutput = z.object({
  site: z.string(),
  date: z.string(),
  timezone: z.string(),
  from: z.string(),
  to: z.string(),
  minutes: z.array(z.object({ minute: z.string(), queue: z.string(), at: z.string(), ...figures })),
});

export type QueueStatusLatest = z.infer<typeof queueStatusLatestOutput>;
export type QueueStatusHistory = z.infer<typeof queueStatusHistoryOutput>;
