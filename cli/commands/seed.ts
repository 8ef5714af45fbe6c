import { isDatabaseEmpty, seedDemo } from '@/server/seed/demo';
import { UsageError } from '../errors';
import { withDatabase } from '../run-with-db';
import type { Command } from '../command';

export const seedCommand: Command = {
  name: 'seed',
  summary: 'load the demo network into an empty database',
  usage: 'seed --demo',
  options: { demo: { type: 'boolean' } },
  async run(values) {
    if (!values.demo) throw new UsageError('Say which seed to load: seed --demo');
    await withDatabase(async (handle) => {
      if (!(await isDatabaseEmpty(handle.db))) {
        throw new UsageError('The database already holds data; the demo seed only loads into an empty database.');
      }
      const result = await seedDemo(handle.db);
      console.log(`Demo network seeded in ${(result.ms / 1000).toFixed(1)} s:`);
      for (const [table, count] of Object.entries(result.counts)) console.log(`  ${table.padEnd(24)} ${count}`);
    });
  },
};
