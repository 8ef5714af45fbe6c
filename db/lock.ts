// One process owns a PGlite data directory: two processes on one directory lose committed rows
// without any error. The owner writes its pid into a lock file; others refuse with a plain message.
import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Vigie process (${holder.owner}, pid ${holder.pid}, since ${holder.since}). ` +
        `Stop that process first, or set DATABASE_URL to use a PostgreSQL server that many processes can share.`,
    );
    this.name = 'DataDirLockedError';
  }
}

type LockInfo = { pid: number; owner: string; since: string };

const held = new Map<string, number>(); // lock path -> reference count in this process

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

export function lockFileOf(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'vigie.lock');
}

/** Takes the data directory for this process, or throws DataDirLockedError. Re-entrant. */
export function acquireDataDirLock(dataDir: string, owner: string): () => void {
  const file = lockFileOf(dataDir);
  const count = held.get(file);
  if (count !== undefined) {
    held.set(file, count + 1);
    return () => releaseOnce(file);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const info: LockInfo = { pid: process.pid, owner, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
      held.set(file, 1);
      return () => releaseOnce(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(file);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new DataDirLockedError(path.resolve(dataDir), holder);
      }
      // The holder died without cleaning up (or the file is unreadable): the lock is stale.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${file}`);
}

function releaseOnce(file: string) {
  const count = held.get(file);
  if (count === undefined) return;
  if (count > 1) {
    held.set(file, count - 1);
    return;
  }
  held.delete(file);
  const holder = readLock(file);
  if (holder?.pid === process.pid) fs.rmSync(file, { force: true });
}

// A process that exits without closing the database still frees its locks.
process.once('exit', () => {
  for (const file of held.keys()) {
    const holder = readLock(file);
    if (holder?.pid === process.pid) fs.rmSync(file, { force: true });
  }
});
