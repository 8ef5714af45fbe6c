'use client';
// Zod 4 compiles object parsers with `new Function` when it may, and finds out by trying once:
// under Vigie's Content-Security-Policy (no 'unsafe-eval') that try is refused and reported as a
// violation on every page whose forms parse an object. The browser's parsers run without it.
import { z } from 'zod';

z.config({ jitless: true });

/** Rendered once in the root layout so that the setting above is loaded before any form. */
export function ZodWithoutEval() {
  return null;
}
