// The `/rustvsgo` application command, derived from the core command specs (never written by hand), and a
// checker for Discord's structural rules so a bad spec fails in tests and in the deploy script, not at Discord.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { describeOptions, type CommandSpec, type LeafCommand, type OptionDescriptor } from '../../core/command-spec.ts';
import { truncate } from '../../core/safe-text.ts';

export const COMMAND_NAME = 'rustvsgo';
const COMMAND_DESCRIPTION = 'Rust or Go for your backend component? Sourced answers, lookups and digests';

/** Discord's limits for application commands (application-commands.mdx). */
const commandLimits = {
  name: /^[-_\p{L}\p{N}]{1,32}$/u,
  description: 100,
  options: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  totalCharacters: 8000,
  stringLength: 6000,
} as const;

export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * One top-level command with every spec as a subcommand (groups become SUB_COMMAND_GROUPs).
 * `default_member_permissions` stays unset: Discord sets permissions per top-level command only, so the
 * "manage" subcommands are checked by the adapter (see settings-access.ts and docs/discord.md).
 */
export function buildCommandDefinition(specs: readonly CommandSpec[]): CommandDefinition {
  return {
    type: ApplicationCommandType.ChatInput,
    name: COMMAND_NAME,
    description: COMMAND_DESCRIPTION,
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: specs.map((spec): APIApplicationCommandOption =>
      spec.kind === 'command'
        ? subcommand(spec)
        : {
            type: ApplicationCommandOptionType.SubcommandGroup,
            name: spec.name,
            description: describe(spec.description),
            options: spec.subcommands.map(subcommand),
          },
    ),
  };
}

function subcommand(spec: LeafCommand): APIApplicationCommandSubcommandOption {
  // Discord requires required options before optional ones; the text form's order is kept otherwise.
  const options = describeOptions(spec.args).sort((a, b) => Number(b.required) - Number(a.required));
  const subcommand: APIApplicationCommandSubcommandOption = {
    type: ApplicationCommandOptionType.Subcommand,
    name: spec.name,
    description: describe(spec.description),
  };
  if (options.length > 0) subcommand.options = options.map(basicOption);
  return subcommand;
}

/** Whether an option's suggestions come from autocomplete: asked for, or static choices that exceed 25 or a list. */
export function usesAutocomplete(d: OptionDescriptor): boolean {
  return d.autocomplete || (d.choices !== undefined && (d.list || d.choices.length > commandLimits.choices));
}

function basicOption(d: OptionDescriptor): APIApplicationCommandBasicOption {
  // A description that already says how to separate items (team set priorities) is not told twice.
  const description = describe(d.list && !/comma-separated/i.test(d.description) ? `${d.description} (comma-separated)` : d.description);
  const base = { name: d.name, description, required: d.required };
  if (d.type === 'boolean') return { ...base, type: ApplicationCommandOptionType.Boolean };
  if (d.type === 'integer') return { ...base, type: ApplicationCommandOptionType.Integer };
  if (d.type === 'number') return { ...base, type: ApplicationCommandOptionType.Number };
  const lengths: { min_length?: number; max_length?: number } = {};
  // A list is sent as one comma-separated string, so per-item lengths do not apply to it.
  if (!d.list && d.minLength !== undefined && d.minLength >= 0) lengths.min_length = Math.min(d.minLength, commandLimits.stringLength);
  if (!d.list && d.maxLength !== undefined && d.maxLength >= 1) lengths.max_length = Math.min(d.maxLength, commandLimits.stringLength);
  if (usesAutocomplete(d)) return { ...base, ...lengths, type: ApplicationCommandOptionType.String, autocomplete: true };
  if (d.choices) {
    return {
      ...base,
      type: ApplicationCommandOptionType.String,
      choices: d.choices.map((c) => ({ name: truncate(c, commandLimits.choiceName), value: c })),
    };
  }
  return { ...base, ...lengths, type: ApplicationCommandOptionType.String };
}

function describe(text: string): string {
  const clean = text.trim() || 'No description';
  return truncate(clean, commandLimits.description);
}

interface OptionLike {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string | number }[];
  options?: OptionLike[];
}

/** Every way the definition breaks Discord's rules, as readable problems; empty when it is valid. */
export function validateCommandDefinition(definition: CommandDefinition): string[] {
  const problems: string[] = [];
  let characters = 0;
  const checkNamed = (where: string, name: string, description: string) => {
    if (!commandLimits.name.test(name) || name !== name.toLowerCase()) problems.push(`${where}: name "${name}" must be 1-32 lowercase letters, digits, - or _`);
    if (description.length < 1 || description.length > commandLimits.description) problems.push(`${where}: description must be 1-100 characters`);
    characters += name.length + description.length;
  };
  const checkOptions = (where: string, options: OptionLike[] | undefined, depth: number) => {
    const list = options ?? [];
    if (list.length > commandLimits.options) problems.push(`${where}: ${list.length} options (at most 25)`);
    const names = new Set<string>();
    let seenOptional = false;
    for (const option of list) {
      const here = `${where} ${option.name}`;
      checkNamed(here, option.name, option.description);
      if (names.has(option.name)) problems.push(`${here}: duplicate option name`);
      names.add(option.name);
      const nested = option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup;
      if (nested) {
        if (option.type === ApplicationCommandOptionType.SubcommandGroup && depth > 0) problems.push(`${here}: groups may only sit at the top level`);
        if (option.type === ApplicationCommandOptionType.Subcommand && depth > 1) problems.push(`${here}: subcommands nest at most command > group > subcommand`);
        const children = option.options ?? [];
        if (option.type === ApplicationCommandOptionType.SubcommandGroup && children.some((c) => c.type !== ApplicationCommandOptionType.Subcommand)) {
          problems.push(`${here}: a group may only contain subcommands`);
        }
        checkOptions(here, children, depth + 1);
        continue;
      }
      if (option.required) {
        if (seenOptional) problems.push(`${here}: required options must come before optional ones`);
      } else seenOptional = true;
      const choices = option.choices ?? [];
      if (choices.length > commandLimits.choices) problems.push(`${here}: ${choices.length} choices (at most 25)`);
      if (choices.length > 0 && option.autocomplete) problems.push(`${here}: autocomplete cannot be combined with choices`);
      for (const choice of choices) {
        if (choice.name.length < 1 || choice.name.length > commandLimits.choiceName) problems.push(`${here}: choice name "${choice.name}" must be 1-100 characters`);
        if (String(choice.value).length > commandLimits.choiceValue) problems.push(`${here}: choice value longer than 100 characters`);
        characters += choice.name.length + String(choice.value).length;
      }
    }
    // Mixing subcommands with plain options on one level is not allowed.
    const kinds = new Set(list.map((o) => o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup));
    if (kinds.size > 1) problems.push(`${where}: subcommands cannot be mixed with plain options`);
  };
  checkNamed(definition.name, definition.name, definition.description ?? '');
  checkOptions(definition.name, definition.options as OptionLike[] | undefined, 0);
  if (characters > commandLimits.totalCharacters) problems.push(`${definition.name}: ${characters} characters in names, descriptions and choices (at most 8000)`);
  return problems;
}
