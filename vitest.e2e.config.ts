import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Browser tests: one production server (started as `npm start` starts it, on a fresh data
// directory) shared by every file, driven through Debian's Chromium by playwright-core.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['./e2e/server-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
