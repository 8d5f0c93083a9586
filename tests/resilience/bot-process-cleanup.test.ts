// The helper that runs the bot for process-level tests (support/bot-process.ts) leaves nothing running: the child it
// holds is the bot itself (not a tsx wrapper whose kill orphaned the bot), and stop() empties its process group.
// Before, two bots per full suite stayed up after vitest exited, serving on their ports.
import { afterEach, describe, expect, it } from 'vitest';
import { groupAlive, startBotProcess, type BotProcess } from './support/bot-process.ts';

let bot: BotProcess | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('a bot started for a test', { timeout: 90_000 }, () => {
  it('is the process the test holds, and nothing of it outlives stop()', async () => {
    // Discord over HTTP: a server that runs until stopped, with no outside connection to make.
    bot = await startBotProcess({ DISCORD_PUBLIC_KEY: 'a'.repeat(64), DISCORD_APPLICATION_ID: '123456789012345678', DATABASE_URL: 'sqlite::memory:' });
    const started = bot.logs().split('\n').find((line) => line.includes('rustvsgo started'));
    expect(started, bot.logs()).toBeDefined();
    expect((JSON.parse(started!) as { pid: number }).pid).toBe(bot.child.pid);
    const group = bot.group;
    expect(groupAlive(group)).toBe(true);
    await bot.stop();
    bot = undefined;
    expect(groupAlive(group)).toBe(false);
  });
});
