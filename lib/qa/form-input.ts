// The payloads of QA form management, validated once here for the router, the service and the
// form editor (which shows the same reasons beside each field before anything is sent). Free of
// server-only imports for that reason.
import { z } from 'zod';

/** The qa_category enum of the schema, in display order (a test holds them equal). */
export const QA_CATEGORIES = ['language', 'culture', 'compliance', 'resolution', 'soft_skills'] as const;
export const CRITERION_KEY = /^[a-z0-9_]{1,64}$/;
export const MAX_CRITERIA = 60;

export const criterionInput = z.object({
  key: z.string().trim().regex(CRITERION_KEY, 'Use 1 to 64 lower-case letters, digits or _'),
  label: z.string().trim().min(1, 'Give the criterion a label').max(300),
  category: z.enum(QA_CATEGORIES),
  weight: z.number().finite().gt(0, 'The weight must be above 0').max(1000),
  // A refinement rather than .int(): an integer check that fails aborts the checks of the whole
  // list, which would hide a duplicated key until the next attempt.
  maxScore: z
    .number()
    .min(1, 'The maximum score is at least 1')
    .max(1000)
    .refine(Number.isInteger, 'The maximum score is a whole number'),
  critical: z.boolean(),
});

/** Criteria in the order the form shows them: their position is their place in the list. */
const criteriaInput = z
  .array(criterionInput)
  .min(1, 'A form needs at least one criterion')
  .max(MAX_CRITERIA)
  .superRefine(
    (criteria, ctx) => {
      const seen = new Set<string>();
      criteria.forEach((criterion: { key?: unknown } | undefined, index) => {
        const key = criterion?.key;
        if (typeof key !== 'string') return;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `The key "${key}" is used twice` });
        seen.add(key);
      });
    },
    // Also when other fields of the list are invalid, so that a form shows every problem at once.
    { when: (payload) => Array.isArray(payload.value) },
  );

const formFields = {
  name: z.string().trim().min(1, 'Give the form a name').max(200),
  description: z
    .string()
    .trim()
    .max(2000)
    .nullish()
    .transform((v) => (v ? v : null)),
  criteria: criteriaInput,
};

export const createDraftInput = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9_-]{1,32}$/, 'Use 1 to 32 letters, digits, _ or -'),
  ...formFields,
});

export const updateDraftInput = z.object({ id: z.number().int().positive(), ...formFields });

export const formIdInput = z.object({ id: z.number().int().positive() });

export type CriterionInput = z.infer<typeof criterionInput>;
export type CreateDraftInput = z.input<typeof createDraftInput>;
export type UpdateDraftInput = z.input<typeof updateDraftInput>;
