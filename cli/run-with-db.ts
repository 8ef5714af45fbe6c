// Opens the database the environment names (DATABASE_URL or the PGlite data directory), migrates
// it, runs a command, and closes it. A PGlite directory held by a server is refused, untouched.
import { openDatabase, optionsFromEnv, type DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';

export async function withDatabase<T>(run: (handle: DbHandle) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const handle = await openDatabase(optionsFromEnv(`vigie cli (${process.argv.slice(2, 3).join(' ') || 'command'})`));
  try {
    if (opts.migrate !== false) await migrateDatabase(handle);
    return await run(handle);
  } finally {
    await handle.close();
  }
}
