// Where to go after signing in: only a path on this site, so the login page cannot be used to
// redirect elsewhere. The value is resolved as a browser would resolve it (tabs and newlines
// dropped, `\` read as `/`, dot segments applied), and only the path, query and hash of a
// same-origin result are kept, re-serialised: what is checked is what the browser will follow.

/** Stands for the app's origin when the caller does not know it: a name that cannot exist. */
const PLACEHOLDER_ORIGIN = 'http://vigie.invalid';

export function safeCallbackUrl(value: string | string[] | null | undefined, origin: string = PLACEHOLDER_ORIGIN): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return '/';
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(raw, base);
  } catch {
    return '/';
  }
  if (url.origin !== base.origin) return '/';
  const { pathname } = url;
  // `//host` (left by dot segments, as in `/.//evil.example`) is another site to a browser; the
  // login page would send a signed-in visitor round in circles.
  if (pathname.startsWith('//') || pathname === '/login' || pathname.startsWith('/login/')) return '/';
  return pathname + url.search + url.hash;
}
