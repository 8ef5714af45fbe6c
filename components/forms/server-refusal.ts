// Why the server refused what the browser let through (a site no longer active, a rule the form
// cannot know in advance): the schema's reasons when its validation refused, else its message.
import { TRPCClientError } from '@trpc/client';
import { serverMessageOf } from './trpc-errors';

type ZodErrorData = { zodError?: { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> } | null };

export function refusalOf(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const zod = (error.data as ZodErrorData | undefined)?.zodError;
  const reasons = zod ? [...(zod.formErrors ?? []), ...Object.values(zod.fieldErrors ?? {}).flatMap((m) => m ?? [])] : [];
  return reasons.length > 0 ? reasons.join(' ') : serverMessageOf(error);
}
