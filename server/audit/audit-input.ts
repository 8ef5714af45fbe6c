// The audit log's filters, as the page and any other caller send them. Every field is optional:
// `{}` is the newest page of the whole log.
import { z } from 'zod';
import { actorType } from '@/db/schema';
import { siteCode } from '@/lib/sites/site-input';

/** A text filter left empty in a form means "no filter". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const AUDIT_PAGE_SIZE = 50;

export const auditListInput = z
  .object({
    actor: optionalText(200),
    actorType: z.enum(actorType.enumValues).optional(),
    /** An action ("user.create"), or a family of actions ending in a dot ("user."). */
    action: optionalText(100),
    entity: optionalText(100),
    site: siteCode.optional(),
    from: z.date().optional(),
    to: z.date().optional(),
    /** The id of the last entry of the previous page (keyset paging); absent for the first page. */
    cursor: z.number().int().positive().nullish(),
    limit: z.number().int().min(1).max(200).default(AUDIT_PAGE_SIZE),
  })
  .refine((input) => !input.from || !input.to || input.from.getTime() < input.to.getTime(), {
    message: 'The start must come before the end',
    path: ['to'],
  });

export type AuditListInput = z.input<typeof auditListInput>;
