// Test support for alert webhooks: a real HTTP receiver in-process (node:http on 127.0.0.1, a free
// port) that checks each request the way a receiver in the field would — the HMAC recomputed over
// the raw body with the shared secret and compared in constant time, the timestamped signature
// too, and a timestamp older than five minutes refused as a replay — and that can be told to
// answer 500 or to never answer.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const REPLAY_WINDOW_SECONDS = 5 * 60;

export type ReceivedWebhook = { path: string; headers: http.IncomingHttpHeaders; body: string; json: unknown };
export type RejectedWebhook = { path: string; reason: string };
export type ReceiverMode = 'ok' | 'fail' | 'hang';

export type WebhookReceiver = {
  /** The address of one endpoint, signed with `secret`. */
  url(path: string): string;
  /** Sets an endpoint's secret and how it answers (ok by default). */
  endpoint(path: string, secret: string, mode?: ReceiverMode): void;
  setMode(path: string, mode: ReceiverMode): void;
  /** Accepted requests (signature and timestamp good). */
  received: ReceivedWebhook[];
  /** Requests refused for their signature or timestamp. */
  rejected: RejectedWebhook[];
  /** Every request that reached an endpoint, accepted or not, answered or not. */
  hits: Map<string, number>;
  close(): Promise<void>;
};

function safeEqualHex(expected: string, header: string | undefined): boolean {
  const match = /^sha256=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(match[1]!, 'hex'));
}

/** The receiver's check, on its own so a test can show it refuses what it should. */
export function verifyWebhook(args: { body: string; secret: string; headers: http.IncomingHttpHeaders; nowSeconds?: number }): string | null {
  const header = (name: string) => {
    const value = args.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };
  const hmac = (payload: string) => createHmac('sha256', args.secret).update(payload, 'utf8').digest('hex');
  if (!safeEqualHex(hmac(args.body), header('X-Vigie-Signature'))) return 'bad signature';
  const timestamp = Number(header('X-Vigie-Timestamp'));
  if (!Number.isInteger(timestamp)) return 'no timestamp';
  const now = args.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > REPLAY_WINDOW_SECONDS) return 'stale timestamp';
  if (!safeEqualHex(hmac(`${timestamp}.${args.body}`), header('X-Vigie-Signature-V2'))) return 'bad timestamped signature';
  return null;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const endpoints = new Map<string, { secret: string; mode: ReceiverMode }>();
  const received: ReceivedWebhook[] = [];
  const rejected: RejectedWebhook[] = [];
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const endpoint = endpoints.get(path);
      if (!endpoint) return void res.writeHead(404).end('no such endpoint');
      if (endpoint.mode === 'hang') return; // never answers: the sender's timeout must end it
      if (endpoint.mode === 'fail') return void res.writeHead(500).end('receiver is down');
      const body = Buffer.concat(chunks).toString('utf8');
      const reason = verifyWebhook({ body, secret: endpoint.secret, headers: req.headers });
      if (reason) {
        rejected.push({ path, reason });
        return void res.writeHead(401).end(reason);
      }
      received.push({ path, headers: req.headers, body, json: JSON.parse(body) });
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    endpoint: (path, secret, mode = 'ok') => void endpoints.set(path, { secret, mode }),
    setMode: (path, mode) => {
      const endpoint = endpoints.get(path);
      if (endpoint) endpoint.mode = mode;
    },
    received,
    rejected,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
