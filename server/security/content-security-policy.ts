// The Content-Security-Policy of every page, with a fresh nonce per request (set by proxy.ts):
// Next.js reads the nonce from the request's policy and puts it on its own bootstrap and inline
// scripts, so no other script runs — not one injected into a report, a name or a comment.
// Free of Node-only APIs: the proxy may run on the edge runtime too.

/** 128 random bits, base64: unguessable, and fresh for every request. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export type PolicyOptions = {
  nonce: string;
  /** `next dev` evaluates code for its error overlay and hot reload. */
  development?: boolean;
  /** Served over https: sub-resources are fetched over https too. */
  https?: boolean;
};

export function contentSecurityPolicy({ nonce, development = false, https = false }: PolicyOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // 'strict-dynamic': a script the nonce let in may load the chunks it needs; nothing else runs.
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", `'nonce-${nonce}'`],
    // Style attributes (a bar's width, a chart's colour, an e-mail's inline styles in the outbox)
    // cannot run code; allowing them keeps <style> elements and scripts strict.
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
    ...(https ? ([['upgrade-insecure-requests']] as [string][]) : []),
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}
