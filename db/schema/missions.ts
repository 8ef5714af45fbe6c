import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, primaryKey, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { sites } from './sites';
import { users } from './users';

/** A campaign: a window in site-local dates, the outcomes that count, a target per site. */
export const missions = pgTable(
  'missions',
  {
    id: serial('id').primaryKey(),
    code: varchar('code', { length: 32 }).notNull().unique(),
    name: text('name').notNull(),
    description: text('description'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    successOutcomes: text('success_outcomes').array().notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('missions_code_format', sql`${t.code} ~ '^[A-Za-z0-9_-]{1,32}$'`),
    check('missions_window', sql`${t.endsOn} >= ${t.startsOn}`),
    check('missions_outcomes_nonempty', sql`cardinality(${t.successOutcomes}) >= 1`),
  ],
);

export const missionTargets = pgTable(
  'mission_targets',
  {
    missionId: integer('mission_id')
      .notNull()
      .references(() => missions.id, { onDelete: 'cascade' }),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    target: integer('target').notNull(),
  },
  (t) => [
    primaryKey({ name: 'mission_targets_pk', columns: [t.siteId, t.missionId] }),
    check('mission_targets_positive', sql`${t.target} > 0`),
  ],
);

export type Mission = typeof missions.$inferSelect;
export type MissionTarget = typeof missionTargets.$inferSelect;
