// Reads a failed tRPC call the way a form needs it: which fields were refused, and why overall.
import { TRPCClientError } from '@trpc/client';

type ErrorData = { code?: string; zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null };

function dataOf(error: unknown): ErrorData | undefined {
  return error instanceof TRPCClientError ? (error.data as ErrorData | undefined) : undefined;
}

/** The names of the fields the server's validation refused. */
export function refusedFields(error: unknown): Set<string> {
  const fieldErrors = dataOf(error)?.zodError?.fieldErrors ?? {};
  return new Set(Object.entries(fieldErrors).filter(([, messages]) => messages && messages.length > 0).map(([field]) => field));
}

export function errorCodeOf(error: unknown): string | undefined {
  return dataOf(error)?.code;
}

/** The server's own message, for rules the form cannot know in advance (e.g. the last administrator). */
export function serverMessageOf(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? error.message : undefined;
}
