// A process that must not outlive the one that started it. `npm start` runs `next start` in a
// session of its own (so that a Ctrl-C of the terminal reaches the launcher, which stops the
// server's whole process group cleanly); a launcher that dies without doing so (SIGKILL, a
// crash) leaves its child behind, reparented. A SIGKILL cannot be caught, so the child notices by
// itself: its parent pid changes. Polling getppid() is one system call per period.

export const LAUNCHER_PID_ENV = 'VIGIE_LAUNCHER_PID';

export type WatchOptions = {
  /** The parent this process expects; by default its parent at the time of the call. */
  parentPid?: number;
  intervalMs?: number;
  /** For tests: where the current parent pid is read from. */
  currentParent?: () => number;
};

/**
 * Calls `onGone` once, within `intervalMs`, when this process's parent is no longer `parentPid`
 * (immediately, on the next tick, if it is not now). Returns a function that stops watching.
 * The timer does not keep the process alive.
 */
export function watchParent(onGone: () => void, opts: WatchOptions = {}): () => void {
  const currentParent = opts.currentParent ?? (() => process.ppid);
  const expected = opts.parentPid ?? currentParent();
  let done = false;
  const check = () => {
    if (done || currentParent() === expected) return;
    done = true;
    clearInterval(timer);
    onGone();
  };
  const timer = setInterval(check, opts.intervalMs ?? 500);
  timer.unref();
  setImmediate(check);
  return () => {
    done = true;
    clearInterval(timer);
  };
}

/**
 * In the server started by scripts/start.ts (which names itself in VIGIE_LAUNCHER_PID): stop when
 * the launcher is gone, as a SIGTERM would (Next.js closes the server and exits), and for certain
 * after `graceMs`. Does nothing in a process started otherwise (`next start` by hand, `next dev`).
 */
export function exitWithLauncher(env: Record<string, string | undefined> = process.env, graceMs = 5_000): boolean {
  const launcher = Number(env[LAUNCHER_PID_ENV]);
  if (!Number.isInteger(launcher) || launcher <= 1) return false;
  watchParent(
    () => {
      console.error(`[vigie] the launcher (pid ${launcher}) is gone: stopping the server`);
      setTimeout(() => process.exit(1), graceMs).unref();
      process.kill(process.pid, 'SIGTERM');
    },
    { parentPid: launcher },
  );
  return true;
}
