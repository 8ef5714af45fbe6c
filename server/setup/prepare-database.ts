// What `npm start` does to the database before it serves: migrate; load the demo network into an
// empty database when that is wanted (the embedded quick start, or VIGIE_SEED_DEMO=1 on
// PostgreSQL); find the session secret; find the accounts that still have the public demo
// password; and, when there is no administrator, issue a one-time setup link's token.
import { openDatabase, optionsFromEnv, type DbDriver } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { recordRulesOfEmptyDatabase } from '@/db/queries/tz-rebuild';
import { isDatabaseEmpty, seedDemo, type SeedDemoOptions } from '@/server/seed/demo';
import { ensureSessionSecret } from '@/server/auth/session-secret';
import { issueSetupToken } from './first-admin';
import { runtimeTzVersion } from '@/server/time/tz-data';
import { accountsWithPublicPassword, recognisePublicPassword } from './public-password';

type Env = Record<string, string | undefined>;

/**
 * Whether an empty database gets the demo network: the embedded database keeps it (the quick
 * start) unless VIGIE_SEED_DEMO=0; a PostgreSQL database only when VIGIE_SEED_DEMO=1.
 */
export function seedsDemoWhenEmpty(driver: DbDriver, env: Env): boolean {
  const asked = env.VIGIE_SEED_DEMO?.trim().toLowerCase();
  if (driver === 'pglite') return !['0', 'false', 'no'].includes(asked ?? '');
  return ['1', 'true', 'yes'].includes(asked ?? '');
}

export type PreparedDatabase = {
  driver: DbDriver;
  /** For messages: the driver and where the data is. */
  where: string;
  secret: string;
  secretSource: 'environment' | 'database';
  /** Active accounts whose password is still the public demo one. */
  publicAccounts: string[];
  /** The setup link's token when no active administrator exists; null otherwise. */
  setupToken: string | null;
  seeded: boolean;
};

export async function prepareDatabase(env: Env, log: (message: string) => void, seedOptions: SeedDemoOptions = {}): Promise<PreparedDatabase> {
  const handle = await openDatabase(optionsFromEnv('vigie start (preparing)', env as NodeJS.ProcessEnv));
  try {
    await migrateDatabase(handle);
    log(`database ready (${handle.driver}: ${handle.location})`);
    let seeded = false;
    if (await isDatabaseEmpty(handle.db)) {
      // No stored day follows older rules: the server's start-up tz rebuild has nothing to check
      // (it would otherwise read every record the demo is about to store, while pages wait).
      const tz = runtimeTzVersion();
      if (tz) await recordRulesOfEmptyDatabase(handle.db, tz);
      if (seedsDemoWhenEmpty(handle.driver, env)) {
        log('empty database: seeding the demo network…');
        const { counts, ms } = await seedDemo(handle.db, seedOptions);
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        log(`demo network seeded: ${total} rows in ${(ms / 1000).toFixed(1)} s`);
        seeded = true;
      } else {
        log('empty database: starting without data (VIGIE_SEED_DEMO=1 would load the demo network)');
      }
    }
    const secret = await ensureSessionSecret(handle.db, env);
    const secretSource = env.NEXTAUTH_SECRET?.trim() ? 'environment' : 'database';
    await recognisePublicPassword(handle.db);
    const publicAccounts = await accountsWithPublicPassword(handle.db);
    const setupToken = await issueSetupToken(handle.db);
    return { driver: handle.driver, where: `${handle.driver}: ${handle.location}`, secret, secretSource, publicAccounts, setupToken, seeded };
  } finally {
    await handle.close();
  }
}
