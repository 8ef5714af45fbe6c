// What the browser tests that run a server of their own share (coaching, live, live-instances):
// rather than the shared demo server, whose seed takes minutes and whose data they cannot control,
// each fills a fresh PostgreSQL database through the CLI in seconds and starts the production
// build on it, with neither the demo seed nor the live simulator.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startVigie, type ServedVigie } from '../cli/bench/server-process';

/** `npm run vigie -- …` against the database at `databaseUrl`; its last line of output. */
export function vigieCli(databaseUrl: string, args: string[], input?: string): string {
  const result = spawnSync(path.resolve('node_modules/.bin/tsx'), ['cli/vigie.ts', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`vigie ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`);
  return result.stdout.trim().split('\n').at(-1)!.trim();
}

/** The production server on the database at `databaseUrl` (on `port`, or a free one), `env` added to its environment. */
export function startOwnVigie(databaseUrl: string, opts: { port?: number; env?: Record<string, string> } = {}): Promise<ServedVigie> {
  return startVigie({
    env: { DATABASE_URL: databaseUrl, VIGIE_SEED_DEMO: '0', VIGIE_DEMO_LIVE: '0', ...opts.env },
    port: opts.port,
    readyTimeoutMs: 180_000,
  });
}
