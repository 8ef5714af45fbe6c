// Test support: `vigie follow` in a process of its own, as cli/vigie.ts runs it (the command's
// options parsed strictly, its exit code, an error as one line), without loading every other
// command: under tsx on a busy machine that takes many seconds, this entry about one.
import { parseArgs } from 'node:util';
import { followCommand } from '../../commands/follow';

const parsed = parseArgs({ args: process.argv.slice(2), options: followCommand.options, allowPositionals: true, strict: true });
followCommand.run(parsed.values, parsed.positionals).then(
  (code) => process.exit(typeof code === 'number' ? code : 0),
  (error: unknown) => {
    console.error(`vigie follow: ${(error as Error).message}`);
    process.exit(1);
  },
);
