// One spec per command (one file each in src/commands). Routing, text parsing, validation, help and the
// Discord application-command definition are all derived from these specs, never written twice.
import { z } from 'zod';
import type { Invocation } from './invocation.ts';
import type { ReplyInput } from './reply.ts';
import type { Services } from './services.ts';

export interface CommandContext {
  invocation: Invocation;
  services: Services;
}

interface SpecBase {
  /** Lowercase, 1-32 characters of [a-z0-9-] (Discord's rule, so the same name works everywhere). */
  name: string;
  /** One line, at most 100 characters (Discord's limit). */
  description: string;
  /** Full text forms after `/rustvsgo`, e.g. "compare tail-latency". */
  examples: string[];
}

/**
 * A command with a handler.
 *
 * `args` is a zod object: key order is the positional order in the text form; `.describe()` gives each option's
 * description; `z.enum` gives Discord choices; `.meta({ rest: true })` marks the option that takes the rest of
 * the text (e.g. a question); `.meta({ autocomplete: true })` asks Discord for autocomplete.
 *
 * @example
 * defineCommand({
 *   name: 'compare', description: 'Rust and Go side by side on one criterion', examples: ['compare safety'],
 *   access: 'everyone', args: z.object({ criterion: criterionIdSchema.describe('Criterion to compare') }),
 *   handle: (args, ctx) => ({ title: `Rust vs Go: ${args.criterion}` }),
 * })
 */
export interface LeafCommand<Args extends z.ZodObject = z.ZodObject> extends SpecBase {
  kind: 'command';
  args: Args;
  /** "manage" commands change channel settings; adapters decide who may (Slack setting, Discord permission). */
  access: 'everyone' | 'manage';
  handle(args: z.infer<Args>, ctx: CommandContext): Promise<ReplyInput> | ReplyInput;
  /** Suggestions for a partially typed option value (Discord autocomplete); at most 25 are used. */
  autocomplete?(option: string, partial: string, ctx: CommandContext): Promise<string[]> | string[];
}

/** Subcommands under one name, e.g. `team view` / `team set`. */
export interface CommandGroup extends SpecBase {
  kind: 'group';
  subcommands: LeafCommand[];
  /** Run when the group is named alone (`/rustvsgo team` shows the profile). */
  defaultSubcommand?: string;
}

export type CommandSpec = LeafCommand | CommandGroup;

export function defineCommand<Args extends z.ZodObject>(spec: Omit<LeafCommand<Args>, 'kind'>): LeafCommand {
  return { kind: 'command', ...spec } as unknown as LeafCommand;
}

export function defineGroup(spec: Omit<CommandGroup, 'kind'>): CommandGroup {
  return { kind: 'group', ...spec };
}

type OptionType = 'string' | 'integer' | 'number' | 'boolean';

/** An argument as every consumer (text parser, help, Discord definition) sees it. */
export interface OptionDescriptor {
  name: string;
  description: string;
  type: OptionType;
  required: boolean;
  choices?: string[];
  /** Takes the rest of the text form. */
  rest: boolean;
  autocomplete: boolean;
  minLength?: number;
  maxLength?: number;
  /** A comma-separated list in the text form (z.array of strings or enums). */
  list: boolean;
}

interface ZodInternals {
  _zod: { def: { type: string; innerType?: unknown; element?: unknown; in?: unknown; out?: unknown } };
  description?: string;
  meta?: () => Record<string, unknown> | undefined;
  format?: string | null;
  minLength?: number | null;
  maxLength?: number | null;
  options?: readonly unknown[];
}

function internals(schema: unknown): ZodInternals {
  return schema as ZodInternals;
}

/** Reads a command's options from its zod schema (see LeafCommand for the conventions). */
export function describeOptions(args: z.ZodObject): OptionDescriptor[] {
  return Object.entries(args.shape).map(([name, schema]) => {
    let node = internals(schema);
    let required = true;
    let description = node.description;
    let meta: Record<string, unknown> = { ...(node.meta?.() ?? {}) };
    // Unwrap optional/default/pipe wrappers, collecting description and metadata from every layer.
    for (;;) {
      const def = node._zod.def;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault' || def.type === 'nullable') {
        if (def.type !== 'nullable') required = false;
        node = internals(def.innerType);
      } else if (def.type === 'pipe') {
        // z.preprocess(fn, schema) is a pipe from a transform: the option's type and choices are the schema's.
        node = internals(internals(def.in)._zod.def.type === 'transform' ? def.out : def.in);
      } else break;
      description ??= node.description;
      meta = { ...(node.meta?.() ?? {}), ...meta };
    }
    let list = false;
    if (node._zod.def.type === 'array') {
      list = true;
      node = internals(node._zod.def.element);
    }
    const kind = node._zod.def.type;
    const type: OptionType =
      kind === 'boolean' ? 'boolean' : kind === 'number' ? (node.format?.includes('int') ? 'integer' : 'number') : 'string';
    const choices = kind === 'enum' ? (node.options ?? []).map(String) : undefined;
    const descriptor: OptionDescriptor = {
      name,
      description: description ?? name,
      type,
      required,
      rest: meta.rest === true,
      autocomplete: meta.autocomplete === true,
      list,
    };
    if (choices) descriptor.choices = choices;
    if (typeof node.minLength === 'number') descriptor.minLength = node.minLength;
    if (typeof node.maxLength === 'number') descriptor.maxLength = node.maxLength;
    return descriptor;
  });
}

/** Finds a leaf command by path ("ask", "team set"); a group name alone resolves to its default subcommand. */
export function findCommand(specs: readonly CommandSpec[], path: string): LeafCommand | undefined {
  const [head, sub] = path.trim().toLowerCase().split(/\s+/);
  const spec = specs.find((s) => s.name === head);
  if (!spec) return undefined;
  if (spec.kind === 'command') return sub === undefined ? spec : undefined;
  const name = sub ?? spec.defaultSubcommand;
  return spec.subcommands.find((s) => s.name === name);
}

/** Every leaf with its full path, in registry order. */
export function leafCommands(specs: readonly CommandSpec[]): { path: string; spec: LeafCommand }[] {
  return specs.flatMap((s) =>
    s.kind === 'command' ? [{ path: s.name, spec: s }] : s.subcommands.map((c) => ({ path: `${s.name} ${c.name}`, spec: c })),
  );
}
