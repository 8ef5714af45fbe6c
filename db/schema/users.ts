import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { sites } from './sites';

export const userRole = pgEnum('user_role', ['admin', 'hq_manager', 'site_lead']);
export const userLocale = pgEnum('user_locale', ['en', 'fr']);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: userRole('role').notNull(),
    siteId: integer('site_id').references(() => sites.id),
    passwordHash: text('password_hash').notNull(),
    locale: userLocale('locale').notNull().default('en'),
    timezone: text('timezone').notNull().default('Europe/Paris'),
    active: boolean('active').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /**
     * Every session carries the version it was signed in under and is refused once it differs:
     * signing out everywhere, a new password, a change of role or site and a deactivation bump it.
     */
    sessionVersion: integer('session_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('users_email_lowercase', sql`${t.email} = lower(${t.email}) and ${t.email} like '%_@_%'`),
    // A site lead belongs to exactly one site; HQ roles belong to none.
    check('users_site_matches_role', sql`(${t.role} = 'site_lead') = (${t.siteId} is not null)`),
  ],
);

/**
 * Sessions signed out one by one (next-auth's sign-out), refused until they would have expired
 * anyway; rows past `expires_at` are pruned as new ones arrive.
 */
export const endedSessions = pgTable('ended_sessions', {
  sessionId: uuid('session_id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** Site keys: how a site's telephony platform or script pushes data. Stored hashed. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: serial('id').primaryKey(),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    name: text('name').notNull(),
    /** The first characters of the secret, shown in lists so a key can be recognised. */
    prefix: varchar('prefix', { length: 16 }).notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: integer('created_by').references(() => users.id),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_keys_site_name_active').on(t.siteId, t.name).where(sql`${t.revokedAt} is null`),
    check('api_keys_name_nonempty', sql`length(${t.name}) between 1 and 100`),
  ],
);

/** Personal tokens: a user's credential for the REST API (BI tools, scripts). Stored hashed. */
export const userTokens = pgTable(
  'user_tokens',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    prefix: varchar('prefix', { length: 16 }).notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('user_tokens_user_name_active').on(t.userId, t.name).where(sql`${t.revokedAt} is null`),
    check('user_tokens_name_nonempty', sql`length(${t.name}) between 1 and 100`),
  ],
);

export const actorType = pgEnum('actor_type', ['user', 'site_key', 'user_token', 'cli', 'system']);

/** Every write: who, what, when. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorType: actorType('actor_type').notNull(),
    actorId: integer('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    siteId: integer('site_id').references(() => sites.id),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_site_at').on(t.siteId, t.at)],
);

/** Instance-wide settings that must be shared by every server (e.g. the session secret). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Role = (typeof userRole.enumValues)[number];
export type Locale = (typeof userLocale.enumValues)[number];
export type ApiKey = typeof apiKeys.$inferSelect;
export type UserToken = typeof userTokens.$inferSelect;
export type AuditEntry = typeof auditLog.$inferInsert;
