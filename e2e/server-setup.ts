// Starts Vigie exactly as a user would (`npm start`, here `tsx scripts/start.ts`) on a free port and
// a fresh data directory, waits until it answers, and stops its whole process group afterwards.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export default async function setup(project: TestProject) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-e2e-'));
  const baseUrl = `http://localhost:${port}`;
  const log: string[] = [];
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/start.ts'], {
    detached: true,
    env: { ...process.env, PORT: String(port), VIGIE_DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => log.push(d.toString()));

  const deadline = Date.now() + 8 * 60_000;
  let ready = false;
  while (Date.now() < deadline && child.exitCode === null) {
    if (log.join('').includes('Vigie is ready at')) {
      ready = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (!ready) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
    throw new Error(`Vigie did not start:\n${log.join('').slice(-4000)}`);
  }
  console.log(log.join('').split('\n').filter((l) => l.startsWith('[vigie]')).join('\n'));
  project.provide('baseUrl', baseUrl);

  return async () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // gone
    }
    await new Promise((r) => setTimeout(r, 1000));
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
