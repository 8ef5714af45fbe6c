import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { statementToCsv } from './statement-csv';
import { sampleStatement } from '@/components/contracts/statement-sample.test-data';

const rowsOf = (csv: string) => parse(csv, { relax_column_count: true, skip_empty_lines: true }) as string[][];

describe('statementToCsv', () => {
  it('writes the header, each term with its periods, then the invoice lines, as CRLF CSV', () => {
    const csv = statementToCsv(sampleStatement());
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
    const rows = rowsOf(csv);
    expect(rows[1]).toEqual(['statement', 'CAS', 'Casablanca', '2026-10', 'closed', 'MAD', 'Atlas Contact', '2026-01-01', 'per_handled_call', '2.1', '', '1000', '2026-11-02T09:15:00.000Z', 'Alice Admin']);

    const terms = rows.filter((r) => r[0] === 'term' && r[1] !== 'number');
    expect(terms.map((r) => [r[2], r[8], r[12], r[15]])).toEqual([
      ['serviceLevel', '2', '246.75', '0'],
      ['qaScore', '0', '0', '300'],
    ]);
    const periods = rows.filter((r) => r[0] === 'period' && r[1] !== 'term');
    expect(periods).toHaveLength(5);
    expect(periods[0]).toEqual(['period', '1', '2026-09-28', '2026-10-04', '0.75', 'false', '900', '1200', '1200']);
    // A week without calls: no value, neither met nor missed.
    expect(periods[3]).toEqual(['period', '1', '2026-10-19', '2026-10-25', '', '', '0', '0', '0']);
    expect(periods[4]!.slice(0, 6)).toEqual(['period', '2', '2026-10-01', '2026-10-31', '88.4', 'true']);
    // Each term's section comes before the next one's.
    const order = rows.map((r) => r[0]);
    expect(order.indexOf('line')).toBeGreaterThan(order.lastIndexOf('period'));
  });

  it('adds up on the invoice lines: volume × rate + fixed fees − penalties + bonuses', () => {
    const lines = Object.fromEntries(rowsOf(statementToCsv(sampleStatement())).filter((r) => r[0] === 'line' && r[1] !== 'item').map((r) => [r[1], r]));
    expect(lines['volume']!.slice(2, 7)).toEqual(['5875', 'handled calls', '2.1', '12337.5', 'MAD']);
    expect(lines['fixed fees']![5]).toBe('1000');
    expect(lines['penalty: term 1 (serviceLevel, 2 missed)']![5]).toBe('-246.75');
    expect(lines['bonus: term 2 (qaScore)']![5]).toBe('300');
    expect(lines['penalties']![5]).toBe('-246.75');
    expect(lines['invoice estimate']![5]).toBe('13390.75');
    expect(12337.5 + 1000 - 246.75 + 300).toBe(13390.75);
    expect(lines['invoice estimate in HQ currency']!.slice(4, 7)).toEqual(['0.092', '1231.95', 'EUR']);
    expect(lines['cost per handled call']![5]).toBe('2.2793');
    expect(lines['cost per resolved call']![5]).toBe('2.8491');
  });

  it('writes the variance of a closed statement, and none for a draft; HQ amounts empty without a rate', () => {
    expect(rowsOf(statementToCsv(sampleStatement())).find((r) => r[0] === 'variance' && r[1] !== 'handled')).toEqual(['variance', '12', '10', '60.5', '25.2', '0', 'MAD']);
    const draft = statementToCsv(sampleStatement({ status: 'draft', closedAt: null, closedBy: null, variance: null, hqCurrency: { code: 'EUR', rate: null, invoiceEstimate: null } }));
    expect(draft).not.toContain('variance');
    expect(rowsOf(draft).find((r) => r[1] === 'invoice estimate in HQ currency')!.slice(4, 7)).toEqual(['', '', 'EUR']);
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    const csv = statementToCsv(sampleStatement({ siteName: '=HYPERLINK("x")', contract: { ...sampleStatement().contract, provider: '+Vendor, Inc.' } }));
    const header = rowsOf(csv)[1]!;
    expect(header[2]).toBe(`'=HYPERLINK("x")`);
    expect(header[6]).toBe("'+Vendor, Inc.");
  });
});
