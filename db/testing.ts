// Databases for tests: a fresh, migrated database per test file. PGlite loads a migrated dump made
// once by the global setup; with TEST_DATABASE_URL each file gets its own PostgreSQL database,
// cloned from a migrated template.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, type DbHandle } from './client';
import { withDatabase } from './testing-url';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDumpPath: string;
    pgTemplate: string;
  }
}

export { withDatabase } from './testing-url';

export async function createTestDb(): Promise<DbHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = inject('pgTemplate');
    const name = `vigie_t_${randomBytes(6).toString('hex')}`;
    const { default: postgres } = await import('postgres');
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${name}" template "${template}"`);
    } finally {
      await admin.end();
    }
    const handle = await openDatabase({ driver: 'postgres', url: withDatabase(serverUrl, name), max: 5 });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
        try {
          await dropper.unsafe(`drop database if exists "${name}" with (force)`);
        } finally {
          await dropper.end();
        }
      },
    };
  }
  const dump = fs.readFileSync(inject('pgliteDumpPath'));
  return openDatabase({ driver: 'pglite', loadDump: new Blob([dump]) });
}
