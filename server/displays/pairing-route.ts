// POST /api/display/pair: a wall screen exchanges the code it was given for its credential, which
// comes back only in an http-only cookie, never in the body or a URL. Two ways in:
// - the /display page's script posts JSON and is answered in JSON ({ location } or { code, message });
// - without script (a bare TV browser, or before the page has loaded), the form posts itself and is
//   answered with a 303 redirect: to the wallboard, or back to /display with the reason.
// Attempts are limited per client address like sign-ins (a burst, then so many a minute; only
// failures count), so the 31^8 codes cannot be walked through in the 15 minutes a code lives.
import type { Db } from '@/db/client';
import { servedOverHttps } from '@/server/auth/cookies';
import { isDatabaseUnavailable } from '@/server/errors';
import { positive, RateLimiter } from '@/server/rest/rate-limit';
import { clientAddressOf } from '@/server/security/client-address';
import { pairDisplayInput, type PairingErrorKey } from '@/lib/displays/display-input';
import { displayCookieHeader } from './cookie';
import { pairDisplay, PairingRefused } from './service';

/** The sign-in limit's settings (VIGIE_LOGIN_RATE_PER_MINUTE, VIGIE_LOGIN_BURST), in a bucket of its own. */
export const pairingLimiter = new RateLimiter({
  perMinute: positive(process.env.VIGIE_LOGIN_RATE_PER_MINUTE, 5),
  burst: positive(process.env.VIGIE_LOGIN_BURST, 10),
});

/** The failures this route answers (lib/displays/display-input.ts names them all). */
type PairingError = Exclude<PairingErrorKey, 'revoked' | 'failed'>;

const STATUS: Record<PairingError, number> = { codeFormat: 400, refused: 400, rateLimited: 429, crossSite: 403, unavailable: 503 };

const MESSAGES: Record<PairingError, string> = {
  codeFormat: 'A pairing code is 8 letters and digits, as shown under Settings → Displays',
  refused: new PairingRefused().message,
  rateLimited: 'Too many attempts from this address: wait a minute, then type the code again',
  crossSite: 'Pairing is done on this site’s own /display page',
  unavailable: 'The database is unreachable: try again in a moment',
};

type Body = { code?: unknown };

async function readBody(request: Request): Promise<{ body: Body; json: boolean }> {
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    const parsed = (await request.json().catch(() => null)) as unknown;
    return { body: parsed && typeof parsed === 'object' ? (parsed as Body) : {}, json: true };
  }
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    const form = await request.formData().catch(() => null);
    return { body: { code: form?.get('code') ?? undefined }, json: false };
  }
  return { body: {}, json: true };
}

const noStore = { 'Cache-Control': 'no-store' };

function refusal(request: Request, json: boolean, error: PairingError, retryAfter?: number): Response {
  const headers: Record<string, string> = { ...noStore, ...(retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) }) };
  if (json) return Response.json({ code: error, message: MESSAGES[error] }, { status: STATUS[error], headers });
  return new Response(null, { status: 303, headers: { ...headers, Location: new URL(`/display?error=${error}`, request.url).toString() } });
}

export async function handlePairingRequest(db: Db, request: Request, opts: { limiter?: RateLimiter; now?: () => Date } = {}): Promise<Response> {
  if (request.method !== 'POST') return Response.json({ code: 'METHOD_NOT_ALLOWED', message: 'POST only' }, { status: 405, headers: { allow: 'POST' } });
  const { body, json } = await readBody(request);
  // Another site's page must not pair this browser as one of our displays behind its back.
  if (request.headers.get('sec-fetch-site') === 'cross-site') return refusal(request, json, 'crossSite');

  const limiter = opts.limiter ?? pairingLimiter;
  const ip = clientAddressOf(request.headers);
  const key = `display-pair:${ip ?? 'unknown'}`;
  const wait = limiter.take(key);
  if (wait !== null) return refusal(request, json, 'rateLimited', wait);

  const parsed = pairDisplayInput.safeParse(body);
  if (!parsed.success) return refusal(request, json, 'codeFormat');
  try {
    const paired = await pairDisplay(db, { code: parsed.data.code, ip, now: (opts.now ?? (() => new Date()))() });
    // A screen that pairs gives its attempt back, like a sign-in that succeeds.
    limiter.refund(key);
    const cookie = displayCookieHeader(paired.credential, servedOverHttps(request.headers));
    const headers = { ...noStore, 'Set-Cookie': cookie };
    if (json) return Response.json({ location: paired.wallboardPath, name: paired.name }, { status: 200, headers });
    return new Response(null, { status: 303, headers: { ...headers, Location: new URL(paired.wallboardPath, request.url).toString() } });
  } catch (error) {
    if (error instanceof PairingRefused) return refusal(request, json, 'refused');
    if (isDatabaseUnavailable(error)) return refusal(request, json, 'unavailable');
    throw error;
  }
}
