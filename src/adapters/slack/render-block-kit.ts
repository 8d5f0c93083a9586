// Reply -> Block Kit message plus the plain-text fallback Slack shows in notifications. Every limit of Block Kit
// is respected here, so an oversized reply is split or trimmed, never rejected by Slack (msg_blocks_too_long).
import type { types } from '@slack/bolt';
import type { Reply, ReplyAction } from '../../core/reply.ts';
import { neutralizeMentions, truncate } from '../../core/safe-text.ts';
import { scoreBar } from '../../core/score-bar.ts';
import { splitText } from '../../core/split-text.ts';
import { escapeSlackText, slackLink, toMrkdwn, toPlainText } from './mrkdwn.ts';

export type SlackBlock = types.KnownBlock;

export interface SlackMessage {
  /** Fallback for notifications and clients that cannot show blocks. */
  text: string;
  blocks: SlackBlock[];
}

/** Block Kit's documented limits, plus a total size kept below where Slack starts answering msg_blocks_too_long. */
const BLOCK_KIT_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  headerText: 150,
  actions: 25,
  buttonText: 75,
  buttonValue: 2000,
  /** Serialized blocks; bolt-js #2509 saw msg_blocks_too_long at about 13.2k characters. */
  totalChars: 12_000,
  fallbackText: 3000,
} as const;

/** Button action ids start with these; a listener matches by prefix (ids must be unique within a message). */
export const ACTION_ID_PREFIX: Record<ReplyAction['kind'], string> = {
  share: 'rustvsgo_share',
  show_full: 'rustvsgo_show_full',
  follow_up: 'rustvsgo_follow_up',
  feedback_up: 'feedback_up',
  feedback_down: 'feedback_down',
  save_adr: 'save_adr',
};

/** Kinds that appear at most once under an answer, so their action id is the bare name (no index). */
const SINGLE_ACTION_KINDS: ReadonlySet<ReplyAction['kind']> = new Set(['feedback_up', 'feedback_down', 'save_adr']);

export interface RenderOptions {
  /** Knowledge-base version for the footer; left out when the reply's own footer already names it. */
  kbVersion?: string;
}

/** Footer text and button values together stay within this, leaving the rest of the total for the answer. */
const FOOTER_AND_BUTTONS_BUDGET = 4000;
/** A footer element's length: below Block Kit's 3000 so the footer never crowds out the answer. */
const FOOTER_ELEMENT_CHARS = 1000;

const TONE_PREFIX: Record<Reply['tone'], string> = { answer: '', info: '', warning: '⚠️ ', error: '❌ ' };

export function renderBlockKit(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const L = BLOCK_KIT_LIMITS;
  const header: SlackBlock = {
    type: 'header',
    text: { type: 'plain_text', text: truncate(`${TONE_PREFIX[reply.tone]}${toPlainText(reply.title)}`, L.headerText) || '…', emoji: true },
  };

  const body: SlackBlock[] = [];
  if (reply.summary) body.push(...textSections(toMrkdwn(reply.summary)));
  if (reply.scoreBars.length > 0) {
    const lines = reply.scoreBars.map((b) => `\`${scoreBar(b.score, b.max)}\`  *${toMrkdwn(b.label)}*`);
    body.push(...textSections(lines.join('\n')));
  }
  for (const section of reply.sections) {
    const heading = section.heading ? `*${toMrkdwn(section.heading)}*\n` : '';
    body.push(...textSections(`${heading}${toMrkdwn(section.body)}`));
  }
  for (let i = 0; i < reply.fields.length; i += L.fields) {
    const fields = reply.fields.slice(i, i + L.fields).map((f) => ({
      type: 'mrkdwn' as const,
      text: truncate(`*${toMrkdwn(f.label)}*\n${toMrkdwn(f.value)}`, L.fieldText),
    }));
    body.push({ type: 'section', fields });
  }
  if (reply.sources.length > 0) body.push(...sourceContextBlocks(reply.sources));

  const tail: SlackBlock[] = [];
  const footer = footerElements(reply.footer, options.kbVersion);
  if (footer.length > 0) tail.push({ type: 'context', elements: footer });
  const actions = reply.actions.slice(0, L.actions);
  // Values share a budget so even many buttons keep the message under the total size.
  const values = actions.map((action) => neutralizeMentions(action.command));
  const valueLengths = shareBudget(values.map((v) => v.length), FOOTER_AND_BUTTONS_BUDGET, L.buttonValue);
  const buttons = actions.map((action, i) => ({
    type: 'button' as const,
    action_id: SINGLE_ACTION_KINDS.has(action.kind) ? ACTION_ID_PREFIX[action.kind] : `${ACTION_ID_PREFIX[action.kind]}_${i}`,
    text: { type: 'plain_text' as const, text: truncate(toPlainText(action.label), L.buttonText) || 'Open', emoji: true },
    // The command is re-run on click; one cut short still runs (as a shorter question) rather than failing.
    value: values[i]!.slice(0, valueLengths[i]),
    ...(action.kind === 'share' ? { style: 'primary' as const } : {}),
  }));
  if (buttons.length > 0) tail.push({ type: 'actions', elements: buttons });

  const blocks = fitWithin([header, ...body], tail);
  return { text: fallbackText(reply), blocks };
}

