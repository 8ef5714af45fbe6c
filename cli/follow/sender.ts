// One attempt at a POST to the Vigie REST API, judged as the push client judges it (cli/push/client.ts):
// 2xx is an answer, 429/5xx/a network failure is worth retrying later, any other 4xx is a refusal
// no retry can fix. The follower retries on its own schedule, so that it keeps reading meanwhile.
import { endpointFor } from '../push/client';

export type Attempt<T> =
  | { kind: 'ok'; answer: T }
  | { kind: 'retry'; reason: string; retryAfterMs: number | null }
  | { kind: 'refused'; status: number; reason: string };

/** Ingesting 5,000 records takes a second or two; a minute without an answer is a server away. */
export const REQUEST_TIMEOUT_MS = 60_000;

export function callsEndpoint(url: string): string {
  return endpointFor(url, 'calls');
}

/** POST /api/v1/queue-status on the same server, whether --url names the server or its calls endpoint. */
export function queueStatusEndpoint(url: string): string {
  const base = url.replace(/\/+$/, '').replace(/\/api\/v1(\/(calls|evaluations|queue-status))?$/, '');
  return `${base}/api/v1/queue-status`;
}

export function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

/** The server's own sentence when the body is the API's error JSON (its stack trace, outside production, left out). */
function messageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return body.message.slice(0, 300);
  } catch {
    // not JSON: a proxy's page, say
  }
  return text.slice(0, 300);
}

export async function postJson<T>(endpoint: string, key: string, body: unknown, signal?: AbortSignal, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Attempt<T>> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
      // A server that takes the connection and never answers must not hold the loop for good.
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: 'retry', reason: cause?.code ?? cause?.message ?? (error as Error).message, retryAfterMs: null };
  }
  if (res.ok) {
    try {
      return { kind: 'ok', answer: JSON.parse(text) as T };
    } catch {
      return { kind: 'retry', reason: `HTTP ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`, retryAfterMs: null };
    }
  }
  const reason = `HTTP ${res.status}: ${messageOf(text)}`;
  if (res.status === 429 || res.status >= 500) return { kind: 'retry', reason, retryAfterMs: retryAfterMs(res.headers.get('retry-after')) };
  return { kind: 'refused', status: res.status, reason };
}

/** The wait before retry `attempt` (0-based): doubling from `baseMs`, ±25 %, at most `capMs`. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const raw = baseMs * 2 ** Math.min(attempt, 30);
  return Math.round(Math.min(capMs, raw * (0.75 + random() * 0.5)));
}
