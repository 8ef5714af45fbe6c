// The payloads of the digest settings: one schema each, shared by the router and the services.
import { z } from 'zod';
import { siteCode } from '@/lib/kpi/schemas';
import { CADENCES, isValidTimeZone, parseSendTime } from './periods';

/** A user keeps a handful of digests, not hundreds. */
export const MAX_SUBSCRIPTIONS_PER_USER = 20;

/** Local time as HH:MM; kept as text so the services can parse what the router parsed again. */
const sendTime = z
  .string()
  .trim()
  .refine((value) => parseSendTime(value) !== null, 'Use a time as HH:MM, 00:00 to 23:59');

const timezone = z.string().trim().min(1, 'Choose a time zone').max(64).refine(isValidTimeZone, 'Unknown time zone: use an IANA name such as Europe/Paris');

/** The sites a digest covers: null for every site the user may read, else at least one code. */
const sites = z
  .array(siteCode)
  .min(1, 'Choose at least one site, or all sites')
  .max(200)
  .transform((codes) => [...new Set(codes)])
  .nullable();

export const subscriptionFields = z.object({ cadence: z.enum(CADENCES), sendTime, timezone, sites });

export const createSubscriptionInput = subscriptionFields;

export const updateSubscriptionInput = subscriptionFields.partial().extend({
  id: z.number().int().positive(),
  active: z.boolean().optional(),
});

export const subscriptionIdInput = z.object({ id: z.number().int().positive() });

export type CreateSubscriptionInput = z.input<typeof createSubscriptionInput>;
export type UpdateSubscriptionInput = z.input<typeof updateSubscriptionInput>;

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

export const outboxListInput = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(50),
});

export const emailIdInput = z.object({ id: z.number().int().positive() });
