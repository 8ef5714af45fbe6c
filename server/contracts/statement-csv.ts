// `GET /api/v1/statements.csv`: a site's monthly statement as CSV (RFC 4180, CRLF), in sections a
// spreadsheet or a script reads alike: the statement's header, then each term (its rule and
// result) followed by its periods, then the invoice lines (volume × rate, fixed fees, each term's
// penalty with its sign, each bonus, the invoice estimate, HQ's currency, the cost per call) and,
// for a closed month recomputed since, its variance. Each section starts with its own header row,
// its first column naming the section; sections are separated by an empty line. Figures are the
// API's (fractions for ratios, amounts in the contract's currency, unrounded counts); an empty
// cell is a null. Pure.
import type { Statement } from '@/lib/contracts/statement-types';
import { csvCell } from '@/server/csv/safe-cell';

type Cell = string | number | boolean | null;

function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return csvCell(value);
}

const row = (cells: Cell[]) => cells.map(cell).join(',');

/** The rounding of money, as the statement's own lines are rounded (to the cent). */
const cents = (amount: number) => Math.round(amount * 100) / 100;

export function statementToCsv(s: Statement): string {
  const lines: string[] = [];
  lines.push(row(['statement', 'site', 'name', 'month', 'status', 'currency', 'provider', 'effectiveFrom', 'pricingModel', 'rate', 'seats', 'fixedMonthly', 'closedAt', 'closedBy']));
  lines.push(
    row([
      'statement',
      s.site,
      s.siteName,
      s.month,
      s.status,
      s.currency,
      s.contract.provider,
      s.contract.effectiveFrom,
      s.contract.pricing.model,
      s.contract.pricing.rate,
      s.contract.pricing.seats,
      s.contract.pricing.fixedMonthly,
      s.closedAt,
      s.closedBy,
    ]),
  );

  s.terms.forEach((term, index) => {
    lines.push('');
    lines.push(row(['term', 'number', 'metric', 'comparison', 'threshold', 'period', 'allowedMisses', 'formula', 'missed', 'penaltyKind', 'penaltyValue', 'penaltyCap', 'penalty', 'bonusKind', 'bonusValue', 'bonus']));
    lines.push(
      row([
        'term',
        index + 1,
        term.metric,
        term.comparison,
        term.threshold,
        term.period,
        term.allowedMisses,
        term.formula,
        term.missed,
        term.penaltyRule.kind,
        term.penaltyRule.value,
        term.penaltyRule.cap,
        term.penalty,
        term.bonusRule?.kind ?? null,
        term.bonusRule?.value ?? null,
        term.bonus,
      ]),
    );
    lines.push(row(['period', 'term', 'start', 'end', 'value', 'met', 'numerator', 'denominator', 'offered']));
    for (const p of term.periods) lines.push(row(['period', index + 1, p.start, p.end, p.value, p.met, p.numerator, p.denominator, p.offered]));
  });

  lines.push('');
  lines.push(row(['line', 'item', 'quantity', 'unit', 'rate', 'amount', 'currency']));
  const pricing = s.contract.pricing;
  const quantity =
    pricing.model === 'per_handled_call'
      ? { quantity: s.volume.handled, unit: 'handled calls' }
      : pricing.model === 'per_handled_minute'
        ? { quantity: s.volume.handledMinutes, unit: 'handled minutes' }
        : pricing.model === 'per_productive_hour'
          ? { quantity: s.volume.productiveHours ?? 0, unit: 'productive hours' }
          : { quantity: pricing.seats ?? 0, unit: 'seats' };
  lines.push(row(['line', 'volume', quantity.quantity, quantity.unit, pricing.rate, s.volumeCharge, s.currency]));
  lines.push(row(['line', 'fixed fees', null, null, null, s.fixedFees, s.currency]));
  s.terms.forEach((term, index) => {
    if (term.penalty !== 0) lines.push(row(['line', `penalty: term ${index + 1} (${term.metric}, ${term.missed} missed)`, term.missed, `missed ${term.period}s`, null, cents(-term.penalty), s.currency]));
  });
  s.terms.forEach((term, index) => {
    if (term.bonus !== 0) lines.push(row(['line', `bonus: term ${index + 1} (${term.metric})`, null, null, null, term.bonus, s.currency]));
  });
  lines.push(row(['line', 'penalties', null, null, null, cents(-s.penalties), s.currency]));
  lines.push(row(['line', 'bonuses', null, null, null, s.bonuses, s.currency]));
  lines.push(row(['line', 'invoice estimate', null, null, null, s.invoiceEstimate, s.currency]));
  lines.push(row(['line', 'invoice estimate in HQ currency', null, null, s.hqCurrency.rate, s.hqCurrency.invoiceEstimate, s.hqCurrency.code]));
  lines.push(row(['line', 'cost per handled call', s.volume.handled, 'handled calls', null, s.cost.perHandled, s.currency]));
  lines.push(row(['line', 'cost per resolved call', s.volume.resolved, 'resolved calls', null, s.cost.perResolved, s.currency]));

  if (s.variance) {
    lines.push('');
    lines.push(row(['variance', 'handled', 'resolved', 'handledMinutes', 'invoiceEstimate', 'penalties', 'currency']));
    const v = s.variance;
    lines.push(row(['variance', v.handled, v.resolved, v.handledMinutes, v.invoiceEstimate, v.penalties, s.currency]));
  }
  return `${lines.join('\r\n')}\r\n`;
}
