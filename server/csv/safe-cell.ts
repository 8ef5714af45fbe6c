// The one way Vigie writes a text cell into a CSV file: neutralised against formula injection,
// then quoted as RFC 4180 asks. Every CSV the app or the CLI writes goes through csvCell.

/**
 * A spreadsheet (Excel, LibreOffice, Google Sheets) runs a cell that starts with one of these as a
 * formula, even inside quotes; a tab or carriage return first is how the same trick hides from a
 * naive check (OWASP, "CSV Injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text a spreadsheet shows as typed: a leading apostrophe makes it a literal. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A text cell, safe to open in a spreadsheet and quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
