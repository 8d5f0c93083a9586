// Button custom_ids (at most 100 characters). "Share" needs nothing: it reposts the embeds of the message the
// button sits on. "Show full answer" and a follow-up option need the command to re-run: inline when it fits, else
// a stored id (store.discordActions), since a follow-up re-asks the whole question and is usually too long.
import { z } from 'zod';

export const CUSTOM_ID_MAX = 100;
const PREFIX = 'rvg';

const buttonActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('share') }),
  z.object({ kind: z.literal('show_full'), command: z.string() }),
  z.object({ kind: z.literal('show_full_stored'), id: z.string().regex(/^[\w-]{1,64}$/) }),
  z.object({ kind: z.literal('follow_up'), command: z.string() }),
  z.object({ kind: z.literal('follow_up_stored'), id: z.string().regex(/^[\w-]{1,64}$/) }),
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

/** The inline custom_id for a follow-up option's command, or undefined when it is too long to carry. */
export function inlineFollowUpId(command: string): string | undefined {
  const id = `${PREFIX}:fu:${command}`;
  return id.length <= CUSTOM_ID_MAX ? id : undefined;
}

export function storedFollowUpId(id: string): string {
  return `${PREFIX}:furef:${id}`;
}

/** Reads a custom_id this bot made; anything else (old or foreign buttons) is undefined. */
export function parseButtonId(customId: string): ButtonAction | undefined {
  if (customId === shareButtonId) return { kind: 'share' };
  if (customId.startsWith(`${PREFIX}:fu:`)) return { kind: 'follow_up', command: customId.slice(`${PREFIX}:fu:`.length) };
  if (customId.startsWith(`${PREFIX}:furef:`)) {
    const parsed = buttonActionSchema.safeParse({ kind: 'follow_up_stored', id: customId.slice(`${PREFIX}:furef:`.length) });
    return parsed.success ? parsed.data : undefined;
  }
  if (customId.startsWith(`${PREFIX}:full:`)) return { kind: 'show_full', command: customId.slice(`${PREFIX}:full:`.length) };
  if (customId.startsWith(`${PREFIX}:fullref:`)) {
    const parsed = buttonActionSchema.safeParse({ kind: 'show_full_stored', id: customId.slice(`${PREFIX}:fullref:`.length) });
    return parsed.success ? parsed.data : undefined;
  }
  return undefined;
}
