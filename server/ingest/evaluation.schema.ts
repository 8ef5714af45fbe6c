// The one schema of a QA evaluation pushed by a site, shared by the REST API, tRPC, CSV and the CLI.
import { z } from 'zod';
import { isoInstant, storableText } from '@/lib/ingest/call-record.schema';

export { MAX_BATCH } from '@/lib/ingest/call-record.schema';

/**
 * A form code (`STD`: its latest published version) or a code with a version (`STD@2`: that
 * version, published or since retired, for evaluations made before a newer version came out).
 */
export const formReferenceSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}(@[1-9][0-9]{0,5})?$/, { message: 'Expected a form code such as STD, or STD@2 for a given version' });

export const evaluationSchema = z.object({
  externalId: storableText(1, 128),
  evaluatedAt: isoInstant,
  formCode: formReferenceSchema,
  agentRef: storableText(1, 128),
  callExternalId: storableText(1, 128).nullish(),
  evaluator: storableText(1, 200),
  /** Criterion key → score; null means the criterion does not apply to this call. */
  scores: z.record(z.string().max(64), z.number().nullable()),
  comment: storableText(0, 4000).nullish(),
});

export type EvaluationInput = z.infer<typeof evaluationSchema>;

/** The body of POST /api/v1/evaluations. Evaluations are judged one by one. */
export const evaluationBatchSchema = z.object({
  evaluations: z.array(z.unknown()),
});

/** A form reference split into its code and, when given, its version. */
export function parseFormReference(reference: string): { code: string; version: number | null } {
  const at = reference.indexOf('@');
  if (at < 0) return { code: reference, version: null };
  return { code: reference.slice(0, at), version: Number(reference.slice(at + 1)) };
}
