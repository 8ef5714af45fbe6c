// The answer to an ingest batch, the same for calls and evaluations, over REST, tRPC and the CLI.
import { z } from 'zod';

export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });

export const rejectedRecordSchema = z.object({
  /** Position of the record in the batch, from 0. */
  index: z.number().int(),
  externalId: z.string().nullable(),
  errors: z.array(fieldErrorSchema),
});

export const ingestResultSchema = z.object({
  received: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(rejectedRecordSchema),
});

export type FieldError = z.infer<typeof fieldErrorSchema>;
export type RejectedRecord = z.infer<typeof rejectedRecordSchema>;
export type IngestResult = z.infer<typeof ingestResultSchema>;
