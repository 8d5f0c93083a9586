// The running bot serves /healthz, /readyz and /metrics, and the counters move as commands are answered.
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/env.ts';
import { startBot, type RunningBot } from '../../src/runtime/start.ts';

let bot: RunningBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

function shellStreams() {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString()));
  return {
    input,
    output,
    /** Resolves once the output contains `text` (the shell answers lines in order). */
    printed: (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => (written.includes(text) ? resolve() : output.once('data', () => setImmediate(check)));
        check();
      }),
  };
}

describe('operations endpoints on the running bot', () => {
  it('given the shell with HTTP_SERVER=always, then health, readiness and moving metrics are served', async () => {
    const config = parseConfig({ DATABASE_URL: 'sqlite::memory:', PORT: '0', HOST: '127.0.0.1', HTTP_SERVER: 'always', LOG_LEVEL: 'silent' });
    const streams = shellStreams();
    bot = await startBot(config, pino({ level: 'silent' }), { input: streams.input, output: streams.output });
    expect(bot.port).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${bot.port}`;

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', adapters: { states: { shell: true } }, database: { ok: true } });

    const series = 'rustvsgo_commands_total{command="help",platform="shell",outcome="ok"}';
    expect(await (await fetch(`${base}/metrics`)).text()).not.toContain(series);
    streams.input.write('/rustvsgo help\n/rustvsgo help\n/rustvsgo frobnicate\n');
    await streams.printed('Unknown command "frobnicate"');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(`${series} 2`);
    expect(metrics).toContain('rustvsgo_commands_total{command="unknown",platform="shell",outcome="user_error"} 1');
    expect(metrics).toContain('rustvsgo_answer_duration_seconds_count{command="help",platform="shell"} 2');
  });

  it('given the shell with the default HTTP_SERVER=auto, then no port is opened', async () => {
    const config = parseConfig({ DATABASE_URL: 'sqlite::memory:', PORT: '0', LOG_LEVEL: 'silent' });
    const streams = shellStreams();
    bot = await startBot(config, pino({ level: 'silent' }), { input: streams.input, output: streams.output });
    expect(bot.port).toBeUndefined();
    expect(bot.http).toBeUndefined();
  });
});
