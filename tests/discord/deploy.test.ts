// `npm run discord:deploy` sends exactly one bulk PUT of a valid definition, to the guild or global route.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REST } from 'discord.js';
import { validateCommandDefinition, type CommandDefinition } from '../../src/adapters/discord/command-definition.ts';
import { deployCommands, InvalidDefinitionError } from '../../src/adapters/discord/deploy-commands.ts';
import { commands } from '../../src/commands/index.ts';
import { defineCommand } from '../../src/core/command-spec.ts';
import { z } from 'zod';
import { APP_ID, GUILD_ID } from './support/discord-fixtures.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../support/fake-discord-api.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

let api: FakeDiscordApi;
beforeEach(async () => {
  api = await startFakeDiscordApi();
});
afterEach(async () => {
  await api.close();
});

describe('deployCommands', () => {
  it('PUTs the one definition to the guild route when a guild is given', async () => {
    const result = await deployCommands(commands, { token: 'bot-token', applicationId: APP_ID, guildId: GUILD_ID, apiUrl: api.url });
    expect(result.scope).toBe('guild');
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`]);
    expect(api.requests[0]!.headers.authorization).toBe('Bot bot-token');
    const body = api.requests[0]!.body as CommandDefinition[];
    // /rustvsgo and the "Ask rustvsgo" message context-menu command (type 3, no description or options).
    expect(body).toHaveLength(2);
    expect(body[0]!.name).toBe('rustvsgo');
    expect(validateCommandDefinition(body[0]!)).toEqual([]);
    expect(body[1]).toEqual({ name: 'Ask rustvsgo', type: 3 });
  });

  it('PUTs to the global route without a guild', async () => {
    await deployCommands(commands, { token: 'bot-token', applicationId: APP_ID, apiUrl: api.url });
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /api/v10/applications/${APP_ID}/commands`]);
  });

  it('rejects with Discord\'s error when Discord refuses (the script prints it and exits 1)', async () => {
    api.respondWith(() => ({ status: 401, body: { message: '401: Unauthorized', code: 0 } }));
    await expect(deployCommands(commands, { token: 'bot-token', applicationId: APP_ID, apiUrl: api.url })).rejects.toThrow(/Unauthorized/);
  });

  it('refuses to send a definition Discord would reject', async () => {
    const bad = defineCommand({ name: 'Bad Name', description: 'x', examples: [], access: 'everyone', args: z.object({}), handle: () => ({ title: 'x' }) });
    await expect(deployCommands([bad], { token: 't', applicationId: APP_ID, apiUrl: api.url }, new REST({ api: api.url }))).rejects.toBeInstanceOf(InvalidDefinitionError);
    expect(api.requests).toHaveLength(0);
  });
});

// Child processes start tsx: slow on a busy machine, hence the longer timeout.
describe('the npm script', { timeout: 90_000 }, () => {
  const script = join(root, 'src/cli/discord-deploy.ts');
  const tsx = join(root, 'node_modules/.bin/tsx');
  // A directory without a .env file, so only the variables given here count.
  const cwd = mkdtempSync(join(tmpdir(), 'rustvsgo-deploy-'));
  const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

  it('sends one bulk PUT with DISCORD_API_URL pointed at a local server', async () => {
    const env = { ...baseEnv, DISCORD_TOKEN: 'bot-token', DISCORD_APPLICATION_ID: APP_ID, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_URL: api.url };
    const { stdout } = await run(tsx, [script], { cwd, env });
    expect(stdout).toContain(`Deployed /rustvsgo with ${commands.map((c) => c.name).join(', ')} to guild ${GUILD_ID}`);
    expect(stdout).not.toContain('bot-token');
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`]);
  });

  it('exits 2 naming the missing variables, without calling Discord', async () => {
    const failure = await run(tsx, [script], { cwd, env: { ...baseEnv, DISCORD_API_URL: api.url } }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
    expect(api.requests).toHaveLength(0);
  });
});
