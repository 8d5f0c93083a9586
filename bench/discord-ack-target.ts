// The process under measurement for bench/discord-ack.ts: the real Discord HTTP interactions endpoint with the real
// commands, on 127.0.0.1 at an ephemeral port, its follow-ups going to the load generator's sink. Runs apart from
// the load generator so each side has its own event loop. Reports its URL over IPC; stops on "stop".
import pino from 'pino';
import { createDiscordHttpEndpoint, INTERACTIONS_PATH } from '../src/adapters/discord/http-interactions.ts';
import { commands } from '../src/commands/index.ts';
import { parseConfig } from '../src/config/env.ts';
import { createHttpServer } from '../src/http/server.ts';
import { createServices } from '../src/runtime/create-services.ts';

const [apiUrl, publicKey, applicationId] = process.argv.slice(2) as [string, string, string];
const config = parseConfig({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', DISCORD_API_URL: apiUrl, DISCORD_PUBLIC_KEY: publicKey, DISCORD_APPLICATION_ID: applicationId });
const services = await createServices(config, pino({ level: 'silent' }));
const http = createHttpServer(services.logger);
const endpoint = createDiscordHttpEndpoint({ services, commands, http, publicKey, applicationId });
const port = await http.listen(0, '127.0.0.1');
process.send?.({ url: `http://127.0.0.1:${port}${INTERACTIONS_PATH}` });
process.on('message', async (message) => {
  if (message !== 'stop') return;
  await endpoint.stop();
  await http.close();
  await services.store.close();
  process.exit(0);
});
