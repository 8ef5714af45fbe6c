// Migrates once for the whole run: a PGlite dump that every test file loads, and, when
// TEST_DATABASE_URL is set, a PostgreSQL template database that every test file clones.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { withDatabase } from '../db/testing';

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-test-'));
  const pglite = await openDatabase({ driver: 'pglite' });
  await migrateDatabase(pglite);
  const client = (pglite.db as unknown as { $client: { dumpDataDir(c?: 'none' | 'gzip'): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('none');
  const dumpPath = path.join(dir, 'migrated.tar');
  fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteDumpPath', dumpPath);

  const serverUrl = process.env.TEST_DATABASE_URL;
  let template = '';
  if (serverUrl) {
    const { default: postgres } = await import('postgres');
    template = `vigie_tpl_${process.pid}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${template}" with (force)`);
    await admin.unsafe(`create database "${template}"`);
    const handle = await openDatabase({ driver: 'postgres', url: withDatabase(serverUrl, template), max: 1 });
    await migrateDatabase(handle);
    await handle.close();
    await admin.end();
  }
  project.provide('pgTemplate', template);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (serverUrl && template) {
      const { default: postgres } = await import('postgres');
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${template}" with (force)`);
      await admin.end();
    }
  };
}
