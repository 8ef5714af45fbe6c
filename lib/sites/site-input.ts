// What a site is made of, as the admin pages, the tRPC API and the CLI submit it: one set of
// rules so that every entry point gives the same errors.
import { z } from 'zod';

export const SITE_KINDS = ['onshore', 'nearshore', 'offshore'] as const;

/**
 * What "today" is on the site's wallboard: its local calendar day, or the last 24 hours (whole
 * 15-minute intervals), which suits a site open around the clock whose night shift spans midnight.
 */
export const LIVE_WINDOWS = ['day', 'rolling24'] as const;
export type LiveWindow = (typeof LIVE_WINDOWS)[number];

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Codes ICU names that are not countries: groupings, test regions, "unknown". */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

/** A two-letter country code that ICU knows (DisplayNames echoes unknown codes back unchanged). */
export function isKnownCountry(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  try {
    return regionNames.of(code) !== code;
  } catch {
    return false;
  }
}

/** An IANA zone name the runtime knows; offsets like "+01:00" are refused, Postgres reads them differently. */
export function isValidTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function minuteOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function formatMinuteOfDay(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export const siteCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2,8}$/, 'A site code is 2 to 8 letters A–Z');

const siteName = z.string().trim().min(1, 'A name is required').max(100, 'At most 100 characters');

const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isKnownCountry, 'A country is an ISO 3166-1 two-letter code, e.g. TN');

const timezone = z.string().trim().refine(isValidTimeZone, 'A time zone is an IANA name, e.g. Africa/Tunis');

const languageTag = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'A language is a code such as fr, ar or pt-BR');

/** A list of language codes, or the same as one comma-separated string (the CLI and the form). */
const languages = z
  .union([
    z.string().transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
    z.array(z.string()),
  ])
  .pipe(
    z
      .array(languageTag)
      .max(12, 'At most 12 languages')
      .transform((list) => [...new Set(list)]),
  );

// Strings in, so the CLI can pass what it read and get the same message as the form.
const kind = z.string().trim().toLowerCase().pipe(z.enum(SITE_KINDS, 'The kind is onshore, nearshore or offshore'));

const seats = z.coerce
  .number<number | string>('Seats are a number')
  .int('Seats are a whole number')
  .min(0, 'Seats cannot be negative')
  .max(100_000, 'At most 100,000 seats');

const slaSeconds = z.coerce
  .number<number | string>('The service-level threshold is a number of seconds')
  .int('The service-level threshold is whole seconds')
  .min(1, 'The service-level threshold is at least 1 second')
  .max(3600, 'The service-level threshold is at most 3,600 seconds');

const liveWindow = z.enum(LIVE_WINDOWS, "The wallboard's today is 'day' (the local day) or 'rolling24' (the last 24 hours)");

const reportDeadline = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'The report deadline is a time HH:MM, e.g. 21:00');

export const createSiteInput = z.object({
  code: siteCode,
  name: siteName,
  country,
  timezone,
  languages: languages.default([]),
  kind: kind.default('offshore'),
  seats: seats.default(0),
  slaSeconds: slaSeconds.default(20),
  reportDeadline: reportDeadline.default('21:00'),
  liveWindow: liveWindow.default('day'),
});

/** The code names a site in URLs, keys and the API, so it is fixed once the site exists. */
export const updateSiteInput = z.object({
  id: z.number().int().positive(),
  name: siteName.optional(),
  country: country.optional(),
  timezone: timezone.optional(),
  languages: languages.optional(),
  kind: kind.optional(),
  seats: seats.optional(),
  slaSeconds: slaSeconds.optional(),
  reportDeadline: reportDeadline.optional(),
  liveWindow: liveWindow.optional(),
});

export const setSiteActiveInput = z.object({ id: z.number().int().positive(), active: z.boolean() });

export type CreateSiteInput = z.input<typeof createSiteInput>;
export type UpdateSiteInput = z.input<typeof updateSiteInput>;
export type SetSiteActiveInput = z.input<typeof setSiteActiveInput>;
