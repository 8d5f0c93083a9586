// A message as the bot sends it to Discord (raw API JSON, the same for the gateway and the HTTP endpoint):
// rendered embeds, buttons, and allowed_mentions that suppress every ping.
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed, APIComponentInMessageActionRow } from 'discord.js';
import { truncate } from '../../core/safe-text.ts';
import { discordLimits, renderEmbeds } from './render-embeds.ts';
import type { Reply } from '../../core/reply.ts';

/** Nothing the bot posts may ping anyone, whatever a user typed (message.mdx, "Allowed mentions"). */
export const noMentions = { parse: [] as never[] };

export const EPHEMERAL_FLAG = 1 << 6;

export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowed_mentions: typeof noMentions;
  flags?: number;
}

export interface MessageButton {
  label: string;
  customId: string;
  primary?: boolean;
  /** Starts a new action row (the first of a run of such buttons), e.g. the follow-up options. */
  newRow?: boolean;
}

const BUTTON_STYLE = { primary: 1, secondary: 2 } as const;

/** Discord allows 5 buttons per action row and 5 rows per message. */
const BUTTONS_PER_ROW = 5;
const MAX_ROWS = 5;

/** Buttons in rows of five; a button with `newRow` starts a row of its own kind (follow-up options under the rest). */
function buttonRow(buttons: readonly MessageButton[]): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const rows: APIButtonComponentWithCustomId[][] = [];
  for (const [i, b] of buttons.entries()) {
    const last = rows[rows.length - 1];
    const button: APIButtonComponentWithCustomId = {
      type: 2,
      style: b.primary ? BUTTON_STYLE.primary : BUTTON_STYLE.secondary,
      label: truncate(b.label, 80),
      custom_id: b.customId,
    };
    if (!last || last.length >= BUTTONS_PER_ROW || (b.newRow && !buttons[i - 1]?.newRow)) rows.push([button]);
    else last.push(button);
  }
  return rows.slice(0, MAX_ROWS).map((components) => ({ type: 1, components }));
}

export function replyMessage(reply: Reply, buttons: readonly MessageButton[] = [], options: { ephemeral?: boolean } = {}): DiscordMessage {
  const rendered = renderEmbeds(reply);
  const message: DiscordMessage = { embeds: rendered.embeds, components: buttonRow(buttons), allowed_mentions: noMentions };
  if (rendered.content) message.content = truncate(rendered.content, discordLimits.content);
  if (options.ephemeral) message.flags = EPHEMERAL_FLAG;
  return message;
}

/** A plain text notice (expired button, unknown interaction), ephemeral by default. */
export function noticeMessage(text: string, ephemeral = true): DiscordMessage {
  const message: DiscordMessage = { content: truncate(text, discordLimits.content), embeds: [], components: [], allowed_mentions: noMentions };
  if (ephemeral) message.flags = EPHEMERAL_FLAG;
  return message;
}

/** The body discord.js expects (camelCase allowedMentions; repliedUser off so replies do not ping the author). */
export function toDiscordJsOptions(message: DiscordMessage) {
  return {
    content: message.content ?? '',
    embeds: message.embeds,
    components: message.components,
    allowedMentions: { parse: [], repliedUser: false },
  };
}
