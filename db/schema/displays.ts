// Wallboard screens on a wall (issue: live wallboards). A display is paired once by an admin with a
// scope (the network, or some sites) and then holds a read-only credential that shows only that
// wallboard. Secrets are stored hashed, like keys and tokens.
import { sql } from 'drizzle-orm';
import { check, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { userLocale, users } from './users';

export const displays = pgTable(
  'displays',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** The sites the wallboard shows; empty = the whole network. */
    siteIds: integer('site_ids').array().notNull().default(sql`'{}'::int[]`),
    locale: userLocale('locale').notNull().default('en'),
    /** Hash of the short code typed on the screen, while the display waits to be paired. */
    pairingCodeHash: text('pairing_code_hash').unique(),
    pairingExpiresAt: timestamp('pairing_expires_at', { withTimezone: true }),
    /** Hash of the display's credential (held in an http-only cookie on the screen). */
    credentialHash: text('credential_hash').unique(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    pairedAt: timestamp('paired_at', { withTimezone: true }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [check('displays_name_nonempty', sql`length(${t.name}) between 1 and 100`)],
);

export type DisplayRow = typeof displays.$inferSelect;
