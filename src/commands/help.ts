// `/rustvsgo help [command]`: generated from the command specs.
import { z } from 'zod';
import { defineCommand } from '../core/command-spec.ts';
import { commandHelpReply, helpReply } from '../core/usage.ts';
import { UserError } from '../core/user-error.ts';
import { closest } from '../core/parse-text.ts';

export const help = defineCommand({
  name: 'help',
  description: 'Show every command, or the details of one',
  examples: ['help', 'help team'],
  access: 'everyone',
  args: z.object({
    command: z.string().max(64).optional().describe('Command to explain'),
  }),
  async handle(args) {
    // Imported here, not at the top, because the registry itself imports this command.
    const { commands } = await import('./index.ts');
    if (!args.command) return helpReply(commands);
    const detail = commandHelpReply(commands, args.command);
    if (detail) return detail;
    const suggestion = closest(args.command, commands.map((c) => c.name));
    throw new UserError(
      `There is no command "${args.command.slice(0, 40)}"`,
      suggestion ? `Did you mean \`/rustvsgo help ${suggestion}\`?` : 'See `/rustvsgo help` for every command.',
    );
  },
});
