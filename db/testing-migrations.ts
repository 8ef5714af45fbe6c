// Test support for the tests of one migration's backfill: a database of its own (PGlite, or a
// PostgreSQL database with TEST_DATABASE_URL), migrated up to the migration before the one under
// test, so that rows can be stored as an older release left them before the rest is applied.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DbHandle } from './client';
import { migrationsFolder } from './migrate';
import { withDatabase } from './testing-url';

export type ScratchDatabase = {
  handle: DbHandle;
  /** Applies the migrations before `tag` (db/migrations/meta/_journal.json). */
  migrateBefore: (tag: string) => Promise<void>;
  close: () => Promise<void>;
};

/** A copy of db/migrations holding only the migrations before `tag`. */
function migrationsBefore(tag: string): string {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  if (cut < 1) throw new Error(`No migration before ${tag}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-migrations-'));
  journal.entries = journal.entries.slice(0, cut);
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  for (const entry of journal.entries) fs.copyFileSync(path.join(migrationsFolder, `${entry.tag}.sql`), path.join(dir, `${entry.tag}.sql`));
  return dir;
}

async function migrateTo(h: DbHandle, folder: string): Promise<void> {
  if (h.driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(h.db as never, { migrationsFolder: folder });
    return;
  }
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(h.url!, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(client), { migrationsFolder: folder });
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** An empty database (no migration applied), dropped by close. */
export async function scratchDatabase(): Promise<ScratchDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const name = `vigie_t_${randomBytes(6).toString('hex')}`;
  let handle: DbHandle;
  if (serverUrl) {
    const { default: postgres } = await import('postgres');
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${name}"`);
    } finally {
      await admin.end();
    }
    handle = await openDatabase({ driver: 'postgres', url: withDatabase(serverUrl, name), max: 2 });
  } else {
    handle = await openDatabase({ driver: 'pglite' });
  }
  const folders: string[] = [];
  return {
    handle,
    migrateBefore: async (tag) => {
      const folder = migrationsBefore(tag);
      folders.push(folder);
      await migrateTo(handle, folder);
    },
    close: async () => {
      await handle.close();
      for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
      if (!serverUrl) return;
      const { default: postgres } = await import('postgres');
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}
