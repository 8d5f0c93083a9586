// The parts of a raw Discord interaction (HTTP endpoint body) the bot reads, as zod schemas, and the walk
// from nested subcommand options to a command path plus option values (shared with the gateway).
import { z } from 'zod';

export interface RawCommandOption {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  focused?: boolean | undefined;
  options?: RawCommandOption[] | undefined;
}

/**
 * Discord nests options at most three deep (subcommand group > subcommand > value), so the schema has exactly three
 * levels instead of recursing: a body nested 1,000 deep is a 400 for its shape, not a stack overflow (a 500).
 */
const optionFields = {
  name: z.string(),
  type: z.number().int(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  focused: z.boolean().optional(),
};
const valueOptionSchema = z.object({ ...optionFields, options: z.array(z.never()).optional() });
const subcommandOptionSchema = z.object({ ...optionFields, options: z.array(valueOptionSchema).max(25).optional() });
const rawCommandOptionSchema: z.ZodType<RawCommandOption> = z.object({
  ...optionFields,
  options: z.array(subcommandOptionSchema).max(25).optional(),
});

const userSchema = z.object({ id: z.string(), username: z.string().default(''), global_name: z.string().nullish() });

/** Embeds as Discord sends them back on a message; only the parts the bot reposts are kept. */
const rawEmbedSchema = z.object({
  title: z.string().optional(),
  description: z.string().optional(),
  url: z.string().optional(),
  color: z.number().optional(),
  fields: z.array(z.object({ name: z.string(), value: z.string(), inline: z.boolean().optional() })).optional(),
  footer: z.object({ text: z.string() }).optional(),
});
export type RawEmbed = z.infer<typeof rawEmbedSchema>;

export const interactionType = { ping: 1, applicationCommand: 2, messageComponent: 3, autocomplete: 4, modalSubmit: 5 } as const;

export const rawInteractionSchema = z.object({
  id: z.string(),
  application_id: z.string(),
  type: z.number().int(),
  token: z.string(),
  guild_id: z.string().optional(),
  channel_id: z.string().optional(),
  channel: z.object({ id: z.string(), type: z.number().int(), parent_id: z.string().nullish() }).optional(),
  member: z.object({ user: userSchema, permissions: z.string().optional() }).optional(),
  user: userSchema.optional(),
  app_permissions: z.string().optional(),
  locale: z.string().optional(),
  data: z
    .object({
      name: z.string().optional(),
      options: z.array(rawCommandOptionSchema).optional(),
      custom_id: z.string().optional(),
      component_type: z.number().int().optional(),
    })
    .optional(),
  // flags tell an ephemeral answer (1 << 6) from one posted for everyone: a follow-up keeps "Share" only on the former.
  message: z.object({ id: z.string(), embeds: z.array(rawEmbedSchema).default([]), flags: z.number().int().optional() }).optional(),
});
export type RawInteraction = z.infer<typeof rawInteractionSchema>;

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

export interface CommandCall {
  /** "ask", "team set". */
  path: string;
  options: Record<string, string | number | boolean>;
  /** The option being typed, for autocomplete. */
  focused?: { name: string; value: string };
}

/** Walks group > subcommand > options into a path and flat option values. */
export function readCommandCall(options: readonly RawCommandOption[] | undefined): CommandCall {
  const path: string[] = [];
  let level = options ?? [];
  for (;;) {
    const nested = level.find((o) => o.type === SUBCOMMAND || o.type === SUBCOMMAND_GROUP);
    if (!nested) break;
    path.push(nested.name);
    level = nested.options ?? [];
  }
  const call: CommandCall = { path: path.join(' '), options: {} };
  for (const option of level) {
    if (option.value === undefined) continue;
    call.options[option.name] = option.value;
    if (option.focused) call.focused = { name: option.name, value: String(option.value) };
  }
  return call;
}

/** The text form of a call, for logs and for re-running it ("ask Rust or Go for a CLI?"). */
export function callText(call: CommandCall): string {
  return [call.path, ...Object.values(call.options).map(String)].join(' ').trim();
}

/** Thread channel types (announcement, public, private thread). */
export function isThreadChannelType(type: number | undefined): boolean {
  return type === 10 || type === 11 || type === 12;
}
