// Renders a Reply the way each adapter sends it (terminal text, Slack Block Kit, Discord message JSON) and lists
// every way the result breaks a platform limit or could ping someone. An empty list means the reply is safe.
import { renderBlockKit, type SlackMessage } from '../../../src/adapters/slack/render-block-kit.ts';
import { replyMessage, type DiscordMessage } from '../../../src/adapters/discord/message-payload.ts';
import { renderText } from '../../../src/adapters/shell/render-text.ts';
import type { Reply } from '../../../src/core/reply.ts';
import { containsLivePing } from '../../../src/core/safe-text.ts';

/** Documented platform limits (../shared/design/platform-facts.md), written out here rather than imported from the renderers under test. */
const SLACK = { blocks: 50, sectionText: 3000, fields: 10, fieldText: 2000, contextElements: 10, contextText: 3000, headerText: 150, actions: 25, buttonText: 75, buttonValue: 2000, actionId: 255, blockId: 255, text: 4000, totalBlockChars: 12_000 };
const DISCORD = { content: 2000, embeds: 10, embedTotal: 6000, title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, author: 256, buttonLabel: 80, customId: 100, components: 5 };

/** Longest terminal rendering we accept: replies are bounded by the input caps, not by what was typed. */
const TERMINAL_MAX_CHARS = 40_000;

// C0 (except tab and newline), DEL, C1: an echoed ESC or CSI could drive the user's terminal.
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
// Slack treats <...> as control sequences; the only ones a reply may contain are http(s) links.
const SLACK_ANGLE = /<([^>]*)>/g;

export interface Rendered {
  text: string;
  slack: SlackMessage;
  discord: DiscordMessage;
}

export function renderAll(reply: Reply): Rendered {
  return { text: renderText(reply, { color: false }), slack: renderBlockKit(reply, { kbVersion: '1' }), discord: replyMessage(reply) };
}

const len = (s: string | undefined) => (s ?? '').length;

