// The shutdown watchdog (src/runtime/shutdown-watchdog.ts) is spawned after start-up's own work, so a shutdown can
// begin before it exists: arming it then must still end a process that does not exit by itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startShutdownWatchdog, type ShutdownWatchdog } from '../../src/runtime/shutdown-watchdog.ts';

let stubborn: ChildProcess | undefined;
let watchdog: ShutdownWatchdog | undefined;
afterEach(() => {
  watchdog?.dispose();
  if (stubborn && stubborn.exitCode === null && stubborn.signalCode === null) stubborn.kill('SIGKILL');
  stubborn = watchdog = undefined;
});

/** A process that ignores SIGTERM, standing in for a bot whose main thread is stuck. */
function startStubborn(): ChildProcess {
  return spawn('/bin/sh', ['-c', "trap '' TERM; while :; do sleep 0.2; done"], { stdio: 'ignore' });
}

const killedBy = (child: ChildProcess) => new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));

describe('the shutdown watchdog', { timeout: 30_000 }, () => {
  it('armed before its deferred spawn, it still SIGKILLs the process after the timeout', async () => {
    stubborn = startStubborn();
    const exit = killedBy(stubborn);
    watchdog = startShutdownWatchdog(200, stubborn.pid);
    watchdog.arm();
    expect(await exit).toBe('SIGKILL');
  });

  it('armed after it started, it SIGKILLs the process after the timeout', async () => {
    stubborn = startStubborn();
    const exit = killedBy(stubborn);
    watchdog = startShutdownWatchdog(200, stubborn.pid);
    await new Promise((resolve) => setTimeout(resolve, 300));
    watchdog.arm();
    expect(await exit).toBe('SIGKILL');
  });
});
