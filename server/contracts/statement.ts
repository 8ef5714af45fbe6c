// A site's monthly statement: a draft is computed from the calls as they are now (the version of
// the contract in force on the month's first day, the days the month's terms measure, the month's
// exchange rate); a closed one is answered as it was stored, with the variance of the calls as
// they are now against it. The computation itself is lib/contracts/statement.ts.
import { z } from 'zod';
import type { Db } from '@/db/client';
import { findStatementClosure, listContractVersions, listStatementClosures, type ContractVersionRow } from '@/db/queries/contracts';
import type { KpiSite } from '@/db/queries/kpis';
import { statementReadRange } from '@/lib/contracts/periods';
import { rateKey } from '@/lib/contracts/range-cost';
import { computeStatement, statementVariance, statementVersion, type ComputedStatement, type StatementContract } from '@/lib/contracts/statement';
import type { Statement } from '@/lib/contracts/statement-types';
import type { SiteScope } from '@/server/auth/principal';
import { DomainError } from '@/server/errors';
import { contractSitesInScope } from './contracts';
import { parseOrThrow } from './issues';
import { monthInput, ratesFor } from './rates';
import { hqCurrencyOf } from './settings';
import { readStatementDays } from './site-days';

const siteCode = z.string().regex(/^[A-Z]{2,8}$/, 'A site code is 2 to 8 upper-case letters.');

export const statementInput = z.object({ site: siteCode, month: monthInput }).strict();
export type StatementInput = z.input<typeof statementInput>;
export const statementsInput = z.object({ month: monthInput }).strict();

export function statementContractOf(row: ContractVersionRow): StatementContract {
  return {
    effectiveFrom: row.effectiveFrom,
    provider: row.provider,
    currency: row.currency,
    pricing: { model: row.pricingModel, rate: row.rate, seats: row.seats, fixedMonthly: row.fixedMonthly },
    terms: row.terms,
  };
}

export const noContract = (code: string, month: string) => new DomainError('NOT_FOUND', `${code} has no contract for ${month}`);

type SiteRow = Pick<KpiSite, 'id' | 'code' | 'name' | 'timezone' | 'slExcludesOutOfHours'>;

/**
 * Each site's statement of the month as the calls stand now (null for a site with no contract in
 * force that month). One read of the days for all of them, over the widest range a month's terms
 * can measure (its straddling weeks): each statement takes the days its own terms need.
 */
export async function computeStatements(db: Db, scope: SiteScope, sites: readonly SiteRow[], month: string): Promise<Map<number, ComputedStatement | null>> {
  const found = new Map<number, ComputedStatement | null>(sites.map((s) => [s.id, null]));
  const versions = await listContractVersions(
    db,
    sites.map((s) => s.id),
  );
  const contracts = new Map<number, StatementContract>();
  for (const site of sites) {
    const version = statementVersion(
      versions.filter((v) => v.siteId === site.id),
      month,
    );
    if (version) contracts.set(site.id, statementContractOf(version));
  }
  if (contracts.size === 0) return found;
  const measured = sites.filter((s) => contracts.has(s.id));
  const range = statementReadRange(month, [{ period: 'week' }]);
  const hqCurrency = await hqCurrencyOf(db);
  const [days, rates] = await Promise.all([
    readStatementDays(db, scope, measured, range),
    ratesFor(
      db,
      [month],
      [...contracts.values()].map((c) => c.currency),
      hqCurrency,
    ),
  ]);
  for (const site of measured) {
    const contract = contracts.get(site.id)!;
    found.set(
      site.id,
      computeStatement({
        site: { code: site.code, name: site.name },
        month,
        contract,
        days: days.get(site.id) ?? [],
        hq: { code: hqCurrency, rate: rates.get(rateKey(month, contract.currency)) ?? null },
      }),
    );
  }
  return found;
}

