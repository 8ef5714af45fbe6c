// What a QueueLogTracker carries from one read to the next: written to disk by `vigie follow`
// and read back after a restart, hence plain JSON and checked on the way in.
import { z } from 'zod';

/** A visit to a queue that has entered and not yet ended. */
export const openCallSchema = z.object({
  callid: z.string(),
  queue: z.string(),
  /** The ENTERQUEUE epoch exactly as written: part of the externalId. */
  enteredAt: z.string(),
  enteredMs: z.number(),
  /** Where the ENTERQUEUE was read, for the rejection if the call never ends. */
  source: z.string(),
  line: z.number().int(),
  excerpt: z.string(),
  /** Set by CONNECT: the holdtime it logged. Its presence means an agent took the call. */
  waitSeconds: z.number().optional(),
  /** The CONNECT's agent field, as written (absent when it was NONE). */
  agent: z.string().optional(),
});
export type OpenCall = z.infer<typeof openCallSchema>;

/** Lines read that made no record, by kind, for notes(). */
export const COUNTERS = ['agent', 'system', 'refused', 'ringNoAnswer', 'detail'] as const;
export type Counter = (typeof COUNTERS)[number];

export const queueLogTrackerStateSchema = z.object({
  version: z.literal(1),
  /** In the order they entered: the order records of a sweep come out in. */
  open: z.array(openCallSchema),
  /** Per queue, its logged-in members and whether each is paused. */
  members: z.array(z.tuple([z.string(), z.array(z.tuple([z.string(), z.boolean()]))])),
  /** Every queue a call entered or a member joined, in the order first seen. */
  queues: z.array(z.string()),
  counts: z.record(z.enum(COUNTERS), z.number().int()),
  /** Lines of events this importer does not know, by event name (at most MAX_UNKNOWN names), in the order first seen. */
  unknown: z.array(z.tuple([z.string(), z.number().int()])),
  /** Log time at which the oldest open call turns 24 hours old (null: none open). */
  sweepDueMs: z.number().nullable(),
});
export type QueueLogTrackerState = z.infer<typeof queueLogTrackerStateSchema>;

/** Unknown event names kept by name; the rest are counted together, so the state stays small. */
export const MAX_UNKNOWN = 30;
export const OTHER_UNKNOWN = '(other names)';

export const emptyState = (): QueueLogTrackerState => ({
  version: 1,
  open: [],
  members: [],
  queues: [],
  counts: { agent: 0, system: 0, refused: 0, ringNoAnswer: 0, detail: 0 },
  unknown: [],
  sweepDueMs: null,
});
