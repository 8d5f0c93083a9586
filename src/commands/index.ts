// The command registry: every command the bot knows, in the order help lists them.
import type { CommandSpec } from '../core/command-spec.ts';
import { help } from './help.ts';
import { lookupCommand } from './lookup.ts';
import { digestCommand } from './digest.ts';

export const commands: readonly CommandSpec[] = [
  help,
  lookupCommand,
  digestCommand,
];
