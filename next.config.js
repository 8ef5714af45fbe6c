// Next.js configuration. The database drivers stay outside the bundle: PGlite loads its WASM and
// data files from its own package folder, and argon2 is a native module.
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2'],
  typedRoutes: false,
  poweredByHeader: false,
  // Several builds side by side (e.g. one per working copy of a feature) each get their own folder.
  distDir: process.env.VIGIE_DIST_DIR || '.next',
};

export default withNextIntl(nextConfig);
