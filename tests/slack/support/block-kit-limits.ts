// Checks a rendered message against Block Kit's limits (as documented; see platform-facts.md) and reports every
// violation, so limit tests fail with a readable list.
import type { SlackMessage } from '../../../src/adapters/slack/render-block-kit.ts';

type AnyBlock = Record<string, unknown> & { type: string };
type TextObject = { type: string; text: string };

export function blockKitViolations(message: SlackMessage): string[] {
  const problems: string[] = [];
  const blocks = message.blocks as unknown as AnyBlock[];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks (max 50)`);
  const total = JSON.stringify(blocks).length;
  if (total > 12_000) problems.push(`blocks total ${total} characters (budget 12000)`);
  if (message.text.length > 4000) problems.push(`fallback text ${message.text.length} characters (max 4000)`);
  blocks.forEach((block, i) => {
    const where = `block ${i} (${block.type})`;
    if (block.type === 'header') {
      const text = (block.text as TextObject).text;
      if (text.length > 150 || text.length < 1) problems.push(`${where}: header text ${text.length}`);
    }
    if (block.type === 'section') {
      const text = block.text as TextObject | undefined;
      const fields = block.fields as TextObject[] | undefined;
      if (!text && !fields) problems.push(`${where}: neither text nor fields`);
      if (text && (text.text.length > 3000 || text.text.length < 1)) problems.push(`${where}: section text ${text.text.length}`);
      if (fields && fields.length > 10) problems.push(`${where}: ${fields.length} fields`);
      fields?.forEach((f, j) => f.text.length > 2000 && problems.push(`${where}: field ${j} ${f.text.length}`));
    }
    if (block.type === 'context') {
      const elements = block.elements as TextObject[];
      if (elements.length > 10 || elements.length < 1) problems.push(`${where}: ${elements.length} elements`);
      elements.forEach((e, j) => e.text.length > 3000 && problems.push(`${where}: element ${j} ${e.text.length}`));
    }
    if (block.type === 'actions') {
      const elements = block.elements as { action_id: string; value: string; text: TextObject }[];
      if (elements.length > 25 || elements.length < 1) problems.push(`${where}: ${elements.length} elements`);
      const ids = new Set(elements.map((e) => e.action_id));
      if (ids.size !== elements.length) problems.push(`${where}: duplicate action_id`);
      elements.forEach((e, j) => {
        if (e.value.length > 2000) problems.push(`${where}: button ${j} value ${e.value.length}`);
        if (e.text.text.length > 75) problems.push(`${where}: button ${j} text ${e.text.text.length}`);
        if (e.action_id.length > 255) problems.push(`${where}: button ${j} action_id too long`);
      });
    }
  });
  return problems;
}
