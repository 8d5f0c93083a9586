// Stops the bot when the npm script that started it is gone without a word. SIGTERM and SIGINT sent to npm's pid
// reach the bot because the start script execs node (npm forwards them to its script's process); a SIGKILL to npm,
// or npm crashing, forwards nothing, and the bot - reparented to init, with a terminal still open on its stdin -
// kept running for good. The kernel tells us: our parent pid changes. The check applies only under an npm script
// (npm sets npm_lifecycle_event): a bot started directly (`node dist/main.js` under systemd, Docker or `nohup`)
// keeps running when whatever launched it goes away, as before.

/** How often the parent pid is read; one getppid() a second costs nothing. */
const CHECK_EVERY_MS = 1_000;

export interface OrphanWatchProcess {
  readonly ppid: number;
}

/** Calls onOrphaned once if this process is reparented; returns a function that ends the watch. */
export function watchForOrphaning(
  onOrphaned: () => void,
  env: NodeJS.ProcessEnv = process.env,
  proc: OrphanWatchProcess = process,
  everyMs = CHECK_EVERY_MS,
): () => void {
  if (!env.npm_lifecycle_event) return () => {};
  const parent = proc.ppid;
  const timer = setInterval(() => {
    if (proc.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, everyMs);
  // Never the reason the process stays up.
  timer.unref();
  return () => clearInterval(timer);
}
