// Renders a Reply as Discord embeds, always within Discord's message limits: oversized parts are split across
// embeds or trimmed (never an error), because a 400 from Discord would lose the whole answer.
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Reply } from '../../core/reply.ts';
import { neutralizeMentions, truncate } from '../../core/safe-text.ts';
import { scoreBar } from '../../core/score-bar.ts';

/** Discord's message and embed limits (message.mdx, "Embed Limits"). */
export const discordLimits = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
} as const;

/** Shares of the 6000-character budget, so one oversized part cannot squeeze out the sources. */
const budget = { footer: 300, head: 1200, fields: 1500, sources: 1200 } as const;

const toneColor: Record<Reply['tone'], number> = {
  answer: 0x5865f2,
  info: 0x4f8a8b,
  warning: 0xf1c40f,
  error: 0xe74c3c,
};

export interface RenderedEmbeds {
  content?: string;
  embeds: APIEmbed[];
}

export function renderEmbeds(unsafe: Reply): RenderedEmbeds {
  // Handlers neutralize the user text they echo; doing it again over everything costs nothing and means a
  // handler that forgets cannot make the bot ping (allowed_mentions is the other, independent guard).
  const reply = neutralizeReply(unsafe);
  const title = truncate(plainTitle(reply.title), discordLimits.title) || 'rustvsgo';
  const footer = reply.footer ? cutText(reply.footer, budget.footer) : undefined;
  const head = cutText([reply.summary ?? '', scoreBlock(reply)].filter(Boolean).join('\n\n'), budget.head);
  const fields = fitFields(reply);
  const sources = sourcesText(reply);
  const fixed = title.length + (footer?.length ?? 0) + head.length + fieldsLength(fields) + sources.length + (sources ? 'Sources'.length : 0);
  // Two characters of slack per joint between head and sections.
  const sectionsRoom = Math.max(0, discordLimits.embedTotal - fixed - 2);
  const sections = cutText(sectionsText(reply), sectionsRoom);

  const description = [head, sections].filter(Boolean).join('\n\n');
  const chunks = description ? chunkText(description, discordLimits.description) : [];
  const color = toneColor[reply.tone];
  const main: APIEmbed = { title, color };
  if (chunks[0]) main.description = chunks[0];
  if (fields.length > 0) main.fields = fields;
  const embeds: APIEmbed[] = [main, ...chunks.slice(1).map((text): APIEmbed => ({ description: text, color }))];
  if (sources) embeds.push({ title: 'Sources', description: sources, color });
  // The footer closes the answer, so it sits on the last embed.
  if (footer) embeds[embeds.length - 1]!.footer = { text: footer };
  return { embeds: enforceTotals(embeds) };
}

function neutralizeReply(reply: Reply): Reply {
  return {
    ...reply,
    title: neutralizeMentions(reply.title),
    summary: reply.summary === undefined ? undefined : neutralizeMentions(reply.summary),
    sections: reply.sections.map((s) => ({ heading: s.heading === undefined ? undefined : neutralizeMentions(s.heading), body: neutralizeMentions(s.body) })),
    fields: reply.fields.map((f) => ({ ...f, label: neutralizeMentions(f.label), value: neutralizeMentions(f.value) })),
    scoreBars: reply.scoreBars.map((b) => ({ ...b, label: neutralizeMentions(b.label) })),
    sources: reply.sources.map((s) => ({ ...s, title: neutralizeMentions(s.title) })),
    footer: reply.footer === undefined ? undefined : neutralizeMentions(reply.footer),
  };
}

/** Titles do not render links: keep the label. */
function plainTitle(text: string): string {
  return text.replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1').replace(/\s+/g, ' ').trim();
}

function scoreBlock(reply: Reply): string {
  if (reply.scoreBars.length === 0) return '';
  const width = Math.min(24, Math.max(...reply.scoreBars.map((b) => b.label.length)));
  const lines = reply.scoreBars.map((b) => `${truncate(b.label, width).padEnd(width)}  ${scoreBar(b.score, b.max)}`.replace(/`/g, "'"));
  return ['```', ...lines, '```'].join('\n');
}

function sectionsText(reply: Reply): string {
  return reply.sections.map((s) => (s.heading ? `**${s.heading}**\n${s.body}` : s.body)).join('\n\n');
}

function fitFields(reply: Reply): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let used = 0;
  for (const field of reply.fields.slice(0, discordLimits.fields)) {
    const name = truncate(field.label.trim() || '\u200b', discordLimits.fieldName);
    const value = cutText(field.value.trim() || '\u200b', discordLimits.fieldValue);
    if (used + name.length + value.length > budget.fields) break;
    used += name.length + value.length;
    fields.push({ name, value, inline: field.inline });
  }
  return fields;
}

function fieldsLength(fields: APIEmbedField[]): number {
  return fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
}

function sourcesText(reply: Reply): string {
  const lines = reply.sources.map((s, i) => `${i + 1}. [${s.title.replace(/[[\]]/g, '')}](${s.url}) (${s.label ?? s.date})`);
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const more = `… and ${lines.length - i} more`;
    if (used + line.length + 1 + more.length > budget.sources) {
      kept.push(more);
      break;
    }
    kept.push(line);
    used += line.length + 1;
  }
  return kept.join('\n');
}

/**
 * Shortens markdown text to `max` characters, preferring a line break, and closes a code fence the cut left open.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 8) return truncate(text, max);
  const room = max - 5; // "…" plus a possible "\n```"
  let end = text.lastIndexOf('\n', room);
  if (end < room / 2) end = room;
  let cut = truncate(text.slice(0, end).trimEnd(), end) + '…';
  if ((cut.match(/```/g)?.length ?? 0) % 2 === 1) cut += '\n```';
  return cut.length <= max ? cut : truncate(text, max);
}

/** Splits text into pieces of at most `max` characters on line breaks, never breaking a code fence open. */
function chunkText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let end = rest.lastIndexOf('\n', max - 4);
    if (end < max / 2) end = max - 4;
    let piece = rest.slice(0, end);
    rest = rest.slice(end).replace(/^\n/, '');
    if ((piece.match(/```/g)?.length ?? 0) % 2 === 1) {
      piece += '\n```';
      rest = '```\n' + rest;
    }
    chunks.push(piece);
  }
  if (rest.trim()) chunks.push(rest);
  return chunks;
}

export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** A last guard on the per-message limits, whatever the layout above produced. */
function enforceTotals(embeds: APIEmbed[]): APIEmbed[] {
  const kept = embeds.slice(0, discordLimits.embeds);
  let total = kept.reduce((n, e) => n + embedLength(e), 0);
  for (let i = kept.length - 1; i >= 0 && total > discordLimits.embedTotal; i--) {
    const embed = kept[i]!;
    if (!embed.description) continue;
    const over = total - discordLimits.embedTotal;
    const next = cutText(embed.description, Math.max(1, embed.description.length - over));
    total -= embed.description.length - next.length;
    embed.description = next;
  }
  return kept;
}
