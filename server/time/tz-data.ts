// The one source of time-zone rules: the IANA data compiled into the Node runtime the project pins
// (package.json depends on `node`, so npm scripts run on that binary whatever the system's Node).
// Every site-local day, deadline and "today" is computed with it; the database's own copy of the
// rules is never asked.

/** The oldest IANA release Vigie accepts: 2026c puts Morocco on UTC+0 from 2026-09-20 and keeps
 *  British Columbia and Alberta on summer time from 2026-11-01. */
export const MINIMUM_TZ_VERSION = '2026c';

/** The IANA release of the running runtime ("2026c"), or null when the runtime does not say. */
export function runtimeTzVersion(): string | null {
  return process.versions.tz ?? null;
}

/** Orders IANA release names: year first, then the letter ("2026c" < "2026d" < "2027a"). */
export function compareTzVersions(a: string, b: string): number {
  const pa = /^(\d{4})([a-z]+)$/.exec(a);
  const pb = /^(\d{4})([a-z]+)$/.exec(b);
  if (!pa || !pb) throw new Error(`not an IANA release name: ${pa ? b : a}`);
  if (pa[1] !== pb[1]) return Number(pa[1]) - Number(pb[1]);
  // Longer suffixes come later ("2026z" < "2026za"), as IANA would name a 27th release.
  if (pa[2]!.length !== pb[2]!.length) return pa[2]!.length - pb[2]!.length;
  return pa[2]! < pb[2]! ? -1 : pa[2]! > pb[2]! ? 1 : 0;
}

export class OutdatedTzDataError extends Error {
  constructor(found: string | null) {
    super(
      `Vigie needs IANA time-zone data ${MINIMUM_TZ_VERSION} or later; this runtime (Node ${process.version}) has ${found ?? 'no version it can name'}. ` +
        'Run Vigie through npm (npm start, npm test, npm run vigie), which uses the Node that package.json pins, or install a current Node.',
    );
    this.name = 'OutdatedTzDataError';
  }
}

/** Throws a plain message when the runtime's rules are older than the declared minimum. */
export function assertCurrentTzData(found: string | null = runtimeTzVersion()): string {
  if (!found || !/^\d{4}[a-z]+$/.test(found) || compareTzVersions(found, MINIMUM_TZ_VERSION) < 0) {
    throw new OutdatedTzDataError(found);
  }
  return found;
}
