// The site-side client: sends records in chunks, retrying with exponential back-off (and the
// server's Retry-After) on 429, 5xx and network errors; other 4xx answers stop the push.
import type { CsvKind } from '@/server/ingest/csv';

export type RejectedRecord = { index: number; externalId: string | null; errors: { path: string; message: string }[] };
export type PushTotals = { received: number; inserted: number; updated: number; rejected: RejectedRecord[] };

export type PushOptions = {
  url: string;
  key: string;
  kind: CsvKind;
  records: unknown[];
  chunkSize?: number;
  maxRetries?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onChunk?: (done: number, total: number) => void;
  onRetry?: (attempt: number, reason: string, delayMs: number) => void;
};

export class PushError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly sentRecords: number,
  ) {
    super(message);
    this.name = 'PushError';
  }
}

export function endpointFor(url: string, kind: CsvKind): string {
  const base = url.replace(/\/+$/, '');
  const path = kind === 'calls' ? '/api/v1/calls' : '/api/v1/evaluations';
  if (/\/api\/v1\/(calls|evaluations)$/.test(base)) return base;
  if (base.endsWith('/api/v1')) return base + path.slice('/api/v1'.length);
  return base + path;
}

const RETRYABLE = (status: number) => status === 429 || status >= 500;

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

export async function pushRecords(options: PushOptions): Promise<PushTotals> {
  const chunkSize = Math.min(options.chunkSize ?? 5000, 5000);
  const maxRetries = options.maxRetries ?? 6;
  const baseDelay = options.baseDelayMs ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const endpoint = endpointFor(options.url, options.kind);
  const bodyKey = options.kind === 'calls' ? 'records' : 'evaluations';
  const totals: PushTotals = { received: 0, inserted: 0, updated: 0, rejected: [] };

  for (let offset = 0; offset < options.records.length; offset += chunkSize) {
    const chunk = options.records.slice(offset, offset + chunkSize);
    const body = JSON.stringify({ [bodyKey]: chunk });
    for (let attempt = 0; ; attempt++) {
      let status: number | null = null;
      let reason: string;
      let wait: number | null = null;
      try {
        const res = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.key}` },
          body,
        });
        status = res.status;
        const text = await res.text();
        if (res.ok) {
          const answer = JSON.parse(text) as PushTotals;
          totals.received += answer.received;
          totals.inserted += answer.inserted;
          totals.updated += answer.updated;
          for (const r of answer.rejected) totals.rejected.push({ ...r, index: r.index + offset });
          break;
        }
        reason = `HTTP ${res.status}: ${text.slice(0, 300)}`;
        if (!RETRYABLE(res.status)) throw new PushError(`The server refused the push (${reason})`, res.status, offset);
        wait = retryAfterMs(res.headers.get('retry-after'));
      } catch (error) {
        if (error instanceof PushError) throw error;
        reason = (error as Error).message;
      }
      if (attempt >= maxRetries) {
        throw new PushError(`Gave up after ${maxRetries + 1} attempts: ${reason}`, status, offset);
      }
      const delay = wait ?? Math.round(baseDelay * 2 ** attempt * (0.75 + Math.random() * 0.5));
      options.onRetry?.(attempt + 1, reason, delay);
      await sleep(delay);
    }
    options.onChunk?.(Math.min(offset + chunkSize, options.records.length), options.records.length);
  }
  return totals;
}
