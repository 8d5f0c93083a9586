// Issue 17, items 4 and 5 on Discord, through the HTTP interactions endpoint (Ed25519-signed requests) and the fake
// Discord REST API: answers carry feedback_up / feedback_down / save_adr buttons; a vote is stored with what the
// answer said; a thumbs-down answers with the "What was wrong?" modal (type 9) whose submission (type 5) attaches
// the comment; "Save as ADR" edits the deferred response with the ADR as a Markdown attachment.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiscordHttpEndpoint } from '../../src/adapters/discord/http-interactions.ts';
import { advise } from '../../src/advisor/advise.ts';
import { commands } from '../../src/commands/index.ts';
import { containsLivePing } from '../../src/core/safe-text.ts';
import type { Services } from '../../src/core/services.ts';
import type { FeedbackExportLine } from '../../src/store/feedback.ts';
import { commandData, rawInteraction } from './support/discord-fixtures.ts';
import { startDiscordHttpHarness, type DiscordHttpHarness } from './support/discord-http-harness.ts';
import type { FakeDiscordApi } from '../support/fake-discord-api.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const NOW = new Date('2026-11-27T10:00:00Z');
const QUESTION = 'Rust or Go for a CLI tool?';

let harness: DiscordHttpHarness;
let api: FakeDiscordApi;
let services: Services;
let endpoint: DiscordHttpEndpoint;

beforeEach(async () => {
  harness = await startDiscordHttpHarness({ commands, now: NOW });
  ({ api, services, endpoint } = harness);
});

afterEach(() => harness.close());

const post = (payload: unknown) => harness.post(payload);

async function answerCustomIds(question = QUESTION): Promise<string[]> {
  await post(rawInteraction({ type: 2, data: commandData('ask', { question }) }));
  await endpoint.idle();
  const edit = api.requests.find((r) => r.method === 'PATCH')!;
  return ((edit.body as Json).components as Json[]).flatMap((row) => (row.components as Json[]).map((c) => c.custom_id as string));
}

const press = (customId: string) => post(rawInteraction({ type: 3, data: { custom_id: customId, component_type: 2 }, message: { id: '900000000000000001', embeds: [], flags: 64 } }));

async function exported(): Promise<FeedbackExportLine[]> {
  const lines: FeedbackExportLine[] = [];
  for await (const line of services.store.feedback.exportLines()) lines.push(line);
  return lines;
}

describe('answer buttons on Discord', () => {
  it('given an answer then it carries vote and ADR buttons whose custom_ids carry the ask', async () => {
    const ids = await answerCustomIds();
    expect(ids).toEqual(expect.arrayContaining([`feedback_up:q:ask ${QUESTION}`, `feedback_down:q:ask ${QUESTION}`, `save_adr:q:ask ${QUESTION}`]));
  });

  it('given thumbs up then an ephemeral thanks and the vote stored with what the answer said', async () => {
    const up = (await answerCustomIds()).find((id) => id.startsWith('feedback_up'))!;
    const res = await press(up);
    expect(res.json).toMatchObject({ type: 4, data: { content: 'Thanks for the feedback.', flags: 64, allowed_mentions: { parse: [] } } });
    const advice = advise(QUESTION, undefined, services.knowledge);
    expect(await exported()).toEqual([
      {
        question: QUESTION,
        read_as: advice.read_as,
        recommendation: advice.recommendation,
        confidence: advice.confidence,
        kb_version: advice.kb_version,
        vote: 'up',
        comment: null,
        platform: 'discord',
        at: NOW.toISOString(),
      },
    ]);
  });

  it('given thumbs down then a modal (type 9) and its submission (type 5) attaches the comment', async () => {
    const down = (await answerCustomIds()).find((id) => id.startsWith('feedback_down'))!;
    const res = await press(down);
    expect(res.json?.type).toBe(9);
    const modal = res.json!.data as Json;
    expect(modal.custom_id).toMatch(/^feedback_comment:[\w-]+$/);
    expect(modal.components[0].components[0]).toMatchObject({ type: 4, custom_id: 'comment', required: false });
    const submitted = await post(
      rawInteraction({ type: 5, data: { custom_id: modal.custom_id, components: [{ type: 1, components: [{ type: 4, custom_id: 'comment', value: ' Wrong for our team. ' }] }] } }),
    );
    expect(submitted.json).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(await exported()).toMatchObject([{ vote: 'down', comment: 'Wrong for our team.' }]);
  });

  it('given a long question then the buttons carry a stored id and still record the vote', async () => {
    const long = `Rust or Go for a CLI tool that ${'parses large log files and '.repeat(5)}prints summaries?`;
    const up = (await answerCustomIds(long)).find((id) => id.startsWith('feedback_up'))!;
    expect(up).toMatch(/^feedback_up:ref:[\w-]+$/);
    expect(up.length).toBeLessThanOrEqual(100);
    await press(up);
    expect(await exported()).toMatchObject([{ question: long, vote: 'up' }]);
  });

  it('given Save as ADR then the deferred response is edited with the ADR as a Markdown attachment', async () => {
    const save = (await answerCustomIds()).find((id) => id.startsWith('save_adr'))!;
    const before = api.requests.length;
    const res = await press(save);
    expect(res.json).toEqual({ type: 5, data: { flags: 64 } });
    await endpoint.idle();
    const edit = api.requests.slice(before).find((r) => r.method === 'PATCH')!;
    expect(String(edit.headers['content-type'])).toContain('multipart/form-data');
    const multipart = String(edit.body);
    expect(multipart).toMatch(/filename="adr-2026-11-27-[a-z0-9-]+\.md"/);
    for (const heading of ['* Status: proposed', '## Decision Outcome', '## Considered Options', '## Links']) expect(multipart).toContain(heading);
  });

  it('given a forged answer button then a clear notice and no vote', async () => {
    const res = await press('feedback_up:q:team set rust=strong go=none');
    expect(res.json?.data?.content).toContain('nothing to vote on');
    expect(await exported()).toEqual([]);
  });
});

describe('Ask rustvsgo message command on Discord', () => {
  const messageCommand = (content: string) =>
    rawInteraction({
      type: 2,
      data: {
        id: '800000000000000002',
        name: 'Ask rustvsgo',
        type: 3,
        target_id: '910000000000000001',
        resolved: { messages: { '910000000000000001': { id: '910000000000000001', channel_id: '300000000000000001', content, author: { id: '1', username: 'bob' } } } },
      },
    });

  it('given the command on a message then its text is answered ephemerally with Share and the answer buttons', async () => {
    const res = await post(messageCommand('Should the new ingest worker be Rust or Go? Latency matters a lot. @everyone'));
    expect(res.json).toEqual({ type: 5, data: { flags: 64 } });
    await endpoint.idle();
    const edit = api.requests.find((r) => r.method === 'PATCH')!.body as Json;
    expect(edit.embeds[0].title).toMatch(/^(Rust|Go|Rust \+ Go|Toss-up, leaning (Rust|Go)) · /);
    expect(edit.allowed_mentions).toEqual({ parse: [] });
    expect(containsLivePing(JSON.stringify(edit))).toBe(false);
    const labels = (edit.components as Json[]).flatMap((row) => (row.components as Json[]).map((c) => c.label as string));
    expect(labels).toEqual(expect.arrayContaining(['Share in channel', '👍', '👎', 'Save as ADR']));
  });

  it('given a message with no text then a clear notice', async () => {
    await post(messageCommand(''));
    await endpoint.idle();
    const edit = api.requests.find((r) => r.method === 'PATCH')!.body as Json;
    expect(edit.content).toBe('That message has no text to ask about.');
  });
});
