// The command registry: every command the bot knows, in the order help lists them.
import type { CommandSpec } from '../core/command-spec.ts';
import { help } from './help.ts';
import { askCommand } from './ask.ts';
import { compareCommand } from './compare.ts';
import { teamCommand } from './team.ts';
import { sourcesCommand } from './sources.ts';
import { lookupCommand } from './lookup.ts';
import { digestCommand } from './digest.ts';

export const commands: readonly CommandSpec[] = [
  help,
  askCommand,
  compareCommand,
  teamCommand,
  sourcesCommand,
  lookupCommand,
  digestCommand,
];
