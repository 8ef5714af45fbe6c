// Faults found against the database (a site code no site has, a rate in HQ's own currency), reported
// as the schema's own are: zod issues with their paths, which the router answers as a 400 with
// `issues` on REST and as field errors in the app.
import { ZodRealError, type core, type ZodError } from 'zod';

type Path = (string | number)[];

/** ZodRealError, not ZodError: the one that is an Error, which tRPC keeps as the cause. */
export function invalid(issues: { path: Path; message: string; input?: unknown }[]): ZodError {
  return new ZodRealError(issues.map((i) => ({ code: 'custom', path: i.path, message: i.message, input: i.input }) as core.$ZodIssue));
}

/** Parses with a schema, its issues thrown as they are (services are called by the CLI and tests too). */
export function parseOrThrow<T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: ZodError } }, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ZodRealError(result.error.issues);
  return result.data;
}
