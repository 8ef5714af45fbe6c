// The push client against a real HTTP peer on loopback that answers like the ingest endpoint,
// including the throttling and failures a site meets in production.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { endpointFor, PushError, pushRecords } from './client';

type Reply = { status: number; headers?: Record<string, string>; body?: unknown };
let server: http.Server | null = null;

async function serve(replies: (body: { records: { externalId: string }[] }, n: number) => Reply) {
  const seen: { auth: string | undefined; count: number; path: string }[] = [];
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { records: { externalId: string }[] };
      seen.push({ auth: req.headers.authorization, count: body.records.length, path: req.url ?? '' });
      const reply = replies(body, seen.length);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body ?? {}));
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

const records = (n: number) => Array.from({ length: n }, (_, i) => ({ externalId: `c-${i}` }));
const accepted = (body: { records: { externalId: string }[] }): Reply => ({
  status: 200,
  body: { received: body.records.length, inserted: body.records.length, updated: 0, rejected: [] },
});
const noSleep = async () => {};

describe('pushRecords', () => {
  it('sends chunks with the key and adds up the answers, mapping rejected indexes to the file', async () => {
    const { url, seen } = await serve((body, n) =>
      n === 2
        ? { status: 200, body: { received: body.records.length, inserted: body.records.length - 1, updated: 0, rejected: [{ index: 1, externalId: body.records[1]!.externalId, errors: [{ path: 'csat', message: 'too big' }] }] } }
        : accepted(body),
    );
    const totals = await pushRecords({ url, key: 'vk_test', kind: 'calls', records: records(7), chunkSize: 3, sleep: noSleep });
    expect(seen.map((s) => s.count)).toEqual([3, 3, 1]);
    expect(seen.every((s) => s.auth === 'Bearer vk_test' && s.path === '/api/v1/calls')).toBe(true);
    expect(totals).toMatchObject({ received: 7, inserted: 6, updated: 0 });
    expect(totals.rejected).toEqual([{ index: 4, externalId: 'c-4', errors: [{ path: 'csat', message: 'too big' }] }]);
  });

  it('waits as long as Retry-After says on 429 and retries 5xx with back-off', async () => {
    const { url, seen } = await serve((body, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '2' } } : n === 2 ? { status: 503 } : accepted(body)));
    const waits: number[] = [];
    const totals = await pushRecords({ url, key: 'k', kind: 'calls', records: records(2), sleep: async (ms) => void waits.push(ms), baseDelayMs: 100 });
    expect(seen).toHaveLength(3);
    expect(waits[0]).toBe(2000);
    expect(waits[1]).toBeGreaterThanOrEqual(150); // second attempt: 100 ms × 2, ±25 %
    expect(waits[1]).toBeLessThanOrEqual(250);
    expect(totals.inserted).toBe(2);
  });

  it('stops at once on a refusal that a retry cannot fix (401), saying how far it got', async () => {
    const { url, seen } = await serve(() => ({ status: 401, body: { message: 'A valid site key is required' } }));
    const error = await pushRecords({ url, key: 'bad', kind: 'calls', records: records(3), sleep: noSleep }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushError);
    expect((error as PushError).status).toBe(401);
    expect((error as PushError).message).toMatch(/A valid site key is required/);
    expect(seen).toHaveLength(1);
  });

  it('gives up after the retries when the server stays down', async () => {
    const error = await pushRecords({ url: 'http://127.0.0.1:9', key: 'k', kind: 'calls', records: records(1), maxRetries: 2, sleep: noSleep }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushError);
    expect((error as PushError).message).toMatch(/Gave up after 3 attempts/);
  });

  it('accepts a base URL or the endpoint itself', () => {
    expect(endpointFor('http://hq.example/', 'calls')).toBe('http://hq.example/api/v1/calls');
    expect(endpointFor('http://hq.example/api/v1', 'evaluations')).toBe('http://hq.example/api/v1/evaluations');
    expect(endpointFor('http://hq.example/api/v1/calls', 'calls')).toBe('http://hq.example/api/v1/calls');
  });
});
