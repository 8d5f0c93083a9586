// The core's neutral markup (**bold**, `code`, [label](url)) as Slack mrkdwn, made inert first: mention tokens
// are neutralised and &, <, > escaped BEFORE any link is built, so no text can form a live <!channel> or <@U..>.
import { neutralizeMentions } from '../../core/safe-text.ts';

/** Slack's three control characters, escaped as its formatting guide asks (& first). */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Undoes Slack's own escaping of text it delivers (event and command text arrive entity-escaped). */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const CODE_SPAN = /(`[^`\n]+`)/;
const BOLD = /\*\*([^*\n]+)\*\*/g;
// Runs on escaped text: a URL can no longer contain < or >, and "|" would end Slack's link target early.
const LINK = /\[([^\]\n]+)\]\((https?:\/\/[^\s)|]+)\)/g;

/** Neutral markup -> mrkdwn. Code spans keep their content verbatim (still escaped). */
export function toMrkdwn(neutral: string): string {
  const safe = escapeSlackText(neutralizeMentions(neutral));
  return safe
    .split(CODE_SPAN)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(LINK, (_m, label: string, url: string) => slackLink(url, label)).replace(BOLD, '*$1*')))
    .join('');
}

/** Neutral markup -> plain text (headers, button labels): markup removed, mentions inert, control characters escaped. */
export function toPlainText(neutral: string): string {
  const stripped = neutral
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, '$1')
    .replace(/\*\*([^*\n]+)\*\*/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1');
  return escapeSlackText(neutralizeMentions(stripped));
}

/**
 * A link to an already-escaped URL with an already-escaped label. Only http(s) targets are linked, so a link can
 * never be a Slack control token (<!..>, <@..>, <#..>).
 */
export function slackLink(escapedUrl: string, escapedLabel: string): string {
  if (!/^https?:\/\//i.test(escapedUrl)) return escapedLabel;
  return `<${escapedUrl.replace(/\|/g, '%7C')}|${escapedLabel.replace(/\|/g, '¦')}>`;
}
