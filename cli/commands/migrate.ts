import { withDatabase } from '../run-with-db';
import type { Command } from '../command';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply the database migrations',
  usage: 'migrate',
  options: {},
  async run() {
    await withDatabase(async (handle) => {
      console.log(`Database migrated (${handle.driver}: ${handle.location}).`);
    });
  },
};