/** Every string in a payload: platforms parse each text field on its own, so a token cannot span two. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const anyLivePing = (texts: readonly string[]) => texts.some((t) => containsLivePing(t));

export function terminalProblems(text: string): string[] {
  const problems: string[] = [];
  if (anyLivePing(text.split('\n'))) problems.push('terminal: live ping token');
  if (TERMINAL_CONTROL.test(text)) problems.push(`terminal: control character U+${text.match(TERMINAL_CONTROL)![0].charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (text.length > TERMINAL_MAX_CHARS) problems.push(`terminal: ${text.length} chars`);
  return problems;
}

interface AnyBlock {
  type: string;
  block_id?: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { type: string; text?: string | { text: string }; value?: string; action_id?: string }[];
}

export function slackProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  const blocks = message.blocks as unknown as AnyBlock[];
  if (anyLivePing(strings(message))) problems.push('slack: live ping token');
  for (const m of [message.text, ...blocks.flatMap(mrkdwnTexts)].join('\n').matchAll(SLACK_ANGLE)) {
    if (!/^https?:\/\/[^\s|]+(\|[^<]*)?$/i.test(m[1]!)) problems.push(`slack: control sequence <${m[1]!.slice(0, 40)}>`);
  }
  if (blocks.length > SLACK.blocks) problems.push(`slack: ${blocks.length} blocks`);
  if (blocks.length === 0) problems.push('slack: no blocks');
  if (JSON.stringify(blocks).length > SLACK.totalBlockChars) problems.push(`slack: blocks total ${JSON.stringify(blocks).length} chars`);
  // An empty fallback is allowed with blocks (notifications then show the header only); too long is not.
  if (len(message.text) > SLACK.text) problems.push(`slack: fallback text ${len(message.text)} chars`);
  for (const b of blocks) {
    if (len(b.block_id) > SLACK.blockId) problems.push('slack: block_id too long');
    if (b.type === 'header' && (len(b.text?.text) === 0 || len(b.text?.text) > SLACK.headerText)) problems.push(`slack: header ${len(b.text?.text)} chars`);
    if (b.type === 'section') {
      if (b.text && (len(b.text.text) === 0 || len(b.text.text) > SLACK.sectionText)) problems.push(`slack: section text ${len(b.text.text)} chars`);
      if (!b.text && !b.fields) problems.push('slack: empty section');
      if (b.fields && b.fields.length > SLACK.fields) problems.push(`slack: ${b.fields.length} fields`);
      for (const f of b.fields ?? []) if (len(f.text) === 0 || len(f.text) > SLACK.fieldText) problems.push(`slack: field ${len(f.text)} chars`);
    }
    if (b.type === 'context') {
      if ((b.elements ?? []).length > SLACK.contextElements) problems.push('slack: too many context elements');
      for (const e of b.elements ?? []) if (typeof e.text === 'string' && (e.text.length === 0 || e.text.length > SLACK.contextText)) problems.push('slack: context text length');
    }
    if (b.type === 'actions') {
      if ((b.elements ?? []).length > SLACK.actions) problems.push('slack: too many actions');
      for (const e of b.elements ?? []) {
        const label = typeof e.text === 'object' ? e.text.text : '';
        if (label.length === 0 || label.length > SLACK.buttonText) problems.push(`slack: button text ${label.length} chars`);
        if (len(e.value) > SLACK.buttonValue) problems.push(`slack: button value ${len(e.value)} chars`);
        if (len(e.action_id) > SLACK.actionId) problems.push('slack: action_id too long');
      }
    }
  }
  return problems;
}

function mrkdwnTexts(b: AnyBlock): string[] {
  const out: string[] = [];
  if (b.text) out.push(b.text.text);
  for (const f of b.fields ?? []) out.push(f.text);
  for (const e of b.elements ?? []) if (typeof e.text === 'string') out.push(e.text);
  return out;
}

export function discordProblems(message: DiscordMessage): string[] {
  const problems: string[] = [];
  if (anyLivePing(strings(message))) problems.push('discord: live ping token');
  if (JSON.stringify(message.allowed_mentions) !== '{"parse":[]}') problems.push('discord: allowed_mentions does not suppress pings');
  if (len(message.content) > DISCORD.content) problems.push(`discord: content ${len(message.content)} chars`);
  if (message.embeds.length > DISCORD.embeds) problems.push(`discord: ${message.embeds.length} embeds`);
  if (message.embeds.length === 0 && len(message.content) === 0) problems.push('discord: empty message');
  let total = 0;
  for (const e of message.embeds) {
    const fields = e.fields ?? [];
    total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name) + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    if (len(e.title) > DISCORD.title) problems.push(`discord: title ${len(e.title)} chars`);
    if (len(e.description) > DISCORD.description) problems.push(`discord: description ${len(e.description)} chars`);
    if (fields.length > DISCORD.fields) problems.push(`discord: ${fields.length} fields`);
    for (const f of fields) {
      if (f.name.length === 0 || f.name.length > DISCORD.fieldName) problems.push(`discord: field name ${f.name.length} chars`);
      if (f.value.length === 0 || f.value.length > DISCORD.fieldValue) problems.push(`discord: field value ${f.value.length} chars`);
    }
    if (len(e.footer?.text) > DISCORD.footer) problems.push('discord: footer too long');
    if (len(e.author?.name) > DISCORD.author) problems.push('discord: author too long');
  }
  if (total > DISCORD.embedTotal) problems.push(`discord: embeds total ${total} chars`);
  for (const row of message.components) {
    if (row.components.length > DISCORD.components) problems.push('discord: too many buttons in a row');
    for (const c of row.components as { label?: string; custom_id?: string }[]) {
      if (len(c.label) > DISCORD.buttonLabel) problems.push('discord: button label too long');
      if (len(c.custom_id) > DISCORD.customId) problems.push('discord: custom_id too long');
    }
  }
  return problems;
}

/**
 * The corpus points every link it types at evil.example; a masked link there means a user made the bot post a link
 * whose label hides where it goes (bare URLs stay visible, which is fine).
 */
export function maskedUserLinkProblems(rendered: Rendered): string[] {
  const problems: string[] = [];
  // Displayed text only: button values carry the command to re-run, which Slack never shows or links.
  const slackShown = [rendered.slack.text, ...(rendered.slack.blocks as unknown as AnyBlock[]).flatMap(mrkdwnTexts)];
  if (slackShown.some((t) => /<https?:\/\/[^|>]*evil\.example[^|>]*\|/i.test(t))) problems.push('slack: user-typed masked link');
  if (strings(rendered.discord).some((t) => /\]\(\s*<?https?:\/\/[^)]*evil\.example/i.test(t))) problems.push('discord: user-typed masked link');
  return problems;
}

/** Every problem of the reply on every platform, each prefixed with the platform. */
export function renderedProblems(reply: Reply): string[] {
  let rendered: Rendered;
  try {
    rendered = renderAll(reply);
  } catch (error) {
    return [`renderer threw: ${error instanceof Error ? error.message : String(error)}`];
  }
  return [...terminalProblems(rendered.text), ...slackProblems(rendered.slack), ...discordProblems(rendered.discord), ...maskedUserLinkProblems(rendered)];
}
