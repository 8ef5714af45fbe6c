// Contracts (issue: contracts and cost). A site's contract is versioned by the day it takes effect:
// each version holds the pricing and the SLA terms until the next one. A month's statement is
// computed from the rollups while it is a draft; closing it stores the statement as it stood, so a
// closed statement never changes and later corrections show as a variance against it.
import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, integer, jsonb, pgEnum, pgTable, primaryKey, serial, text, timestamp, unique, varchar } from 'drizzle-orm/pg-core';
import type { TermInput } from '@/lib/contracts/contract-input';
import type { Statement } from '@/lib/contracts/statement-types';
import { sites } from './sites';
import { users } from './users';

export const pricingModel = pgEnum('pricing_model', ['per_handled_call', 'per_handled_minute', 'per_productive_hour', 'per_seat_month']);

export const siteContracts = pgTable(
  'site_contracts',
  {
    id: serial('id').primaryKey(),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    /** Site-local day the version takes effect; posting the same day again replaces that version. */
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    provider: text('provider').notNull(),
    currency: varchar('currency', { length: 3 }).notNull(),
    pricingModel: pricingModel('pricing_model').notNull(),
    rate: doublePrecision('rate').notNull(),
    seats: integer('seats'),
    fixedMonthly: doublePrecision('fixed_monthly'),
    /** The SLA terms, as lib/contracts/contract-input.ts validates them. */
    terms: jsonb('terms').$type<TermInput[]>().notNull().default([]),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('site_contracts_site_effective').on(t.siteId, t.effectiveFrom),
    check('site_contracts_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('site_contracts_amounts', sql`${t.rate} >= 0 and (${t.fixedMonthly} is null or ${t.fixedMonthly} >= 0) and (${t.seats} is null or ${t.seats} > 0)`),
    check('site_contracts_seats', sql`${t.pricingModel} <> 'per_seat_month' or ${t.seats} is not null`),
    check('site_contracts_terms_array', sql`jsonb_typeof(${t.terms}) = 'array'`),
  ],
);

/** Monthly rates HQ enters: 1 unit of `currency` is worth `rate` units of HQ's currency that month. */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    /** YYYY-MM. */
    month: varchar('month', { length: 7 }).notNull(),
    currency: varchar('currency', { length: 3 }).notNull(),
    rate: doublePrecision('rate').notNull(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'exchange_rates_pk', columns: [t.month, t.currency] }),
    check('exchange_rates_month', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('exchange_rates_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('exchange_rates_positive', sql`${t.rate} > 0`),
  ],
);

/** A closed month: the statement as it stood when HQ closed it. Never updated; reopening is not offered. */
export const statementClosures = pgTable(
  'statement_closures',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    /** YYYY-MM. */
    month: varchar('month', { length: 7 }).notNull(),
    statement: jsonb('statement').$type<Statement>().notNull(),
    closedBy: integer('closed_by').references(() => users.id, { onDelete: 'set null' }),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'statement_closures_pk', columns: [t.siteId, t.month] }), check('statement_closures_month', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)],
);

export type SiteContractRow = typeof siteContracts.$inferSelect;
export type ExchangeRateRow = typeof exchangeRates.$inferSelect;
export type StatementClosureRow = typeof statementClosures.$inferSelect;
