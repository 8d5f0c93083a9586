// The real Slack adapter on the shared HTTP server (127.0.0.1, ephemeral port), talking to a fake Slack.
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/slack-adapter.ts';
import { commands as realCommands } from '../../../src/commands/index.ts';
import type { CommandSpec } from '../../../src/core/command-spec.ts';
import type { Services } from '../../../src/core/services.ts';
import { createHttpServer, type HttpServer } from '../../../src/http/server.ts';
import { createTestServices } from '../../helpers/test-services.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.ts';
import { SIGNING_SECRET } from '../../support/slack-signed-request.ts';

export interface SlackHarness {
  slack: FakeSlackApi;
  services: Services;
  http: HttpServer;
  adapter: SlackAdapter;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  eventsUrl: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Call adapter.start() (Socket Mode tests skip it: it would connect to Slack). */
  start?: boolean;
  /** The command registry (defaults to the real one). */
  commands?: readonly CommandSpec[];
}

export async function startSlackHarness(env: Record<string, string> = {}, { start = true, commands = realCommands }: HarnessOptions = {}): Promise<SlackHarness> {
  const slack = await startFakeSlackApi();
  const services = await createTestServices({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    ...env,
  });
  const http = createHttpServer(services.logger);
  const adapter = createSlackAdapter({ config: services.config, services, http, commands, clientOptions: { retryConfig: { retries: 0 } } });
  const port = await http.listen(0, '127.0.0.1');
  if (start) await adapter.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    slack,
    services,
    http,
    adapter,
    baseUrl,
    eventsUrl: `${baseUrl}/slack/events`,
    async close() {
      await adapter.stop();
      await http.close();
      await services.store.close();
      await slack.close();
    },
  };
}
