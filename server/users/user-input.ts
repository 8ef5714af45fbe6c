// What a user account is made of, as the admin pages, the tRPC API and the CLI submit it.
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '@/server/auth/password';
import { isValidTimeZone, siteCode } from '@/lib/sites/site-input';

export const ROLES = ['admin', 'hq_manager', 'site_lead'] as const;
export const LOCALES = ['en', 'fr'] as const;

const email = z.string().trim().toLowerCase().pipe(z.email('A valid e-mail address is required').max(254));
const name = z.string().trim().min(1, 'A name is required').max(100, 'At most 100 characters');
// Strings in, so the CLI can pass what it read and get the same message as the form.
const role = z.string().trim().toLowerCase().pipe(z.enum(ROLES, 'The role is admin, hq_manager or site_lead'));
export const localeInput = z.string().trim().toLowerCase().pipe(z.enum(LOCALES, 'The language is en or fr'));
const timezone = z.string().trim().refine(isValidTimeZone, 'A time zone is an IANA name, e.g. Europe/Paris');
export const passwordInput = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `A password has at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'At most 200 characters');
const userId = z.number().int().positive();

/** A site lead belongs to exactly one site; HQ roles belong to none. */
function checkSiteForRole(value: { role?: string; siteId?: number | null; siteCode?: string | null }, ctx: z.RefinementCtx) {
  if (value.role === undefined) return;
  const hasSite = (value.siteId ?? null) !== null || (value.siteCode ?? null) !== null;
  if (value.role === 'site_lead' && !hasSite) {
    ctx.addIssue({ code: 'custom', path: ['siteId'], message: 'A site lead belongs to one site: choose it' });
  }
  if (value.role !== 'site_lead' && hasSite) {
    ctx.addIssue({ code: 'custom', path: ['siteId'], message: 'Headquarters roles belong to no site' });
  }
}

export const createUserInput = z
  .object({
    email,
    name,
    role,
    /** The CLI names the site by code, the admin pages by id. */
    siteCode: siteCode.nullish(),
    siteId: userId.nullish(),
    password: passwordInput,
    locale: localeInput.default('en'),
    timezone: timezone.optional(),
  })
  .superRefine(checkSiteForRole);

/** The e-mail address is the sign-in name and stays as created. */
export const updateUserInput = z
  .object({
    id: userId,
    name: name.optional(),
    role: role.optional(),
    siteCode: siteCode.nullish(),
    siteId: userId.nullish(),
    locale: localeInput.optional(),
    timezone: timezone.optional(),
  })
  .superRefine(checkSiteForRole);

export const setUserActiveInput = z.object({ id: userId, active: z.boolean() });
export const resetPasswordInput = z.object({ id: userId, password: passwordInput });
export const setMyLocaleInput = z.object({ locale: localeInput });
export const changeMyPasswordInput = z.object({ currentPassword: z.string().min(1, 'Enter your current password').max(200), newPassword: passwordInput });

export type CreateUserInput = z.input<typeof createUserInput>;
export type UpdateUserInput = z.input<typeof updateUserInput>;
export type SetUserActiveInput = z.input<typeof setUserActiveInput>;
export type ResetPasswordInput = z.input<typeof resetPasswordInput>;
export type ChangeMyPasswordInput = z.input<typeof changeMyPasswordInput>;
