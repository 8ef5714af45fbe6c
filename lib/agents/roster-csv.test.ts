import { describe, expect, it } from 'vitest';
import { detectDelimiter, normalizeHeader, parseRosterCsv, parseRosterDate, ROSTER_MAX_BYTES, ROSTER_MAX_LINES } from './roster-csv';

describe('parseRosterCsv', () => {
  it('reads an English file with commas, empty cells as null', () => {
    const csv = 'reference,name,team,start date,end date\nAG-1,Amina B.,Billing,2025-01-06,\nAG-2,,Sales,,2026-02-28\n';
    expect(parseRosterCsv(csv)).toEqual({
      entries: [
        { line: 2, agentRef: 'AG-1', name: 'Amina B.', team: 'Billing', startDate: '2025-01-06', endDate: null },
        { line: 3, agentRef: 'AG-2', name: null, team: 'Sales', startDate: null, endDate: '2026-02-28' },
      ],
      rejected: [],
      columns: ['reference', 'name', 'team', 'startDate', 'endDate'],
      ignoredColumns: [],
    });
  });

  it('reads a French file with semicolons, DD/MM/YYYY dates, a BOM, CRLF and columns in another order', () => {
    const csv = '\uFEFFNom;Référence;Équipe;Date d\'entrée;Date de sortie;Site\r\n"Diallo; Awa";A7;Recouvrement;06/01/2025;31/3/2026;DKR\r\n';
    const parsed = parseRosterCsv(csv);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.entries).toEqual([{ line: 2, agentRef: 'A7', name: 'Diallo; Awa', team: 'Recouvrement', startDate: '2025-01-06', endDate: '2026-03-31' }]);
    expect(parsed.ignoredColumns).toEqual(['Site']);
    expect(parseRosterCsv('agent;end\nA;\n').columns).toEqual(['reference', 'endDate']);
  });

  it('accepts the other spellings of the columns', () => {
    for (const header of ['agent_ref,name,start_date,end_date', 'Agent,Name,Start,End', 'ID,nom,START DATE,END_DATE', 'agent ref,full name,hire date,leave date']) {
      const parsed = parseRosterCsv(`${header}\nX1,Someone,2025-01-01,2025-06-30\n`);
      expect(parsed.rejected, header).toEqual([]);
      expect(parsed.entries[0], header).toMatchObject({ agentRef: 'X1', name: 'Someone', startDate: '2025-01-01', endDate: '2025-06-30' });
    }
  });

  it('rejects each bad line with its number and reason, and keeps the good ones apart', () => {
    const csv = [
      'reference,name,team,start,end',
      'AG-1,One,T,2025-01-01,', // 2 good
      ',No ref,T,2025-01-01,', // 3 missing reference
      'AG-3,Three,T,2025-13-01,', // 4 bad date
      'AG-4,Four,T,31/02/2025,', // 5 not in the calendar
      'AG-5,Five,T,2025-06-01,2025-05-31', // 6 end before start
      'AG-1,Again,T,,', // 7 duplicate of line 2
      `AG-7,${'x'.repeat(201)},T,,`, // 8 name too long
      'AG-8,Eight,T', // 9 too few cells
      `${'R'.repeat(129)},Long ref,T,,`, // 10 reference too long
      '"AG-9,\nNine",N,T,,', // 11–12 a quoted cell over two lines: good
      'AG-10,Ten,T,2025-02-01,2025-02-01', // 13 same day: good
    ].join('\n');
    const parsed = parseRosterCsv(csv);
    expect(parsed.entries.map((e) => [e.line, e.agentRef])).toEqual([
      [2, 'AG-1'],
      [11, 'AG-9,\nNine'],
      [13, 'AG-10'],
    ]);
    expect(parsed.rejected.map((r) => [r.line, r.code, r.column])).toEqual([
      [3, 'missing_reference', 'reference'],
      [4, 'bad_date', 'startDate'],
      [5, 'bad_date', 'startDate'],
      [6, 'end_before_start', 'endDate'],
      [7, 'duplicate_reference', 'reference'],
      [8, 'too_long', 'name'],
      [9, 'bad_csv', undefined],
      [10, 'too_long', 'reference'],
    ]);
    expect(parsed.rejected.find((r) => r.line === 7)).toMatchObject({ otherLine: 2, reason: 'The reference AG-1 is already on line 2: one line per person.' });
    expect(parsed.rejected.find((r) => r.line === 9)?.reason).toBe('This line has 3 cells where the header has 5.');
    expect(parsed.rejected.find((r) => r.line === 4)?.excerpt).toBe('AG-3,Three,T,2025-13-01,');
    // A reference counts from its first line even when that line is rejected.
    expect(parseRosterCsv('reference,start\nA,2025-02-30\nA,2025-01-01\n').rejected.map((r) => [r.line, r.code])).toEqual([
      [2, 'bad_date'],
      [3, 'duplicate_reference'],
    ]);
  });

  it('refuses a file without a reference column, with a repeated column, empty, too large or too long', () => {
    expect(parseRosterCsv('name,team\nOne,T\n').rejected).toEqual([expect.objectContaining({ line: 1, code: 'no_reference_column' })]);
    expect(parseRosterCsv('reference,agent_ref\nA,B\n').rejected).toEqual([expect.objectContaining({ line: 1, code: 'repeated_column', column: 'reference' })]);
    expect(parseRosterCsv(' \n\n').rejected).toEqual([expect.objectContaining({ line: 0, code: 'empty' })]);
    expect(parseRosterCsv(`reference\n${'A'.repeat(ROSTER_MAX_BYTES)}\n`).rejected).toEqual([expect.objectContaining({ line: 0, code: 'too_large' })]);
    const lines = Array.from({ length: ROSTER_MAX_LINES + 1 }, (_, i) => `R${i}`);
    expect(parseRosterCsv(`reference\n${lines.join('\n')}`).rejected).toEqual([expect.objectContaining({ line: 0, code: 'too_many_lines' })]);
    expect(parseRosterCsv(`reference\n${lines.slice(1).join('\n')}`).entries).toHaveLength(ROSTER_MAX_LINES);
  });
});

describe('the pieces', () => {
  it('normalizes headers', () => {
    expect(normalizeHeader("  Date d'Entrée ")).toBe('date d entree');
    expect(normalizeHeader('AGENT_REF')).toBe('agent ref');
  });

  it('detects the delimiter from the header', () => {
    expect(detectDelimiter('a;b;c\n1,2;3')).toBe(';');
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a\tb')).toBe('\t');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    expect(detectDelimiter('reference')).toBe(',');
  });

  it('reads dates in both forms and refuses the rest', () => {
    expect(parseRosterDate('2024-02-29')).toBe('2024-02-29');
    expect(parseRosterDate('29/02/2024')).toBe('2024-02-29');
    expect(parseRosterDate('1/2/2025')).toBe('2025-02-01');
    for (const bad of ['2025-02-29', '29/02/2025', '2025/01/01', '01-02-2025', '2025-1-1', '12/31/2025', '0001-01-01', 'tomorrow']) {
      expect(parseRosterDate(bad), bad).toBeNull();
    }
  });
});
