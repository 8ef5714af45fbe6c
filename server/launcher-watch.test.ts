import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exitWithLauncher, watchParent } from './launcher-watch';

const root = path.resolve(import.meta.dirname, '..');
const started: number[] = [];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function within(ms: number, condition: () => boolean | Promise<boolean>): Promise<number | null> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await condition()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

/**
 * A launcher (a plain node process) that starts test/processes/watched-server.ts the way
 * scripts/start.ts starts `next start`: detached, in a session of its own, naming itself in
 * VIGIE_LAUNCHER_PID. Answers both pids and the server's port once it listens.
 */
async function launch(env: Record<string, string> = {}): Promise<{ launcher: ChildProcess; server: { pid: number; port: number; watching: boolean } }> {
  const script = `
    const { spawn } = require('node:child_process');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/processes/watched-server.ts'], {
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, VIGIE_LAUNCHER_PID: String(process.pid) },
    });
    setInterval(() => {}, 1000);
  `;
  const launcher = spawn(process.execPath, ['-e', script], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(launcher.pid!);
  const server = await new Promise<{ pid: number; port: number; watching: boolean }>((resolve, reject) => {
    let text = '';
    launcher.stdout!.on('data', (d: Buffer) => {
      text += d.toString();
      const line = text.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    launcher.once('exit', () => reject(new Error(`the launcher exited: ${text}`)));
    setTimeout(() => reject(new Error(`no server after 20 s: ${text}`)), 20_000);
  });
  started.push(server.pid);
  return { launcher, server };
}

afterEach(() => {
  // Only what a failed test left running: a pid checked alive just before.
  for (const pid of started.splice(0).filter(alive)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

describe('a server started by the launcher', () => {
  it('stops within seconds of a SIGKILL of its launcher, freeing its port', async () => {
    const { launcher, server } = await launch();
    expect(server.watching).toBe(true);
    expect(await refused(server.port)).toBe(false);
    launcher.kill('SIGKILL');
    const ms = await within(5_000, async () => !alive(server.pid) && (await refused(server.port)));
    expect(ms).not.toBeNull();
  }, 40_000);

  it('stops even when it ignores the SIGTERM it sends itself, after its grace period', async () => {
    const { launcher, server } = await launch({ IGNORE_SIGTERM: '1', GRACE_MS: '1000' });
    launcher.kill('SIGKILL');
    expect(await within(1_000, () => !alive(server.pid))).toBeNull();
    expect(await within(5_000, async () => !alive(server.pid) && (await refused(server.port)))).not.toBeNull();
  }, 40_000);

  it('watches nothing when not started by the launcher', () => {
    expect(exitWithLauncher({})).toBe(false);
    expect(exitWithLauncher({ VIGIE_LAUNCHER_PID: 'x' })).toBe(false);
    expect(exitWithLauncher({ VIGIE_LAUNCHER_PID: '1' })).toBe(false);
  });
});

describe('watchParent', () => {
  it('calls back once when the parent changes, and not before', async () => {
    let parent = 100;
    let calls = 0;
    const stop = watchParent(() => calls++, { parentPid: 100, intervalMs: 10, currentParent: () => parent });
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(0);
    parent = 1;
    await new Promise((r) => setTimeout(r, 50));
    parent = 7;
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(1);
    stop();
  });

  it('calls back at once when the parent is already gone', async () => {
    let calls = 0;
    watchParent(() => calls++, { parentPid: 100, intervalMs: 10_000, currentParent: () => 1 });
    await new Promise((r) => setImmediate(r));
    expect(calls).toBe(1);
  });
});
