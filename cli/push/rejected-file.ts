// Writes the rejected rows beside the input, so the site can fix and re-send just those.
// The rows are the site's own lines, copied byte for byte: neutralising them would change the
// values sent again. The reasons column is the server's text, which can quote what was sent
// (a criterion key, an outcome), so it goes through the formula guard like every CSV cell.
import fs from 'node:fs';
import { csvCell } from '@/server/csv/safe-cell';
import type { PushInput } from './read-input';
import type { RejectedRecord } from './client';

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
