// Button custom_ids (at most 100 characters). "Share" needs nothing: it reposts the embeds of the message the
// button sits on. "Show full answer" needs the command to re-run: inline when it fits, else a stored id.
import { z } from 'zod';

export const CUSTOM_ID_MAX = 100;
const PREFIX = 'rvg';

export const buttonActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('share') }),
  z.object({ kind: z.literal('show_full'), command: z.string() }),
  z.object({ kind: z.literal('show_full_stored'), id: z.string().regex(/^[\w-]{1,64}$/) }),
]);
export type ButtonAction = z.infer<typeof buttonActionSchema>;

export const shareButtonId = `${PREFIX}:share`;

/** The inline custom_id for a show-full command, or undefined when the command is too long to carry. */
export function inlineShowFullId(command: string): string | undefined {
  const id = `${PREFIX}:full:${command}`;
  return id.length <= CUSTOM_ID_MAX ? id : undefined;
}

export function storedShowFullId(id: string): string {
  return `${PREFIX}:fullref:${id}`;
}

/** Reads a custom_id this bot made; anything else (old or foreign buttons) is undefined. */
export function parseButtonId(customId: string): ButtonAction | undefined {
  if (customId === shareButtonId) return { kind: 'share' };
  if (customId.startsWith(`${PREFIX}:full:`)) return { kind: 'show_full', command: customId.slice(`${PREFIX}:full:`.length) };
  if (customId.startsWith(`${PREFIX}:fullref:`)) {
    const parsed = buttonActionSchema.safeParse({ kind: 'show_full_stored', id: customId.slice(`${PREFIX}:fullref:`.length) });
    return parsed.success ? parsed.data : undefined;
  }
  return undefined;
}
