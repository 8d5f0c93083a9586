// The process under measurement for bench/slack-ack.ts: either the full Slack adapter ("subject") or a minimal
// Bolt app that only acknowledges ("baseline"), on 127.0.0.1 at an ephemeral port. It runs apart from the load
// generator so each side has its own event loop, as with real Slack. Reports its URL over IPC; stops on "stop".
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import pino from 'pino';
import { boltLogger } from '../src/adapters/slack/bolt-logger.ts';
import { createSlackAdapter } from '../src/adapters/slack/slack-adapter.ts';
import { commands } from '../src/commands/index.ts';
import { parseConfig } from '../src/config/env.ts';
import { createHttpServer } from '../src/http/server.ts';
import { createServices } from '../src/runtime/create-services.ts';

interface Running {
  url: string;
  close(): Promise<void>;
}

async function startBaseline(signingSecret: string): Promise<Running> {
  const logger = boltLogger(pino({ level: 'silent' }));
  const receiver = new HTTPReceiver({ signingSecret, logger });
  const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-bench', botId: 'B1', botUserId: 'U_BOT' }), logger, convoStore: false });
  app.command('/rustvsgo', async ({ ack }) => {
    await ack();
  });
  const server = createServer(receiver.requestListener);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function startSubject(apiUrl: string, signingSecret: string): Promise<Running> {
  const config = parseConfig({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: apiUrl });
  const services = await createServices(config, pino({ level: 'silent' }));
  const http = createHttpServer(services.logger);
  const adapter = createSlackAdapter({ config, services, http, commands, clientOptions: { retryConfig: { retries: 0 } } });
  const port = await http.listen(0, '127.0.0.1');
  await adapter.start();
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    async close() {
      // Waits for every acknowledged command to be answered.
      await adapter.stop();
      await http.close();
      await services.store.close();
    },
  };
}

// Only when started by bench/slack-ack.ts (which sets this), never on import.
if (process.send && process.env.RUSTVSGO_BENCH_TARGET === '1') {
  const [kind, apiUrl, signingSecret] = process.argv.slice(2) as [string, string, string];
  const running = kind === 'subject' ? await startSubject(apiUrl, signingSecret) : await startBaseline(signingSecret);
  const cpuAtStart = process.cpuUsage();
  process.on('message', (message) => {
    if (message !== 'stop') return;
    void running.close().then(() => {
      // CPU this process used from ready to stopped (acks, plus the answers for the subject), in ms.
      const cpu = process.cpuUsage(cpuAtStart);
      process.send!({ stopped: true, cpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
    });
  });
  process.send({ url: running.url });
}
