// Wall displays: what an admin fills in to create one, the pairing code a screen types, and the
// wallboard address of a scope. The settings form, the /display page, the router and the pairing
// route validate with these schemas; each message is a key of the `displays.errors` messages.
import { z } from 'zod';

/** Letters and digits nobody misreads across a room or types wrong on a remote: no 0/O, 1/I/L. */
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 8;
/** How long a pairing code may be typed after it was issued. */
export const PAIRING_CODE_MINUTES = 15;

/** What a person types, as the server compares it: upper case, without spaces or dashes. */
export function normalisePairingCode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase();
}

/** A code as shown on the settings page and typed on the screen: ABCD-EFGH. */
export function formatPairingCode(code: string): string {
  const plain = normalisePairingCode(code);
  return `${plain.slice(0, PAIRING_CODE_LENGTH / 2)}-${plain.slice(PAIRING_CODE_LENGTH / 2)}`;
}

const codePattern = new RegExp(`^[${PAIRING_CODE_ALPHABET}]{${PAIRING_CODE_LENGTH}}$`);

export const pairingCode = z
  .string()
  .max(40, 'codeFormat')
  .transform(normalisePairingCode)
  .pipe(z.string().regex(codePattern, 'codeFormat'));

/**
 * Why a pairing failed, as the pairing route answers (`code` in JSON, `?error=` on a redirect) and
 * the /display page explains; `revoked` comes from a wallboard page whose display cookie is dead.
 */
const PAIRING_ERRORS = ['codeFormat', 'refused', 'rateLimited', 'crossSite', 'unavailable', 'revoked', 'failed'] as const;
export type PairingErrorKey = (typeof PAIRING_ERRORS)[number];

export function asPairingError(value: string | null | undefined): PairingErrorKey | null {
  return (PAIRING_ERRORS as readonly string[]).includes(value ?? '') ? (value as PairingErrorKey) : null;
}

/** The screen's form (/display) and the body the pairing route reads. */
export const pairDisplayInput = z.object({ code: pairingCode });
export type PairDisplayInput = z.input<typeof pairDisplayInput>;

const siteCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2,8}$/, 'sites');

export const displayName = z.string().trim().min(1, 'name').max(100, 'name');

/** A new display: its name, the sites its wallboard shows (null = the whole network), its language. */
export const createDisplayInput = z.object({
  name: displayName,
  sites: z
    .array(siteCode)
    .min(1, 'sites')
    .max(100, 'sites')
    .transform((codes) => [...new Set(codes)].sort())
    .nullable(),
  locale: z.enum(['en', 'fr'], 'locale'),
});
export type CreateDisplayInput = z.input<typeof createDisplayInput>;

export const displayIdInput = z.object({ id: z.number().int().positive() });

/** The wallboard of a scope: /live for the network, /live/CODE for one site, /live?site=…&site=… for several. */
export function wallboardPathOf(siteCodes: readonly string[] | null): string {
  if (!siteCodes || siteCodes.length === 0) return '/live';
  if (siteCodes.length === 1) return `/live/${encodeURIComponent(siteCodes[0]!)}`;
  return `/live?${siteCodes.map((code) => `site=${encodeURIComponent(code)}`).join('&')}`;
}

/** Where a display stands: its code not yet typed (or expired), paired, or revoked. */
export type DisplayStatus = 'waiting' | 'expired' | 'paired' | 'revoked';
