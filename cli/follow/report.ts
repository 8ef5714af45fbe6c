// The follower's lines for the log (journald keeps them): one per push on stdout, problems on stderr.
import type { PushTotals } from '../push/client';
import type { ImportRejection } from '@/lib/importers/types';

/** HH:MM:SS of the machine's clock, as journald and a terminal show it beside the line. */
export function clock(at: Date): string {
  return at.toTimeString().slice(0, 8);
}

export function pushLine(at: Date, answer: Omit<PushTotals, 'rejected'> & { rejected: number }, open: number | null, queues: number | null): string {
  const calls = `pushed ${answer.received} call${answer.received === 1 ? '' : 's'} (${answer.inserted} inserted, ${answer.updated} updated, ${answer.rejected} rejected)`;
  const parts = [`${clock(at)} ${calls}`];
  if (open !== null) parts.push(`${open} open`);
  if (queues !== null) parts.push(`queue status ${queues} queue${queues === 1 ? '' : 's'}`);
  return parts.join('; ');
}

export function rejectedLine(r: ImportRejection): string {
  const excerpt = r.excerpt ? ` — ${r.excerpt}` : '';
  return `${r.source}:${r.line}: ${r.reason}${excerpt}`;
}

export function refusedRecordLine(r: PushTotals['rejected'][number]): string {
  return `the server refused ${r.externalId ?? '(no id)'}: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`;
}
