// Throw-away databases for the benchmarks: a PGlite in a temporary folder, or a fresh database on
// the PostgreSQL server named by --database-url / BENCH_DATABASE_URL / DATABASE_URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { withDatabase as withDatabaseName } from '@/db/testing-url';

export type BenchDriver = 'pglite' | 'postgres';

export function serverUrlFrom(values: Record<string, unknown>): string {
  return (
    (typeof values['database-url'] === 'string' && values['database-url']) ||
    process.env.BENCH_DATABASE_URL ||
    process.env.DATABASE_URL ||
    'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

export async function scratchDatabase(driver: BenchDriver, serverUrl: string, name: string): Promise<DbHandle> {
  if (driver === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vigie-bench-${name}-`));
    const handle = await openDatabase({ driver: 'pglite', dataDir: dir, owner: 'vigie bench' });
    await migrateDatabase(handle);
    return {
      ...handle,
      close: async () => {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const database = `vigie_bench_${name}_${process.pid}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${database}" with (force)`);
  await admin.unsafe(`create database "${database}"`);
  await admin.end();
  const handle = await openDatabase({ driver: 'postgres', url: withDatabaseName(serverUrl, database), max: 8 });
  await migrateDatabase(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${database}" with (force)`);
      await dropper.end();
    },
  };
}
