// A real discord.js Client for gateway adapter tests: logged in as the bot as far as REST goes (its base is a
// fake Discord API), never connected to a gateway, with the test guild in its cache. Interactions and messages
// are built from raw payloads with construct(), through the real client structures.
import { ClientUser, type Client } from 'discord.js';
import { createDiscordClient } from '../../../src/adapters/discord/gateway-adapter.ts';
import { BOT_ID, CHANNEL_ID, GUILD_ID } from './discord-fixtures.ts';

/** Interaction and message constructors are protected in the typings; tests build them from raw payloads. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const construct = <T>(Structure: unknown, client: Client, raw: unknown): T => new (Structure as any)(client, raw) as T;

/** The test guild: a text channel (CHANNEL_ID), a voice channel and a thread that already exists under CHANNEL_ID. */
function addTestGuild(client: Client): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (client.guilds as any)._add({
    id: GUILD_ID,
    name: 'Backend',
    owner_id: '1',
    unavailable: false,
    roles: [{ id: GUILD_ID, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false }],
    channels: [
      { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general', position: 0, permission_overwrites: [] },
      { id: '300000000000000002', type: 2, guild_id: GUILD_ID, name: 'voice', position: 1, permission_overwrites: [] },
      { id: '400000000000000009', type: 11, guild_id: GUILD_ID, parent_id: CHANNEL_ID, name: 'existing thread', thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false, archive_timestamp: '2026-11-27T10:00:00.000Z' } },
    ],
    members: [],
    threads: [],
    emojis: [],
    stickers: [],
    features: [],
  });
}

/** A client whose REST calls reach `apiUrl` with a bot token; `guild: true` also caches the test guild. */
export function testGatewayClient(apiUrl: string, { guild = false }: { guild?: boolean } = {}): Client {
  const client = createDiscordClient(apiUrl);
  client.token = 'test-token';
  client.rest.setToken('test-token');
  client.user = construct<ClientUser>(ClientUser, client, { id: BOT_ID, username: 'rustvsgo', discriminator: '0', avatar: null, bot: true });
  if (guild) addTestGuild(client);
  return client;
}
