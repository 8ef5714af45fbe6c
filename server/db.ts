// The server process's one database handle, opened on first use and migrated. Kept on globalThis
// because Next.js may load this module more than once in one process, and a second PGlite on the
// same directory would lose data.
import { openDatabase, optionsFromEnv, type DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';

const KEY = Symbol.for('vigie.database');
type Holder = { [KEY]?: Promise<DbHandle> };

export function getDatabase(): Promise<DbHandle> {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    holder[KEY] = (async () => {
      const handle = await openDatabase(optionsFromEnv('vigie server'));
      await migrateDatabase(handle);
      return handle;
    })();
    // A failed open (e.g. the directory is locked) is retried on the next request.
    holder[KEY].catch(() => {
      delete holder[KEY];
    });
  }
  return holder[KEY];
}

export async function closeDatabase(): Promise<void> {
  const holder = globalThis as Holder;
  const pending = holder[KEY];
  delete holder[KEY];
  if (pending) await (await pending).close();
}
