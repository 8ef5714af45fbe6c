// The one database handle: PostgreSQL through postgres.js when DATABASE_URL is set (production),
// otherwise an embedded PGlite persisted in VIGIE_DATA_DIR.
import fs from 'node:fs';
import path from 'node:path';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { acquireDataDirLock } from './lock';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbDriver = 'pglite' | 'postgres';

export type DbHandle = {
  db: Db;
  driver: DbDriver;
  /** Where the data lives, for messages: the data directory or the server URL without password. */
  location: string;
  /** The server URL (postgres driver only): migrations take a dedicated connection from it. */
  url?: string;
  close(): Promise<void>;
};

export type OpenOptions =
  | { driver: 'postgres'; url: string; max?: number }
  | { driver: 'pglite'; dataDir?: string; loadDump?: Blob; owner?: string };

export function defaultDataDir(): string {
  return path.resolve(process.env.VIGIE_DATA_DIR || '.data');
}

/** The options the environment asks for: DATABASE_URL or the embedded data directory. */
export function optionsFromEnv(owner: string, env: NodeJS.ProcessEnv = process.env): OpenOptions {
  const url = env.DATABASE_URL?.trim();
  if (url) return { driver: 'postgres', url };
  return { driver: 'pglite', dataDir: path.resolve(env.VIGIE_DATA_DIR || '.data'), owner };
}

/**
 * The data directory holds every row (password hashes, the session secret when NEXTAUTH_SECRET is
 * not set): it is created readable by its owner only (0700), and an existing one that others can
 * read is narrowed to that; when that fails (another owner), a warning says so.
 */
export function secureDataDir(dataDir: string, warn: (message: string) => void = console.warn): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const mode = fs.statSync(dataDir).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  try {
    fs.chmodSync(dataDir, 0o700);
  } catch (error) {
    warn(
      `[vigie] the data directory ${dataDir} is open to other users (mode ${mode.toString(8)}) and could not be restricted: ${(error as Error).message}`,
    );
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * Seconds a pooled connection waits before it connects again after a failed attempt. postgres.js
 * counts failures across the whole pool and by default waits up to 20 s, so after an outage that
 * saw a few dozen requests a query could sit 10–20 s behind a connection's timer although the
 * database was back. Capped at one second: a refused connection costs the server nothing.
 */
export function reconnectDelaySeconds(failures: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** failures, 1);
}

export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  if (options.driver === 'postgres') {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connection: { application_name: 'vigie' },
      backoff: reconnectDelaySeconds,
    });
    const db = drizzle(client, { schema }) as unknown as Db;
    return { db, driver: 'postgres', location: redact(options.url), url: options.url, close: () => client.end({ timeout: 5 }) };
  }

  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let release = () => {};
  let pgDir: string | undefined;
  if (options.dataDir) {
    // PGlite does not create the parent folder itself.
    secureDataDir(options.dataDir);
    release = acquireDataDirLock(options.dataDir, options.owner ?? `pid ${process.pid}`);
    pgDir = path.join(options.dataDir, 'pgdata');
  }
  try {
    const client = new PGlite({ dataDir: pgDir, loadDataDir: options.loadDump });
    await client.waitReady;
    const db = drizzle(client, { schema }) as unknown as Db;
    return {
      db,
      driver: 'pglite',
      location: options.dataDir ?? 'memory',
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Rows of a db.execute() result: PGlite answers { rows }, postgres.js an array. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
