// The shell stopping after its terminal session is gone (npm killed, the bot reparented: orphan-watch.ts): readline's
// close() restores the terminal mode with setRawMode(false), which fails with EIO then. Found at first contact in
// tmux: an "unhandled rejection ... setRawMode EIO" stack trace printed onto the person's shell prompt. A fake TTY
// whose setRawMode fails stands in for the lost terminal.
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createShellAdapter } from '../../src/adapters/shell/shell-adapter.ts';
import { commands } from '../../src/commands/index.ts';
import type { Services } from '../../src/core/services.ts';
import { createTestServices } from '../helpers/test-services.ts';

let services: Services;
beforeEach(async () => (services = await createTestServices()));
afterEach(async () => services.store.close());

function lostTerminal() {
  let gone = false;
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode(mode: boolean) {
      // As node:tty does: the failure is emitted on the stream, not thrown.
      if (gone && !mode) input.emit('error', Object.assign(new Error('setRawMode EIO'), { code: 'EIO' }));
      return input;
    },
  });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
  output.resume();
  return { input, output, loseIt: () => (gone = true) };
}

describe('the shell when its terminal is gone', () => {
  it('stops without an error and finishes (no unhandled rejection)', async () => {
    const { input, output, loseIt } = lostTerminal();
    const adapter = createShellAdapter({ input, output, services, commands });
    await adapter.start();
    loseIt();
    await expect(adapter.stop()).resolves.toBeUndefined();
    await expect(adapter.finished).resolves.toBeUndefined();
  });
});
