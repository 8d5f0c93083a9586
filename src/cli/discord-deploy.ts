// `npm run discord:deploy` (compiled to dist/, so it also runs from the container image): registers /rustvsgo
// with Discord (DISCORD_TOKEN, DISCORD_APPLICATION_ID; guild commands when DISCORD_GUILD_ID is set, global otherwise). Exit codes: 0 deployed, 2 configuration, 1 failure.
import { deployCommands, InvalidDefinitionError } from '../adapters/discord/deploy-commands.ts';
import { inviteUrl } from '../adapters/discord/invite-url.ts';
import { commands } from '../commands/index.ts';
import { ConfigError } from '../config/env.ts';
import { loadConfig } from '../config/load-config.ts';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`discord:deploy: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const missing = (['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'] as const).filter((name) => !config[name]);
  if (missing.length > 0) {
    process.stderr.write(`discord:deploy: set ${missing.join(' and ')} (see docs/discord.md)\n`);
    return 2;
  }
  try {
    const result = await deployCommands(commands, {
      token: config.DISCORD_TOKEN!,
      applicationId: config.DISCORD_APPLICATION_ID!,
      guildId: config.DISCORD_GUILD_ID,
      apiUrl: config.DISCORD_API_URL,
    });
    const subcommands = (result.definition.options ?? []).map((o) => o.name).join(', ');
    const where = result.scope === 'guild' ? `guild ${config.DISCORD_GUILD_ID} (guild commands update instantly)` : 'every guild the bot is in (global)';
    process.stdout.write(`Deployed /rustvsgo with ${subcommands} to ${where}.\n`);
    process.stdout.write(`Invite the bot (scopes bot + applications.commands, the permissions it needs): ${inviteUrl(config.DISCORD_APPLICATION_ID!)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof InvalidDefinitionError) {
      process.stderr.write(`discord:deploy: ${error.message}\n`);
      return 1;
    }
    // Never print the token: only the error's own message (discord.js keeps the token out of it).
    process.stderr.write(`discord:deploy: Discord refused the definition: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main();
