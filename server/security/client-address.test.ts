import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientAddressOf,
  installPeerAddressStamp,
  normaliseAddress,
  parseTrustedProxies,
  PEER_HEADER,
  peerAddressOf,
  peerStamp,
  TrustedProxiesError,
} from './client-address';

/** Headers as a request stamped by the server with `peer` as its socket's address carries them. */
const stamped = (peer: string, forwardedFor?: string) =>
  new Headers({ [PEER_HEADER]: peerStamp(peer), ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }) });

describe('the stamp of the socket’s peer, on a real HTTP server', () => {
  let server: http.Server;
  let seen: Headers[] = [];
  let port: number;

  beforeAll(async () => {
    installPeerAddressStamp();
    installPeerAddressStamp(); // twice is once
    server = http.createServer((req, res) => {
      seen.push(new Headers(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string')));
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const get = (headers: Record<string, string>) =>
    new Promise<void>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/', headers, agent: false }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
    });

  it('gives the socket’s address, whatever the caller wrote in X-Forwarded-For or in the stamp’s own header', async () => {
    seen = [];
    await get({});
    await get({ 'x-forwarded-for': '203.0.113.7' });
    await get({ 'x-forwarded-for': '203.0.113.8', [PEER_HEADER]: 'forged 198.51.100.1' });
    expect(seen).toHaveLength(3);
    for (const headers of seen) {
      expect(peerAddressOf(headers)).toBe('127.0.0.1');
      expect(clientAddressOf(headers, { hops: 0 })).toBe('127.0.0.1');
    }
    // Behind one proxy (here the caller pretends to be it), the entry it appended counts.
    expect(clientAddressOf(seen[1]!, { hops: 1 })).toBe('203.0.113.7');
  });
});

describe('clientAddressOf', () => {
  it('is null for a request the server did not stamp, or whose stamp is forged', () => {
    expect(clientAddressOf(new Headers({ 'x-forwarded-for': '203.0.113.7' }), { hops: 0 })).toBeNull();
    expect(clientAddressOf(new Headers({ [PEER_HEADER]: 'guess 203.0.113.7' }), { hops: 1 })).toBeNull();
    expect(clientAddressOf(new Headers({ [PEER_HEADER]: '203.0.113.7' }), { hops: 0 })).toBeNull();
  });

  it('without trusted proxies, ignores X-Forwarded-For: a caller cannot pick a bucket per request', () => {
    const trusted = parseTrustedProxies(undefined);
    for (const forwarded of ['203.0.113.1', '203.0.113.2, 10.0.0.1', 'unknown', '']) {
      expect(clientAddressOf(stamped('192.0.2.50', forwarded), trusted)).toBe('192.0.2.50');
    }
    expect(clientAddressOf(stamped('::ffff:192.0.2.50'), parseTrustedProxies('0'))).toBe('192.0.2.50');
  });

  it('behind N proxies, takes the entry N from the right, never one the caller wrote further left', () => {
    const one = parseTrustedProxies('1');
    // The proxy appended the address it received from: the caller's own entries are to its left.
    expect(clientAddressOf(stamped('10.0.0.2', '203.0.113.1, 198.51.100.9'), one)).toBe('198.51.100.9');
    expect(clientAddressOf(stamped('10.0.0.2', '203.0.113.2, 198.51.100.9'), one)).toBe('198.51.100.9');
    const two = parseTrustedProxies('2');
    expect(clientAddressOf(stamped('10.0.0.2', 'spoofed, 198.51.100.9, 10.0.0.1'), two)).toBe('198.51.100.9');
    // Fewer entries than proxies (a request that bypassed them): the farthest one there is.
    expect(clientAddressOf(stamped('10.0.0.2'), two)).toBe('10.0.0.2');
    expect(clientAddressOf(stamped('10.0.0.2', '198.51.100.9'), two)).toBe('198.51.100.9');
  });

  it('behind listed proxies, takes the first address from the right that is not one of them', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, 192.0.2.1 fd00::/8');
    expect(clientAddressOf(stamped('10.0.0.2', 'spoofed, 198.51.100.9, 10.1.1.1'), trusted)).toBe('198.51.100.9');
    expect(clientAddressOf(stamped('192.0.2.1', '198.51.100.9'), trusted)).toBe('198.51.100.9');
    expect(clientAddressOf(stamped('fd00::5', '2001:db8::1, fd00::7'), trusted)).toBe('2001:db8::1');
    // A peer that is not a listed proxy is the client, whatever it forwards.
    expect(clientAddressOf(stamped('198.51.100.20', '203.0.113.1'), trusted)).toBe('198.51.100.20');
    // Only proxies: the farthest.
    expect(clientAddressOf(stamped('10.0.0.2', '10.0.0.3'), trusted)).toBe('10.0.0.3');
  });

  it('refuses a VIGIE_TRUSTED_PROXIES it cannot read, with the value in the message', () => {
    for (const bad of ['-1', 'ten', '10.0.0.0/33', '10.0.0/8', '::1/129', '10.0.0.0/8/1', '99']) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(TrustedProxiesError);
    }
    expect(() => parseTrustedProxies('nope')).toThrow(/"nope"/);
    expect(parseTrustedProxies(' 3 ')).toEqual({ hops: 3 });
  });

  it('normalises the ways one address is written', () => {
    expect(normaliseAddress(' ::FFFF:192.0.2.1 ')).toBe('192.0.2.1');
    expect(normaliseAddress('192.0.2.1:8080')).toBe('192.0.2.1');
    expect(normaliseAddress('[2001:DB8::1]:443')).toBe('2001:db8::1');
  });
});