/**
 * Splits a budget between values of the given lengths (each at most `cap`): short values are kept whole and what
 * they leave goes to the longer ones, so a follow-up's whole question survives next to a few other buttons.
 */
function shareBudget(lengths: readonly number[], budget: number, cap: number): number[] {
  const out = lengths.map(() => 0);
  const order = lengths.map((length, i) => ({ want: Math.min(length, cap), i })).sort((a, b) => a.want - b.want);
  let left = budget;
  for (const [k, { want, i }] of order.entries()) {
    out[i] = Math.min(want, Math.floor(left / (order.length - k)));
    left -= out[i]!;
  }
  return out;
}

/**
 * Sources as context blocks (small grey text under the answer, as Slack shows references): each source once (by
 * URL, keeping its number), as many elements as their length needs, at most ten elements a block.
 */
function sourceContextBlocks(sources: Reply['sources']): SlackBlock[] {
  const L = BLOCK_KIT_LIMITS;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const [i, s] of sources.entries()) {
    if (seen.has(s.url)) continue;
    seen.add(s.url);
    lines.push(`${i + 1}. ${slackLink(escapeSlackText(s.url), toMrkdwn(s.title))} (${escapeSlackText(s.label ?? s.date)})`);
  }
  const texts = splitText(`*Sources*\n${lines.join('\n')}`, L.contextText);
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < texts.length; i += L.contextElements) {
    blocks.push({ type: 'context', elements: texts.slice(i, i + L.contextElements).map((text) => ({ type: 'mrkdwn' as const, text })) });
  }
  return blocks;
}

/** Splits mrkdwn into as many sections as its length needs (each within the section text limit). */
function textSections(mrkdwn: string): SlackBlock[] {
  return splitText(mrkdwn, BLOCK_KIT_LIMITS.sectionText).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

function footerElements(footer: string | undefined, kbVersion: string | undefined) {
  const parts: string[] = [];
  if (footer) parts.push(toMrkdwn(footer));
  if (kbVersion && !(footer ?? '').includes(kbVersion)) parts.push(`rustvsgo · knowledge base v${escapeSlackText(kbVersion)}`);
  return parts.slice(0, BLOCK_KIT_LIMITS.contextElements).map((text) => ({
    type: 'mrkdwn' as const,
    text: truncate(text, FOOTER_ELEMENT_CHARS),
  }));
}

const TRIMMED_NOTICE: SlackBlock = {
  type: 'context',
  elements: [{ type: 'mrkdwn', text: '_Trimmed to fit Slack’s message limits._' }],
};

const size = (blocks: readonly SlackBlock[]) => JSON.stringify(blocks).length;

/** Keeps the head blocks in order while they fit the block count and total size, then the tail (footer, buttons). */
function fitWithin(head: SlackBlock[], tail: SlackBlock[]): SlackBlock[] {
  const L = BLOCK_KIT_LIMITS;
  if (head.length + tail.length <= L.blocks && size(head) + size(tail) <= L.totalChars) return [...head, ...tail];
  const maxBlocks = L.blocks - tail.length - 1;
  // +2 per block for the array's commas and brackets.
  let room = L.totalChars - size(tail) - size([TRIMMED_NOTICE]) - 2;
  const kept: SlackBlock[] = [];
  for (const block of head) {
    if (kept.length >= maxBlocks) break;
    const cost = size([block]) + 1;
    if (cost <= room) {
      kept.push(block);
      room -= cost;
      continue;
    }
    // A long section can still show its beginning.
    if (block.type === 'section' && block.text && room > 300) {
      const overhead = size([{ ...block, text: { ...block.text, text: '' } }]) + 1;
      // JSON escaping can grow text (quotes, newlines) up to twice: cut again until the escaped size fits.
      const cut = (text: string) => ({ ...block, text: { ...block.text!, text } });
      let text = truncate(block.text.text, Math.floor((room - overhead) * 0.8));
      while (text.length > 100 && size([cut(text)]) + 1 > room) text = truncate(text, Math.floor(text.length * 0.8));
      if (text.length > 100) kept.push(cut(text));
    }
    break;
  }
  return [...kept, TRIMMED_NOTICE, ...tail];
}

function fallbackText(reply: Reply): string {
  const text = reply.summary ? `${reply.title}: ${reply.summary}` : reply.title;
  return truncate(toMrkdwn(text), BLOCK_KIT_LIMITS.fallbackText);
}