/** A draft from a computed statement. */
export function draftOf(computed: ComputedStatement): Statement {
  return { ...computed, status: 'draft', closedAt: null, closedBy: null, variance: null };
}

/**
 * A closed statement holds HQ's figures (HQ closes): its variance is HQ's figures now against
 * them, whoever reads it, so that a lead never sees a difference that is only HQ's blind re-scores.
 */
export const CLOSER_SCOPE: SiteScope = { all: true };

/** A closed statement as stored, with what changed since (null when nothing did, or no contract is in force any more). */
export function closedWithVariance(closed: Statement, now: ComputedStatement | null): Statement {
  return { ...closed, status: 'closed', variance: now ? statementVariance(closed, now) : null };
}

/** One site's statement of a month: HQ any site, a lead their own (another site is NOT_FOUND). */
export async function siteStatement(db: Db, scope: SiteScope, input: StatementInput): Promise<Statement> {
  const { site: code, month } = parseOrThrow(statementInput, input);
  const [site] = await contractSitesInScope(db, scope, code);
  const closure = await findStatementClosure(db, site!.id, month);
  const now = (await computeStatements(db, closure ? CLOSER_SCOPE : scope, [site!], month)).get(site!.id) ?? null;
  if (closure) return closedWithVariance(closure.statement, now);
  if (!now) throw noContract(site!.code, month);
  return draftOf(now);
}

export type StatementSummary = {
  code: string;
  name: string;
  status: 'draft' | 'closed' | 'none';
  currency: string | null;
  invoiceEstimate: number | null;
  penalties: number | null;
  bonuses: number | null;
  hqInvoiceEstimate: number | null;
  /** Terms with at least one missed period this month. */
  missedTerms: number;
};

export type MonthStatements = { month: string; hqCurrency: string; sites: StatementSummary[] };

function summaryOf(site: { code: string; name: string }, statement: Statement | null): StatementSummary {
  if (!statement) {
    return { code: site.code, name: site.name, status: 'none', currency: null, invoiceEstimate: null, penalties: null, bonuses: null, hqInvoiceEstimate: null, missedTerms: 0 };
  }
  return {
    code: site.code,
    name: site.name,
    status: statement.status,
    currency: statement.currency,
    invoiceEstimate: statement.invoiceEstimate,
    penalties: statement.penalties,
    bonuses: statement.bonuses,
    hqInvoiceEstimate: statement.hqCurrency.invoiceEstimate,
    missedTerms: statement.terms.filter((t) => t.missed > 0).length,
  };
}

/**
 * Every site's statement of a month, summed up: HQ every active site and every site with a
 * contract or a closed statement that month; a lead their own site. A closed month reads as it was
 * closed.
 */
export async function monthStatements(db: Db, scope: SiteScope, input: z.input<typeof statementsInput>): Promise<MonthStatements> {
  const { month } = parseOrThrow(statementsInput, input);
  const sites = await contractSitesInScope(db, scope);
  const ids = sites.map((s) => s.id);
  const [closures, hqCurrency] = await Promise.all([listStatementClosures(db, month, ids), hqCurrencyOf(db)]);
  const closedOf = new Map(closures.map((c) => [c.siteId, c.statement]));
  const [open, closed] = await Promise.all([
    computeStatements(
      db,
      scope,
      sites.filter((s) => !closedOf.has(s.id)),
      month,
    ),
    computeStatements(
      db,
      CLOSER_SCOPE,
      sites.filter((s) => closedOf.has(s.id)),
      month,
    ),
  ]);
  const computed = new Map([...open, ...closed]);
  const shown = sites.filter((s) => !scope.all || s.active || closedOf.has(s.id) || computed.get(s.id));
  return {
    month,
    hqCurrency,
    sites: shown.map((s) => {
      const closed = closedOf.get(s.id);
      const now = computed.get(s.id) ?? null;
      return summaryOf(s, closed ? closedWithVariance(closed, now) : now ? draftOf(now) : null);
    }),
  };
}
