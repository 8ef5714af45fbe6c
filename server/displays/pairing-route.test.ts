// POST /api/display/pair as the route handler answers it, on a real database: the cookie and its
// attributes, the redirect to the wallboard with no secret in it, the refusals, and the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { RateLimiter } from '@/server/rest/rate-limit';
import { PEER_HEADER, peerStamp } from '@/server/security/client-address';
import { makeSite } from '@/test/fixtures';
import { DISPLAY_COOKIE, displayCredentialOf } from './cookie';
import { handlePairingRequest } from './pairing-route';
import { createDisplay, displayPrincipalFromCredential } from './service';

const NOW = new Date('2026-03-20T10:00:00Z');
let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await makeSite(h.db, { code: 'TUN' });
  await makeSite(h.db, { code: 'CAS', country: 'MA', timezone: 'Africa/Casablanca' });
});
afterAll(() => h.close());

const limiter = () => new RateLimiter({ perMinute: 5, burst: 10 });
const newCode = async (sites: string[] | null = ['TUN']) => (await createDisplay(h.db, cliActor(), { name: 'Screen', sites, locale: 'en' }, NOW)).code;

function formPost(code: string, headers: Record<string, string> = {}) {
  return new Request('http://vigie.test/api/display/pair', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ code }).toString(),
  });
}

function jsonPost(body: unknown, headers: Record<string, string> = {}) {
  return new Request('http://vigie.test/api/display/pair', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

const pair = (req: Request, l = limiter()) => handlePairingRequest(h.db, req, { limiter: l, now: () => NOW });

describe('POST /api/display/pair', () => {
  it('answers a form with a 303 to the wallboard and the credential in an http-only, long-lived cookie only', async () => {
    const res = await pair(formPost(await newCode()));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('http://vigie.test/live/TUN');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^${DISPLAY_COOKIE}=vd_[A-Za-z0-9_-]{43}; Path=/; Max-Age=34560000; HttpOnly; SameSite=Lax$`));
    const credential = displayCredentialOf(cookie.split(';')[0]!)!;
    expect(res.headers.get('location')).not.toContain(credential);
    expect(await displayPrincipalFromCredential(h.db, credential, NOW)).toMatchObject({ kind: 'display' });
  });

  it('answers the page’s script in JSON, with no credential in the body, and marks the cookie Secure over https', async () => {
    const res = await pair(jsonPost({ code: await newCode(['TUN', 'CAS']) }, { 'x-forwarded-proto': 'https' }));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ location: '/live?site=CAS&site=TUN', name: 'Screen' });
    expect(text).not.toContain('vd_');
    expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a used, unknown or malformed code with its reason, setting no cookie', async () => {
    const code = await newCode(null);
    expect((await pair(jsonPost({ code }))).status).toBe(200);
    const again = await pair(jsonPost({ code }));
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 'refused', message: expect.stringMatching(/unknown, already used or expired/) });
    expect(again.headers.get('set-cookie')).toBeNull();
    const form = await pair(formPost('ABCD-EFGH'));
    expect([form.status, form.headers.get('location')]).toEqual([303, 'http://vigie.test/display?error=refused']);
    for (const body of [{ code: 'short' }, { code: 'ABCD-EFG0' }, { code: 12345678 }, {}, 'not an object']) {
      const res = await pair(jsonPost(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).code).toBe('codeFormat');
    }
    const get = await handlePairingRequest(h.db, new Request('http://vigie.test/api/display/pair'));
    expect(get.status).toBe(405);
  });

  it('refuses a post from another site’s page', async () => {
    const res = await pair(formPost(await newCode(), { 'sec-fetch-site': 'cross-site' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('http://vigie.test/display?error=crossSite');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('limits failed attempts per client address (429 with Retry-After), and a screen that pairs gives its attempt back', async () => {
    const l = limiter();
    const from = (address: string) => ({ [PEER_HEADER]: peerStamp(address) });
    // A success does not count: ten pairings in a row from one address all go through.
    for (let i = 0; i < 10; i++) expect((await pair(jsonPost({ code: await newCode() }, from('203.0.113.5')), l)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await pair(jsonPost({ code: 'ZZZZ-ZZZZ' }, from('203.0.113.9')), l)).status);
    expect(statuses).toEqual([...Array(10).fill(400), 429]);
    const limited = await pair(jsonPost({ code: await newCode() }, from('203.0.113.9')), l);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('set-cookie')).toBeNull();
    // Another address has its own allowance.
    expect((await pair(jsonPost({ code: await newCode() }, from('203.0.113.10')), l)).status).toBe(200);
  });
});
