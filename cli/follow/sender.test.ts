// The follower's view of the server's answers, against a real HTTP peer on loopback: what is worth
// a retry (and when), what stops it, and the endpoints it derives from --url.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs, postJson, queueStatusEndpoint, callsEndpoint } from './sender';

let server: http.Server | null = null;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

async function answering(status: number, body: string, headers: Record<string, string> = {}) {
  const seen: { auth?: string; body: string }[] = [];
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      seen.push({ auth: req.headers.authorization, body: raw });
      res.writeHead(status, headers);
      res.end(body);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/calls`, seen };
}

describe('postJson', () => {
  it('returns the answer of a 2xx, having sent the key and the body', async () => {
    const { url, seen } = await answering(200, '{"received":1}');
    expect(await postJson(url, 'vk_1', { records: [1] })).toEqual({ kind: 'ok', answer: { received: 1 } });
    expect(seen).toEqual([{ auth: 'Bearer vk_1', body: '{"records":[1]}' }]);
  });

  it('retries 429 after Retry-After, and 5xx and an answer that is not JSON on its own schedule', async () => {
    expect(await postJson((await answering(429, '{"message":"Too many pushes"}', { 'retry-after': '7' })).url, 'k', {})).toEqual({
      kind: 'retry',
      reason: 'HTTP 429: Too many pushes',
      retryAfterMs: 7000,
    });
    server!.close();
    expect(await postJson((await answering(502, '<html>Bad gateway</html>')).url, 'k', {})).toEqual({ kind: 'retry', reason: 'HTTP 502: <html>Bad gateway</html>', retryAfterMs: null });
    server!.close();
    expect((await postJson((await answering(200, 'oops')).url, 'k', {})).kind).toBe('retry');
  });

  it('retries a refused connection, and stops on another 4xx with the server\'s sentence', async () => {
    const closed = (await answering(200, '{}')).url;
    await new Promise<void>((r) => server!.close(() => r()));
    expect(await postJson(closed, 'k', {})).toMatchObject({ kind: 'retry', reason: 'ECONNREFUSED' });
    const { url } = await answering(401, '{"message":"A valid site key is required","code":"UNAUTHORIZED","data":{"stack":"TRPCError…"}}');
    expect(await postJson(url, 'k', {})).toEqual({ kind: 'refused', status: 401, reason: 'HTTP 401: A valid site key is required' });
  });

  it('gives up on a server that takes the connection and never answers, to retry later', async () => {
    server = http.createServer(() => {});
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/calls`;
    const started = Date.now();
    expect(await postJson(url, 'k', {}, undefined, 300)).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/timeout/) });
    expect(Date.now() - started).toBeLessThan(5000);
    server.closeAllConnections();
  });
});

describe('endpoints and back-off', () => {
  it('derives both endpoints from the server address or either endpoint', () => {
    for (const url of ['https://hq.example', 'https://hq.example/', 'https://hq.example/api/v1', 'https://hq.example/api/v1/calls']) {
      expect(callsEndpoint(url)).toBe('https://hq.example/api/v1/calls');
      expect(queueStatusEndpoint(url)).toBe('https://hq.example/api/v1/queue-status');
    }
    expect(queueStatusEndpoint('https://hq.example/vigie/api/v1/queue-status')).toBe('https://hq.example/vigie/api/v1/queue-status');
  });

  it('doubles from the base, ±25 %, never past the cap', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n, 1000, 60_000, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(0, 1000, 60_000, () => 0)).toBe(750);
    expect(backoffMs(0, 1000, 60_000, () => 1)).toBe(1250);
    expect(backoffMs(10, 1000, 60_000, () => 1)).toBe(60_000);
    expect(backoffMs(1000, 1000, 60_000, () => 0)).toBe(60_000);
  });
});
