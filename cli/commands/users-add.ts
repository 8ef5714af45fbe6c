import { cliActor } from '@/server/auth/principal';
import { createUser } from '@/server/users/service';
import { requireString, type Command } from '../command';
import { readStdin, UsageError } from '../errors';
import { withDatabase } from '../run-with-db';

export const usersAddCommand: Command = {
  name: 'users:add',
  summary: 'add a user (the password is read from standard input)',
  usage: 'users:add --email E --name N --role admin|hq_manager|site_lead [--site CODE] [--locale en|fr] --password-stdin',
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    site: { type: 'string' },
    locale: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  },
  async run(values) {
    if (!values['password-stdin']) {
      throw new UsageError('Pass the password on standard input with --password-stdin (never on the command line).');
    }
    const password = await readStdin();
    const input = {
      email: requireString(values, 'email'),
      name: requireString(values, 'name'),
      role: requireString(values, 'role'),
      password,
      ...(typeof values.site === 'string' ? { siteCode: values.site.trim().toUpperCase() } : {}),
      ...(typeof values.locale === 'string' ? { locale: values.locale } : {}),
    };
    await withDatabase(async ({ db }) => {
      const user = await createUser(db, cliActor(), input as Parameters<typeof createUser>[2]);
      console.log(`User ${user.email} (${user.role}) added.`);
    });
  },
};
