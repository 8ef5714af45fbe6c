// One webhook request: the body signed as receivers check it, posted once with a bounded wait.
// `X-Vigie-Signature` is the HMAC-SHA256 of the exact body with the channel's secret (what most
// receivers expect); `X-Vigie-Signature-V2` signs "<timestamp>.<body>", so that a receiver can
// also check `X-Vigie-Timestamp` and refuse a replay of an old request.
import { createHmac } from 'node:crypto';

export type SignedHeaders = Record<'X-Vigie-Signature' | 'X-Vigie-Signature-V2' | 'X-Vigie-Timestamp', string>;

export function hmacHex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
}

/** `timestamp` in whole seconds since the epoch, as the header carries it. */
export function signWebhook(body: string, secret: string, timestamp: number): SignedHeaders {
  return {
    'X-Vigie-Signature': `sha256=${hmacHex(secret, body)}`,
    'X-Vigie-Signature-V2': `sha256=${hmacHex(secret, `${timestamp}.${body}`)}`,
    'X-Vigie-Timestamp': String(timestamp),
  };
}

export type PostOutcome = { ok: true; status: number } | { ok: false; error: string };

/**
 * Posts the body and says whether the receiver took it: a 2xx is taken; any other answer (a
 * redirect too — the body is not re-sent to another address), a network error or no answer
 * within `timeoutMs` is not. The signature's timestamp is the real clock at sending, since it is
 * the receiver's clock it is compared with.
 */
export async function postWebhook(args: {
  url: string;
  body: string;
  secret: string;
  deliveryId: number;
  fetchImpl?: typeof fetch;
  timeoutMs: number;
}): Promise<PostOutcome> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'Vigie-Alerts/1',
    'X-Vigie-Delivery': String(args.deliveryId),
    ...signWebhook(args.body, args.secret, timestamp),
  };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), args.timeoutMs);
  try {
    const response = await (args.fetchImpl ?? fetch)(args.url, { method: 'POST', headers, body: args.body, redirect: 'manual', signal: controller.signal });
    // The answer's text is read (bounded by the same timeout) so the connection is freed, and
    // kept in the error for whoever looks at a failing receiver.
    const text = await response.text().catch(() => '');
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, error: `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}` };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, error: `No answer within ${args.timeoutMs} ms` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: (cause?.code ? `${cause.code} ` : '') + (cause?.message ?? message).slice(0, 300) };
  } finally {
    clearTimeout(timer);
  }
}
