// Visible characters of each renderer's real output, as a reader sees them: link labels and button labels count,
// link URLs, line breaks and ANSI colour codes do not. Used to hold condensed answers to 1,000 characters.
import type { SlackMessage } from '../../src/adapters/slack/render-block-kit.ts';
import type { DiscordMessage } from '../../src/adapters/discord/message-payload.ts';

const count = (text: string) => [...text.replace(/\n/g, '')].length;

/** Slack mrkdwn: `<url|label>` shows the label; the entity escapes show one character each. */
export function slackVisibleChars(message: SlackMessage): number {
  const mrkdwn = (t: string) => count(t.replace(/<[^|>]+\|([^>]*)>/g, '$1').replace(/&(amp|lt|gt);/g, '_'));
  let n = 0;
  for (const block of message.blocks as unknown as Record<string, unknown>[]) {
    const text = block.text as { text: string } | undefined;
    if (text) n += mrkdwn(text.text);
    for (const f of (block.fields as { text: string }[] | undefined) ?? []) n += mrkdwn(f.text);
    for (const e of (block.elements as Record<string, unknown>[] | undefined) ?? []) {
      if (typeof e.text === 'string') n += mrkdwn(e.text);
      else if (e.text && typeof e.text === 'object') n += count((e.text as { text: string }).text);
    }
  }
  return n;
}

/** Discord markdown: `[label](url)` shows the label; button labels are visible too. */
export function discordVisibleChars(message: DiscordMessage): number {
  const md = (t: string | undefined) => count((t ?? '').replace(/\[([^\]]*)\]\((https?:\/\/[^)\s]+)\)/g, '$1'));
  let n = md(message.content);
  for (const e of message.embeds) {
    n += md(e.title) + md(e.description) + md(e.footer?.text);
    for (const f of e.fields ?? []) n += md(f.name) + md(f.value);
  }
  for (const row of message.components) for (const c of row.components) n += md((c as { label?: string }).label);
  return n;
}

/** Terminal text: URLs (bare or in <>) and ANSI codes are not counted. */
export function terminalVisibleChars(text: string): number {
  // eslint-disable-next-line no-control-regex
  return count(text.replace(/\x1b\[[0-9;]*m/g, '').replace(/ ?<?https?:\/\/[^\s>]+>?/g, ''));
}
