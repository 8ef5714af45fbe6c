// Domain errors, thrown by logic that knows nothing of HTTP or tRPC, and their mapping to
// TRPCError (and so to HTTP statuses) in one place.
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';

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

/**
 * Codes that mean the database cannot be reached right now (it is down, restarting, recovering or
 * out of connections), as opposed to a query that failed: socket errors, postgres.js connection
 * errors, and the SQLSTATEs of class 08 and 57P01–57P03 and 53300.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** True when the error (or one it wraps) says the database is unreachable, not that a query is wrong. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code))) return true;
  // Node reports a refused connection to every address of a host name as an AggregateError.
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** What a caller gets while the database is away: a 503 it may retry, never a 500. */
export function databaseUnavailable(cause: unknown): TRPCError {
  return new TRPCError({
    code: 'SERVICE_UNAVAILABLE',
    message: 'The database is unavailable for the moment; try again shortly',
    cause: cause instanceof Error ? cause : undefined,
  });
}

/** A TRPCError for a domain or database error, or null when the error is a genuine fault. */
export function toTRPCError(error: unknown): TRPCError | null {
  if (error instanceof TRPCError) return error;
  if (isDatabaseUnavailable(error)) return databaseUnavailable(error);
  if (error instanceof DomainError) return new TRPCError({ code: error.code, message: error.message, cause: error });
  const pg = pgCodeOf(error);
  if (pg?.code && PG_INPUT_ERRORS[pg.code]) {
    const mapped = PG_INPUT_ERRORS[pg.code]!;
    const detail = pg.constraint ? ` (${pg.constraint})` : '';
    return new TRPCError({ code: mapped.code, message: mapped.message + detail, cause: error as Error });
  }
  return null;
}

/**
 * The JSON answer of a route handler outside the tRPC adapter (CSV and PDF exports, the live stream)
 * for a refusal: the tRPC code, message and zod issues, with the status the REST API gives them.
 * A genuine fault is thrown again, for the framework to log and answer.
 */
export function errorResponse(error: unknown): Response {
  const trpc = toTRPCError(error);
  if (!trpc) throw error;
  const issues = (trpc.cause as { issues?: unknown } | undefined)?.issues;
  return Response.json({ code: trpc.code, message: trpc.message, ...(issues ? { issues } : {}) }, { status: getHTTPStatusCodeFromError(trpc) });
}
