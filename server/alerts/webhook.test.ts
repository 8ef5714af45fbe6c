// Signing as a receiver checks it: the HMAC of the exact body, and of "<timestamp>.<body>" so a
// replayed request with an old timestamp is refused.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook } from './webhook';
import { verifyWebhook } from './webhook-testing';

const SECRET = 'a-shared-secret-of-some-length';
const BODY = '{"id":7,"state":"firing","value":0.724}';
const NOW = 1_796_288_400; // 2026-12-03T09:00:00Z

const headersOf = (signed: Record<string, string>) => Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toLowerCase(), v]));

describe('signWebhook', () => {
  it('signs the exact body and the timestamped body with HMAC-SHA256 in hex', () => {
    const signed = signWebhook(BODY, SECRET, NOW);
    expect(signed['X-Vigie-Signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(BODY).digest('hex')}`);
    expect(signed['X-Vigie-Signature-V2']).toBe(`sha256=${createHmac('sha256', SECRET).update(`${NOW}.${BODY}`).digest('hex')}`);
    expect(signed['X-Vigie-Timestamp']).toBe(String(NOW));
    expect(verifyWebhook({ body: BODY, secret: SECRET, headers: headersOf(signed), nowSeconds: NOW + 60 })).toBeNull();
  });

  it('is refused by a receiver for another body, another secret, an old timestamp or a timestamp changed in transit', () => {
    const signed = headersOf(signWebhook(BODY, SECRET, NOW));
    expect(verifyWebhook({ body: BODY.replace('0.724', '0.9'), secret: SECRET, headers: signed, nowSeconds: NOW })).toBe('bad signature');
    expect(verifyWebhook({ body: BODY, secret: 'another-secret-of-some-length', headers: signed, nowSeconds: NOW })).toBe('bad signature');
    expect(verifyWebhook({ body: BODY, secret: SECRET, headers: signed, nowSeconds: NOW + 6 * 60 })).toBe('stale timestamp');
    const moved = { ...signed, 'x-vigie-timestamp': String(NOW + 600) };
    expect(verifyWebhook({ body: BODY, secret: SECRET, headers: moved, nowSeconds: NOW + 600 })).toBe('bad timestamped signature');
  });
});
