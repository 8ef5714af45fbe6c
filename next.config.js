// Next.js configuration. The database drivers stay outside the bundle: PGlite loads its WASM and
// data files from its own package folder, and argon2 is a native module.
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/**
 * Headers on every answer — pages, APIs and static files. A page's Content-Security-Policy carries
 * a per-request nonce and is set by proxy.ts; the APIs (JSON, CSV) load nothing and get a fixed
 * one here, except the unsubscribe page, which sets its own (it is HTML with a style block).
 */
const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Nothing needs the Referer, and some addresses carry a secret (the unsubscribe link's token).
  // Next.js keeps a header set here over the same header set by a route, so this one must suit all.
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2'],
  typedRoutes: false,
  poweredByHeader: false,
  // Several builds side by side (e.g. one per working copy of a feature) each get their own folder.
  distDir: process.env.VIGIE_DIST_DIR || '.next',
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      {
        source: '/api/:path((?!digests/unsubscribe).*)',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
