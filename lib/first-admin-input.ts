// What the one-time setup page submits to create the first administrator. The browser form and
// the server validate with this one schema; each message is a key of the `setup.errors` messages.
import { z } from 'zod';

/** The same rules as every account (server/users/user-input.ts), which the server applies too. */
export const FIRST_ADMIN_PASSWORD_MIN = 8;

export const firstAdminInput = z
  .object({
    token: z.string().min(1, 'token').max(200, 'token'),
    email: z.string().trim().toLowerCase().pipe(z.email('email').max(254, 'email')),
    name: z.string().trim().min(1, 'name').max(100, 'name'),
    password: z.string().min(FIRST_ADMIN_PASSWORD_MIN, 'passwordLength').max(200, 'passwordLength'),
    confirm: z.string().max(200, 'confirm'),
    locale: z.enum(['en', 'fr'], 'locale').default('en'),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'confirm' });

export type FirstAdminInput = z.input<typeof firstAdminInput>;
