'use client';
// Zod 4 compiles object parsers with `new Function` when it may, and finds out by trying once:
// under Vigie's Content-Security-Policy (no 'unsafe-eval') that try is refused and reported as a
// violation on every page whose forms parse an object. The browser's parsers run without it.
//
// The setting goes into zod's global configuration object (`globalThis.__zod_globalConfig`, which
// zod reads when it loads and `z.config()` writes) rather than through `z.config()`: importing zod
// here would load it (114 kB of script) on every page, most of which have no form.

declare global {
  var __zod_globalConfig: { jitless?: boolean } | undefined;
}

globalThis.__zod_globalConfig ??= {};
globalThis.__zod_globalConfig.jitless = true;

/** Rendered once in the root layout so that the setting above is loaded before any form. */
export function ZodWithoutEval() {
  return null;
}
