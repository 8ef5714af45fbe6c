import { cliActor } from '@/server/auth/principal';
import { createSite } from '@/server/sites/service';
import { requireString, type Command } from '../command';
import { withDatabase } from '../run-with-db';

export const sitesAddCommand: Command = {
  name: 'sites:add',
  summary: 'add a site',
  usage: 'sites:add --code CODE --name NAME --country CC --timezone IANA [--kind offshore] [--sla-seconds 20] [--seats N] [--languages fr,ar]',
  options: {
    code: { type: 'string' },
    name: { type: 'string' },
    country: { type: 'string' },
    timezone: { type: 'string' },
    kind: { type: 'string' },
    'sla-seconds': { type: 'string' },
    seats: { type: 'string' },
    languages: { type: 'string' },
  },
  async run(values) {
    const input = {
      code: requireString(values, 'code'),
      name: requireString(values, 'name'),
      country: requireString(values, 'country'),
      timezone: requireString(values, 'timezone'),
      ...(typeof values.kind === 'string' ? { kind: values.kind } : {}),
      ...(typeof values['sla-seconds'] === 'string' ? { slaSeconds: Number(values['sla-seconds']) } : {}),
      ...(typeof values.seats === 'string' ? { seats: Number(values.seats) } : {}),
      ...(typeof values.languages === 'string'
        ? { languages: values.languages.split(',').map((l) => l.trim()).filter(Boolean) }
        : {}),
    };
    await withDatabase(async ({ db }) => {
      const site = await createSite(db, cliActor(), input);
      console.log(`Site ${site.code} (${site.name}, ${site.country}, ${site.timezone}) added.`);
    });
  },
};
