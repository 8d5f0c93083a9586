// Neutralises mention syntax in text a user typed before the bot echoes it, on every platform at once:
// Slack control tokens (<!channel>, <!here>, <!everyone>, <!subteam^..>, <@U..>), Discord mentions
// (@everyone, @here, <@123>, <@!123>, <@&123>) and bare @channel/@here. A zero-width joiner after "@" and
// replacing "<" with a look-alike keeps the text readable while making it inert.
// Renderers add their own escaping on top (Slack escapes &<>; Discord sends allowed_mentions: {parse: []}).

const ZWJ = '\u200D';

export function neutralizeMentions(text: string): string {
  return text
    .replace(/<([!@#][^>]*)>/g, (_m, inner: string) => `‹${inner}›`)
    .replace(/@(everyone|here|channel)\b/gi, (_m, word: string) => `@${ZWJ}${word}`);
}

/** True when the text still contains something a platform would turn into a ping. */
export function containsLivePing(text: string): boolean {
  return /<(!channel|!here|!everyone|!subteam\^[^>]*|@[A-Z0-9!&]+[^>]*)>/i.test(text) || /@(everyone|here|channel)\b/i.test(text);
}

/**
 * Makes text a user typed safe to carry into a Reply: removes control characters (keeping newlines and tabs) and
 * breaks the reply markup's link syntax, so echoing "[docs](https://elsewhere)" can never make the bot post a
 * masked link under its own name (a bare URL stays visible as typed).
 */
export function cleanUserText(text: string): string {
  // CR and the C1 range go too: an echoed CR overwrites a terminal line and C1 CSI (U+009B) drives some terminals.
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '')
      .replace(/\]\(/g, ']\u200B(')
      .trim()
  );
}

/** Shortens text to at most `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max === 1) return '…';
  // Avoid cutting a surrogate pair in half.
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
