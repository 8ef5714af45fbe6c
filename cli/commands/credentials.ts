// keys:create / keys:revoke / tokens:create / tokens:revoke. A new secret is printed alone on the
// last line of stdout, once: scripts can capture it with `| tail -n1`.
import { cliActor } from '@/server/auth/principal';
import { createSiteKey, createUserTokenByEmail, revokeSiteKeyByName, revokeUserTokenByEmail } from '@/server/keys/service';
import { requireString, type Command } from '../command';
import { withDatabase } from '../run-with-db';

export const keysCreateCommand: Command = {
  name: 'keys:create',
  summary: "create a site key (printed once, on the last line)",
  usage: 'keys:create --site CODE --name NAME',
  options: { site: { type: 'string' }, name: { type: 'string' } },
  async run(values) {
    await withDatabase(async ({ db }) => {
      const key = await createSiteKey(db, cliActor(), { siteCode: requireString(values, 'site'), name: requireString(values, 'name') });
      console.log(`Site key "${key.name}" created for ${key.siteCode}. Keep it now: it is not shown again.`);
      console.log(key.secret);
    });
  },
};

export const keysRevokeCommand: Command = {
  name: 'keys:revoke',
  summary: 'revoke a site key',
  usage: 'keys:revoke --site CODE --name NAME',
  options: { site: { type: 'string' }, name: { type: 'string' } },
  async run(values) {
    await withDatabase(async ({ db }) => {
      const site = requireString(values, 'site');
      const row = await revokeSiteKeyByName(db, cliActor(), { siteCode: site, name: requireString(values, 'name') });
      console.log(`Site key "${row.name}" of ${site.toUpperCase()} revoked.`);
    });
  },
};

export const tokensCreateCommand: Command = {
  name: 'tokens:create',
  summary: "create a user's personal API token (printed once, on the last line)",
  usage: 'tokens:create --email E --name NAME',
  options: { email: { type: 'string' }, name: { type: 'string' } },
  async run(values) {
    await withDatabase(async ({ db }) => {
      const email = requireString(values, 'email');
      const token = await createUserTokenByEmail(db, cliActor(), { email, name: requireString(values, 'name') });
      console.log(`Token "${token.name}" created for ${email}. Keep it now: it is not shown again.`);
      console.log(token.secret);
    });
  },
};

export const tokensRevokeCommand: Command = {
  name: 'tokens:revoke',
  summary: "revoke a user's personal token",
  usage: 'tokens:revoke --email E --name NAME',
  options: { email: { type: 'string' }, name: { type: 'string' } },
  async run(values) {
    await withDatabase(async ({ db }) => {
      const email = requireString(values, 'email');
      const row = await revokeUserTokenByEmail(db, cliActor(), { email, name: requireString(values, 'name') });
      console.log(`Token "${row.name}" of ${email} revoked.`);
    });
  },
};
