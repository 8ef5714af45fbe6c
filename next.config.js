// Next.js configuration. The database drivers stay outside the bundle: PGlite loads its WASM and
// data files from its own package folder, and argon2 is a native module.
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2'],
  typedRoutes: false,
  poweredByHeader: false,
};

export default withNextIntl(nextConfig);
