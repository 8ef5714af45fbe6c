// Writes the rejected rows beside the input, so the site can fix and re-send just those.
import fs from 'node:fs';
import type { PushInput } from './read-input';
import type { RejectedRecord } from './client';

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function reasons(r: RejectedRecord): string {
  return r.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
}

/** Returns the path written, or null when nothing was rejected. */
export function writeRejected(file: string, input: PushInput, rejected: RejectedRecord[]): string | null {
  if (rejected.length === 0) return null;
  const sorted = [...rejected].sort((a, b) => a.index - b.index);
  if (input.format === 'csv' && input.csvRows) {
    const out = `${file.replace(/\.csv$/i, '')}.rejected.csv`;
    const [header, ...rows] = input.csvRows;
    const lines = [`${header},errors`, ...sorted.map((r) => `${rows[r.index] ?? ''},${csvCell(reasons(r))}`)];
    fs.writeFileSync(out, `${lines.join('\n')}\n`);
    return out;
  }
  const out = `${file.replace(/\.json$/i, '')}.rejected.json`;
  const body = sorted.map((r) => ({ ...r, record: input.records[r.index] }));
  fs.writeFileSync(out, `${JSON.stringify(body, null, 2)}\n`);
  return out;
}
