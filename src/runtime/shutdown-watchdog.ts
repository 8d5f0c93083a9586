// The shutdown deadline, kept by a separate tiny process so that a blocked main thread cannot stop it.
// Why a process: a JavaScript timer never fires while the main thread is stuck (pino's synchronous writes to a
// pipe nobody reads retry EAGAIN in Atomics.wait forever, and so does its flush at exit), and a signal handler
// that never runs cannot arm anything. The watchdog is a POSIX `sh` loop in the bot's process group: a process
// manager that signals the group (systemd, `kill -TERM -PGID`, Ctrl-C) reaches it directly, and the bot arms it
// itself when only the bot was signalled or its shell input ended. Once armed it waits SHUTDOWN_TIMEOUT_MS plus
// a margin for the bot to exit by itself, then SIGKILLs it. It exits as soon as the bot is gone (polling every
// 0.2 s), so nothing is left behind. Costs about 1 MB; on platforms without /bin/sh it is skipped.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Ticks of 0.2 s: `sleep` with a fraction works in GNU coreutils, busybox and BSD/macOS. */
const WATCHDOG_SCRIPT = `
pid=$1; ticks=$2
armed() { trap '' TERM INT HUP; n=0; while [ "$n" -lt "$ticks" ] && kill -0 "$pid" 2>/dev/null; do sleep 0.2; n=$((n+1)); done; kill -KILL "$pid" 2>/dev/null; exit 0; }
trap armed TERM INT HUP
[ "$3" = armed ] && armed
while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
`;

export interface ShutdownWatchdog {
  /** Starts the countdown (idempotent). */
  arm(): void;
  /** Ends the watchdog without killing anything (clean exit). */
  dispose(): void;
}

/** Margin over the shutdown timeout, so the bot's own deadline (which logs what was in flight) normally wins. */
const MARGIN_MS = 2_000;

export function startShutdownWatchdog(timeoutMs: number, pid = process.pid): ShutdownWatchdog {
  if (!existsSync('/bin/sh')) return { arm() {}, dispose() {} };
  const ticks = Math.ceil((timeoutMs + MARGIN_MS) / 200);
  let child: ChildProcess | undefined;
  let disposed = false;
  /** Spawns the watchdog (once); `armed` starts it counting at once (a signal to a shell just forked could land
   * before its trap is set, and kill it). */
  const spawnWatchdog = (armed = false): ChildProcess | undefined => {
    if (child || disposed) return child;
    // child_process is loaded here, not imported: the shell's first reply should not wait for it (see below).
    const { spawn } = process.getBuiltinModule('node:child_process');
    child = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, 'rustvsgo-watchdog', String(pid), String(ticks), armed ? 'armed' : 'waiting'], { stdio: 'ignore' });
    // Never keeps the bot alive, and a failure to start it must not stop the bot.
    child.unref();
    child.on('error', () => {});
    return child;
  };
  // Spawned once start-up's own work is done (for piped input, after the first reply): loading child_process and
  // forking were a tenth of the time to answer `help`. A shutdown that begins before then spawns it on the spot.
  const pending = setImmediate(() => spawnWatchdog());
  let armed = false;
  const dispose = () => {
    disposed = true;
    clearImmediate(pending);
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', dispose);
  return {
    arm() {
      if (armed) return;
      armed = true;
      if (child) child.kill('SIGTERM');
      else spawnWatchdog(true);
    },
    dispose() {
      process.off('exit', dispose);
      dispose();
    },
  };
}
