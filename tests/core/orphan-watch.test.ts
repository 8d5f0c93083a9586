// A SIGKILL to `npm start` (or npm crashing) forwards nothing to the bot; with a terminal still open on its stdin it
// kept running under init. It now stops when reparented, but only under an npm script (orphan-watch.ts). Checked
// by hand in tmux: `npm start`, `kill -KILL <npm pid>`, the bot is gone within a second. Here with a fake process,
// because a piped stdin closes with npm and would stop the bot anyway.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { watchForOrphaning } from '../../src/runtime/orphan-watch.ts';

describe('watchForOrphaning', () => {
  it('calls back once when the parent pid changes under an npm script', async () => {
    const proc = { ppid: 4242 };
    let calls = 0;
    const end = watchForOrphaning(() => calls++, { npm_lifecycle_event: 'start' }, proc, 5);
    await sleep(30);
    expect(calls).toBe(0);
    proc.ppid = 1;
    for (let i = 0; i < 100 && calls === 0; i++) await sleep(5);
    await sleep(30);
    expect(calls).toBe(1);
    end();
  });

  it('does nothing for a bot started directly (systemd, Docker, nohup)', async () => {
    const proc = { ppid: 4242 };
    let calls = 0;
    const end = watchForOrphaning(() => calls++, {}, proc, 5);
    proc.ppid = 1;
    await sleep(50);
    expect(calls).toBe(0);
    end();
  });
});
