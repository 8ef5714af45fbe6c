// The `vigie` admin CLI: `npm run vigie -- <command> [options]`. It works on the same database as
// the server (DATABASE_URL, or the PGlite directory in VIGIE_DATA_DIR).
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { DataDirLockedError } from '@/db/lock';
import { DomainError } from '@/server/errors';
import { OutdatedTzDataError, assertCurrentTzData } from '@/server/time/tz-data';
import type { Command } from './command';
import { PushError } from './push/client';
import { alertsEvaluateCommand } from './commands/alerts';
import { benchCommand } from './commands/bench';
import { digestsSendDueCommand } from './commands/digests';
import { followCommand } from './commands/follow';
import { keysCreateCommand, keysRevokeCommand, tokensCreateCommand, tokensRevokeCommand } from './commands/credentials';
import { migrateCommand } from './commands/migrate';
import { pushCommand } from './commands/push';
import { seedCommand } from './commands/seed';
import { sitesAddCommand } from './commands/sites-add';
import { tzRebuildCommand } from './commands/tz-rebuild';
import { usersAddCommand } from './commands/users-add';

const commands: Command[] = [
  migrateCommand,
  seedCommand,
  sitesAddCommand,
  usersAddCommand,
  keysCreateCommand,
  keysRevokeCommand,
  tokensCreateCommand,
  tokensRevokeCommand,
  pushCommand,
  followCommand,
  benchCommand,
  digestsSendDueCommand,
  alertsEvaluateCommand,
  tzRebuildCommand,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: npm run vigie -- <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  ${c.usage}`),
  ].join('\n');
}

function describe(error: unknown): string {
  if (error instanceof ZodError) {
    return error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('\n');
  }
  if (error instanceof DataDirLockedError || error instanceof DomainError || error instanceof PushError) return error.message;
  if (error instanceof Error && (error.name === 'UsageError' || error.name === 'TRPCError')) return error.message;
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  try {
    assertCurrentTzData();
  } catch (error) {
    if (!(error instanceof OutdatedTzDataError)) throw error;
    console.error(`vigie ${command.name}: ${error.message}`);
    return 1;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: command.positionals ?? false, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm run vigie -- ${command.usage}`);
    return 2;
  }
  try {
    const code = await command.run(parsed.values, parsed.positionals);
    return typeof code === 'number' ? code : 0;
  } catch (error) {
    console.error(`vigie ${command.name}: ${describe(error)}`);
    return error instanceof Error && error.name === 'UsageError' ? 2 : 1;
  }
}

// Run when executed directly (not when imported by tests).
if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('cli/vigie.ts')) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
