// Registers the /rustvsgo definition (and the "Ask rustvsgo" message command) with Discord in one bulk overwrite (PUT): guild commands when a guild id
// is given (they update instantly), global commands otherwise. Run by `npm run discord:deploy`, never at start-up.
import { REST, Routes } from 'discord.js';
import type { CommandSpec } from '../../core/command-spec.ts';
import { buildCommandDefinition, validateCommandDefinition, type CommandDefinition } from './command-definition.ts';
import { askMessageCommandDefinition } from './context-menu.ts';
import { discordRestOptions } from './rest-options.ts';

export interface DeployTarget {
  token: string;
  applicationId: string;
  /** Unset: global commands (all guilds, may take a while to show); set: this guild only, instantly. */
  guildId?: string | undefined;
  apiUrl: string;
}

export interface DeployResult {
  scope: 'guild' | 'global';
  route: string;
  definition: CommandDefinition;
}

export class InvalidDefinitionError extends Error {
  constructor(readonly problems: string[]) {
    super(`The /rustvsgo definition breaks Discord's rules:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidDefinitionError';
  }
}

export async function deployCommands(specs: readonly CommandSpec[], target: DeployTarget, rest?: REST): Promise<DeployResult> {
  const definition = buildCommandDefinition(specs);
  const problems = validateCommandDefinition(definition);
  if (problems.length > 0) throw new InvalidDefinitionError(problems);
  const client = rest ?? new REST(discordRestOptions(target.apiUrl)).setToken(target.token);
  const route = target.guildId ? Routes.applicationGuildCommands(target.applicationId, target.guildId) : Routes.applicationCommands(target.applicationId);
  // A bulk overwrite replaces every command of the application in that scope: /rustvsgo and the "Ask rustvsgo"
  // message command (context-menu.ts).
  await client.put(route, { body: [definition, askMessageCommandDefinition] });
  return { scope: target.guildId ? 'guild' : 'global', route, definition };
}
