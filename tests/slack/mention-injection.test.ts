// Nothing the bot sends to Slack may carry a live ping, whatever a user typed: every input of the shared
// mention-injection corpus goes through /rustvsgo, a thread mention and the renderer itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUserText } from '../../src/adapters/slack/listeners.ts';
import { renderBlockKit } from '../../src/adapters/slack/render-block-kit.ts';
import { reply } from '../../src/core/reply.ts';
import { containsLivePing } from '../../src/core/safe-text.ts';
import { mentionInjectionCorpus } from '../fixtures/mention-injection.ts';
import { appMentionEnvelope } from './support/payload-builders.ts';
import { signedPost, slashCommandBody } from '../support/slack-signed-request.ts';
import { startSlackHarness, type SlackHarness } from './support/slack-harness.ts';

/** Slack's ping syntax: <!channel>, <!here>, <!everyone>, <!subteam^..>, <@U..>/<@W..> user mentions. */
const SLACK_PING = /<!(?:channel|here|everyone|subteam\^)[^>]*>|<@[UW][A-Z0-9]+(?:\|[^>]*)?>/i;

// Slack delivers typed text entity-escaped, except the live tokens it made from @-mentions.
const asSlackDelivers = (text: string) =>
  text
    .split(/(<[!@#][^<>]*>)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');

const corpus = [
  ...mentionInjectionCorpus,
  '<!here> <!channel> <!everyone> <@W0123ABCD> all at once, rust or go?',
  'lookup <@U012ABCDEF|alice>',
  'help\u0000<!channel>',
  '[<!channel>](https://example.org) rust or go?',
  '**<!here>** `<!everyone>` rust or go?',
];

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

function expectNoPing(payload: unknown, input: string) {
  for (const text of strings(payload)) {
    expect.soft(containsLivePing(text), `live ping for input ${JSON.stringify(input)}: ${text.slice(0, 200)}`).toBe(false);
    expect.soft(SLACK_PING.test(text), `Slack ping token for input ${JSON.stringify(input)}: ${text.slice(0, 200)}`).toBe(false);
  }
}

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h.close();
});

describe('mention injection', () => {
  it.each(corpus.map((text, i) => [i, text] as const))('slash command #%i sends no live ping', async (i, text) => {
    const id = `inject-${i}`;
    const res = await signedPost(h.eventsUrl, slashCommandBody({ text: asSlackDelivers(text), responseUrl: h.slack.responseUrl(id) }));
    expect(res.status).toBe(200);
    const answer = await h.slack.next((c) => c.path === `/response/${id}`);
    expectNoPing(answer.body, text);
  });

  it.each(corpus.map((text, i) => [i, text] as const))('thread mention #%i sends no live ping', async (i, text) => {
    const ts = `${9000 + i}.1`;
    await signedPost(h.eventsUrl, JSON.stringify(appMentionEnvelope({ text: `<@UBOT> ${asSlackDelivers(text)}`, eventId: `Ev-inject-${i}`, ts })), {
      contentType: 'application/json',
    });
    const post = await h.slack.next((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
    expectNoPing(post.body, text);
  });

  it('the renderer keeps every field inert even when a handler forgot to neutralise', () => {
    for (const text of corpus) {
      const message = renderBlockKit(
        reply({
          title: text,
          summary: text,
          scoreBars: [{ label: text, score: 50 }],
          sections: [{ heading: text, body: text }],
          fields: [{ label: text, value: text }],
          sources: [{ title: text, url: 'https://example.org/?q=<!channel>', date: '2026-01-01' }],
          footer: text,
          actions: [{ kind: 'share', label: text, command: text }],
        }),
        { kbVersion: '1.0.0' },
      );
      expectNoPing(message, text);
    }
  });

  it('readUserText removes the bot’s own mention and makes the rest inert', () => {
    expect(readUserText('<@UBOT> gc pauses? cc <@U999|bob> &lt;b&gt;', 'UBOT')).toBe('gc pauses? cc ‹@U999|bob› <b>');
  });
});
