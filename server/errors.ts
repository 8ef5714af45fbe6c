// Domain errors, thrown by logic that knows nothing of HTTP or tRPC, and their mapping to
// TRPCError (and so to HTTP statuses) in one place.
import { TRPCError } from '@trpc/server';

type DomainCode = 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE' | 'TOO_MANY_REQUESTS';

export class DomainError extends Error {
  constructor(
    readonly code: DomainCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string) => new DomainError('CONFLICT', message);
export const forbidden = (message = 'You may not do this') => new DomainError('FORBIDDEN', message);
export const badRequest = (message: string) => new DomainError('BAD_REQUEST', message);

/** PostgreSQL error codes that mean the input broke a rule, not that the server failed. */
const PG_INPUT_ERRORS: Record<string, { code: DomainCode; message: string }> = {
  '23505': { code: 'CONFLICT', message: 'This already exists' },
  '23503': { code: 'BAD_REQUEST', message: 'This refers to something that does not exist' },
  '23514': { code: 'BAD_REQUEST', message: 'This breaks a rule of the data model' },
  '23502': { code: 'BAD_REQUEST', message: 'A required value is missing' },
  '22001': { code: 'BAD_REQUEST', message: 'A value is too long' },
  '22003': { code: 'BAD_REQUEST', message: 'A number is out of range' },
  '22007': { code: 'BAD_REQUEST', message: 'A date or time is invalid' },
  '22008': { code: 'BAD_REQUEST', message: 'A date or time is out of range' },
  '22P02': { code: 'BAD_REQUEST', message: 'A value has the wrong form' },
};

function pgCodeOf(error: unknown): { code?: string; constraint?: string } | null {
  for (let e = error as { code?: unknown; cause?: unknown; constraint_name?: string; constraint?: string } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return { code: e.code, constraint: e.constraint_name ?? e.constraint };
    e = e.cause as typeof e;
  }
  return null;
}

/** A TRPCError for a domain or database error, or null when the error is a genuine fault. */
export function toTRPCError(error: unknown): TRPCError | null {
  if (error instanceof TRPCError) return error;
  if (error instanceof DomainError) return new TRPCError({ code: error.code, message: error.message, cause: error });
  const pg = pgCodeOf(error);
  if (pg?.code && PG_INPUT_ERRORS[pg.code]) {
    const mapped = PG_INPUT_ERRORS[pg.code]!;
    const detail = pg.constraint ? ` (${pg.constraint})` : '';
    return new TRPCError({ code: mapped.code, message: mapped.message + detail, cause: error as Error });
  }
  return null;
}
