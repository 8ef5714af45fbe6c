// Shared push limits: one token bucket per caller in PostgreSQL, so that every server instance
// draws from the same allowance (adding an instance does not double a site key's rate).
import { doublePrecision, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const rateBuckets = pgTable('rate_buckets', {
  key: text('key').primaryKey(),
  tokens: doublePrecision('tokens').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
