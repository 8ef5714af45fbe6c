// The layer rule of eslint.config.js holds: a browser component cannot import the database or
// server code, db/ cannot import server/, lib/ imports no other layer; type-only imports may cross.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

describe('layer boundaries', () => {
  it('refuse components/ importing db/ or server/', async () => {
    expect(await layerErrors('components/probe.tsx', "import { openDatabase } from '@/db/client';\nexport const x = openDatabase;\n")).toHaveLength(1);
    expect(await layerErrors('components/probe.tsx', "import { getDatabase } from '@/server/db';\nexport const x = getDatabase;\n")).toHaveLength(1);
    expect(await layerErrors('components/kpi/probe.tsx', "import { sites } from '../../db/schema';\nexport const x = sites;\n")).toHaveLength(1);
  });

  it('refuse db/ importing server/', async () => {
    expect(await layerErrors('db/queries/probe.ts', "import { getDatabase } from '@/server/db';\nexport const x = getDatabase;\n")).toHaveLength(1);
  });

  it('let a component import a type from the server, and the server import db/', async () => {
    expect(await layerErrors('components/probe.tsx', "import type { AppRouter } from '@/server/trpc/root';\nexport type X = AppRouter;\n")).toEqual([]);
    expect(await layerErrors('server/probe.ts', "import { openDatabase } from '@/db/client';\nexport const x = openDatabase;\n")).toEqual([]);
  });
});
