// The production server started the way a user starts it (`npm start`, i.e. `tsx scripts/start.ts`)
// on a free port, for the load benchmark and the fault drills. start.ts puts `next start` in a
// process group of its own, so stopping "the server" means every process group of the tree: a
// SIGKILL of the launcher alone would leave the Next.js server running, orphaned.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The build folder `npm start` serves (VIGIE_DIST_DIR, as next.config.js reads it). */
export function distDir(root = process.cwd()): string {
  return path.join(root, process.env.VIGIE_DIST_DIR || '.next');
}

/** Refuses plainly when there is no build: start.ts would otherwise build for minutes. */
export function requireBuild(root = process.cwd()): void {
  if (!fs.existsSync(path.join(distDir(root), 'BUILD_ID'))) {
    throw new Error(`No production build in ${distDir(root)}: run \`npm run build\` first (VIGIE_DIST_DIR names another folder).`);
  }
}

type ProcInfo = { pid: number; ppid: number; pgid: number };

function readProcs(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(entry), ppid: Number(fields[1]), pgid: Number(fields[2]) });
    } catch {
      // exited while being read
    }
  }
  return out;
}

/** The process and all its descendants, from /proc (Linux). */
export function processTree(rootPid: number): ProcInfo[] {
  const procs = readProcs();
  const byParent = new Map<number, ProcInfo[]>();
  for (const p of procs) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const tree: ProcInfo[] = [];
  const queue = procs.filter((p) => p.pid === rootPid);
  while (queue.length) {
    const p = queue.shift()!;
    tree.push(p);
    queue.push(...(byParent.get(p.pid) ?? []));
  }
  return tree;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export type ServedVigie = {
  url: string;
  port: number;
  /** The launcher's pid (tsx scripts/start.ts). */
  pid: number;
  /** The pids of the launcher and everything it started, now. */
  pids(): number[];
  /** The server's output so far (last lines). */
  output(): string;
  /** Sends `signal` to every process group of the tree at once, then waits for all of it to go. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM as Ctrl-C would (start.ts forwards it), then SIGKILL whatever is left after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
};

export type StartOptions = {
  /** Added to the environment; DATABASE_URL '' means PGlite in VIGIE_DATA_DIR. */
  env: Record<string, string | undefined>;
  port?: number;
  readyTimeoutMs?: number;
  /** Echo the server's output (for a human watching a benchmark). */
  echo?: boolean;
};

export async function startVigie(opts: StartOptions): Promise<ServedVigie> {
  requireBuild();
  const port = opts.port ?? (await freePort());
  const lines: string[] = [];
  const child: ChildProcess = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/start.ts'], {
    detached: true, // a process group of its own: ours to signal, apart from the caller's
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...opts.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d: Buffer) => {
    const text = d.toString();
    if (opts.echo) process.stderr.write(text);
    lines.push(text);
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const pid = child.pid!;

  let known = new Set<number>([pid]);
  const pids = () => {
    // Remember every pid seen, so a kill reaches a grandchild whose parent already died.
    for (const p of processTree(pid)) known.add(p.pid);
    known = new Set([...known].filter(alive));
    return [...known];
  };

  const kill = async (signal: NodeJS.Signals) => {
    const tree = processTree(pid);
    for (const p of tree) known.add(p.pid);
    const groups = new Set(tree.map((p) => p.pgid).filter((g) => g > 1 && g !== process.pid));
    groups.add(pid);
    for (const group of groups) {
      try {
        process.kill(-group, signal);
      } catch {
        // already gone
      }
    }
    if (signal === 'SIGKILL') {
      const deadline = Date.now() + 10_000;
      while (pids().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    }
  };

  const stop = async (graceMs = 10_000) => {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // gone
    }
    const deadline = Date.now() + graceMs;
    while (pids().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (pids().length) {
      for (const p of pids()) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // gone
        }
      }
    }
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 180_000);
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    if (lines.join('').includes('Vigie is ready at')) {
      return { url: `http://127.0.0.1:${port}`, port, pid, pids, output: () => lines.join(''), kill, stop };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await kill('SIGKILL');
  throw new Error(`Vigie did not start on port ${port}:\n${lines.join('').slice(-4000)}`);
}

/**
 * The local addresses a TCP port is listening on, from /proc/net/tcp and tcp6 (Linux): e.g.
 * ['127.0.0.1'] for a server bound to the loopback, ['::'] or ['0.0.0.0'] for every interface.
 */
export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const [file, v6] of [
    ['/proc/net/tcp', false],
    ['/proc/net/tcp6', true],
  ] as const) {
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local) continue; // 0A: LISTEN
      const [hex = '', portHex = ''] = local.split(':');
      if (parseInt(portHex, 16) !== port) continue;
      found.push(v6 ? ipv6Of(hex) : ipv4Of(hex));
    }
  }
  return found;
}

/** /proc/net/tcp writes an IPv4 address as one little-endian 32-bit word. */
function ipv4Of(hex: string): string {
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}

/** …and an IPv6 address as four such words. */
function ipv6Of(hex: string): string {
  const bytes: number[] = [];
  for (let word = 0; word < 4; word++) for (const i of [6, 4, 2, 0]) bytes.push(parseInt(hex.slice(word * 8 + i, word * 8 + i + 2), 16));
  const groups = Array.from({ length: 8 }, (_, g) => ((bytes[2 * g]! << 8) | bytes[2 * g + 1]!).toString(16));
  const joined = groups.join(':');
  if (joined === '0:0:0:0:0:0:0:0') return '::';
  if (joined === '0:0:0:0:0:0:0:1') return '::1';
  if (joined.startsWith('0:0:0:0:0:ffff:')) return `::ffff:${bytes.slice(12).join('.')}`;
  return joined;
}
