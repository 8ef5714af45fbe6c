// Closing a month (HQ): once the month is over in the site's own time, its statement is stored as
// it stands and never recomputed; calls corrected later show as its variance. Closing is once.
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { findStatementClosure, insertStatementClosure } from '@/db/queries/contracts';
import { monthOf } from '@/lib/contracts/periods';
import type { Statement } from '@/lib/contracts/statement-types';
import { todayIn } from '@/lib/kpi/periods';
import { actorOf, type UserPrincipal } from '@/server/auth/principal';
import { badRequest, conflict } from '@/server/errors';
import { contractSitesInScope } from './contracts';
import { parseOrThrow } from './issues';
import { CLOSER_SCOPE, computeStatements, noContract, statementInput, type StatementInput } from './statement';

const alreadyClosed = (code: string, month: string) => conflict(`The statement of ${code} for ${month} is closed already`);

export async function closeStatement(db: Db, closer: UserPrincipal, input: StatementInput, now: Date): Promise<Statement> {
  const { site: code, month } = parseOrThrow(statementInput, input);
  const [site] = await contractSitesInScope(db, CLOSER_SCOPE, code);
  // The site's own today: a month is over when its local calendar has moved past it.
  const today = todayIn(now, site!.timezone);
  if (monthOf(today) <= month) throw badRequest(`${month} is not over yet at ${site!.code} (it is ${today} there)`);
  if (await findStatementClosure(db, site!.id, month)) throw alreadyClosed(site!.code, month);
  // The closer's figures, as HQ reads them: closing is HQ's.
  const computed = (await computeStatements(db, CLOSER_SCOPE, [site!], month)).get(site!.id);
  if (!computed) throw noContract(site!.code, month);
  const statement: Statement = { ...computed, status: 'closed', closedAt: now.toISOString(), closedBy: closer.name, variance: null };
  const actor = actorOf(closer);
  return db.transaction(async (tx) => {
    const stored = await insertStatementClosure(tx, { siteId: site!.id, month, statement, closedBy: closer.userId, closedAt: now });
    // Two closings at once: the second finds the first's row.
    if (!stored) throw alreadyClosed(site!.code, month);
    await insertAudit(tx, {
      ...actor,
      action: 'statement.close',
      entity: 'statement',
      entityId: `${site!.code}:${month}`,
      siteId: site!.id,
      details: {
        month,
        currency: statement.currency,
        handled: statement.volume.handled,
        penalties: statement.penalties,
        bonuses: statement.bonuses,
        invoiceEstimate: statement.invoiceEstimate,
        hqInvoiceEstimate: statement.hqCurrency.invoiceEstimate,
      },
    });
    return stored.statement;
  });
}
