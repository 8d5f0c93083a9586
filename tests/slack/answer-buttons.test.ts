// Issue 17, items 4 and 5 on Slack, through the real HTTP receiver with signed requests against the fake Slack
// API: every answer carries thumbs up / thumbs down and "Save as ADR"; a vote is stored with what the answer said
// (and counted on /metrics); a thumbs-down opens the "What was wrong?" modal (views.open with the trigger) whose
// view_submission attaches the comment; "Save as ADR" uploads a Markdown ADR into the thread (files.uploadV2 flow).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.ts';
import { createMetrics, type OpsMetrics } from '../../src/ops/metrics.ts';
import type { FeedbackExportLine } from '../../src/store/feedback.ts';
import { blockAction } from './support/payload-builders.ts';
import { blockActionBody, signedPost, slashCommandBody } from '../support/slack-signed-request.ts';
import { startSlackHarness, type SlackHarness } from './support/slack-harness.ts';

type Button = { action_id: string; value: string; text: { text: string } };
type Block = { type: string; elements?: Button[] };

const QUESTION = 'Rust or Go for an edge gateway with a p99 under 1 ms?';

let h: SlackHarness;
let metrics: OpsMetrics;
beforeEach(async () => {
  h = await startSlackHarness();
  metrics = createMetrics({ processMetrics: false });
  h.services.observer = metrics.observer;
});
afterEach(async () => {
  await h.close();
});

const buttonsOf = (blocks: unknown) => (blocks as Block[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

async function answerButtons(): Promise<Button[]> {
  await signedPost(h.eventsUrl, slashCommandBody({ text: QUESTION, responseUrl: h.slack.responseUrl('answer') }));
  const answer = await h.slack.next((c) => c.path === '/response/answer');
  return buttonsOf(answer.body.blocks);
}

async function exported(): Promise<FeedbackExportLine[]> {
  const lines: FeedbackExportLine[] = [];
  for await (const line of h.services.store.feedback.exportLines()) lines.push(line);
  return lines;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never met');
}

function viewSubmissionBody(privateMetadata: string, comment: string | null): string {
  const payload = {
    type: 'view_submission',
    team: { id: 'T1', domain: 'test' },
    user: { id: 'U1', username: 'alice', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'deprecated',
    trigger_id: '4.5.6',
    view: {
      id: 'V1',
      type: 'modal',
      callback_id: 'feedback_comment',
      private_metadata: privateMetadata,
      state: { values: { comment: { comment: { type: 'plain_text_input', value: comment } } } },
      hash: 'h',
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

describe('feedback buttons on Slack', () => {
  it('given an answer then it carries feedback_up, feedback_down and save_adr carrying its ask', async () => {
    const buttons = await answerButtons();
    const byId = new Map(buttons.map((b) => [b.action_id, b]));
    for (const id of ['feedback_up', 'feedback_down', 'save_adr']) expect(byId.get(id)?.value).toBe(`ask ${QUESTION}`);
  });

  it('given thumbs up pressed then the vote is stored with what the answer said, thanked, and counted', async () => {
    const up = (await answerButtons()).find((b) => b.action_id === 'feedback_up')!;
    const res = await signedPost(h.eventsUrl, blockActionBody(blockAction({ actionId: up.action_id, value: up.value, responseUrl: h.slack.responseUrl('up') })));
    expect(res.status).toBe(200);
    const thanks = await h.slack.next((c) => c.path === '/response/up');
    expect(thanks.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'Thanks for the feedback.' });
    const advice = advise(QUESTION, undefined, h.services.knowledge);
    const [line] = await waitFor(exported, (l) => l.length === 1);
    expect(line).toMatchObject({
      question: QUESTION,
      read_as: advice.read_as,
      recommendation: advice.recommendation,
      confidence: advice.confidence,
      kb_version: advice.kb_version,
      vote: 'up',
      comment: null,
      platform: 'slack',
      at: '2026-11-27T10:00:00.000Z',
    });
    expect(await metrics.registry.metrics()).toContain('rustvsgo_feedback_total{vote="up"} 1');
  });

  it('given thumbs down pressed then the modal opens on the trigger and its submission attaches the comment', async () => {
    const down = (await answerButtons()).find((b) => b.action_id === 'feedback_down')!;
    await signedPost(h.eventsUrl, blockActionBody(blockAction({ actionId: down.action_id, value: down.value, responseUrl: h.slack.responseUrl('down') })));
    const opened = await h.slack.next((c) => c.method === 'views.open');
    expect(opened.body.trigger_id).toBe('1.2.3');
    const view = opened.body.view as { callback_id: string; private_metadata: string; blocks: { type: string; optional?: boolean }[] };
    expect(view.callback_id).toBe('feedback_comment');
    expect(view.blocks[0]).toMatchObject({ type: 'input', optional: true });
    await waitFor(exported, (l) => l.length === 1 && l[0]!.vote === 'down');

    const res = await signedPost(h.eventsUrl, viewSubmissionBody(view.private_metadata, '  It ignored that we already run Go services.  '));
    expect(res.status).toBe(200);
    const [line] = await waitFor(exported, (l) => l[0]?.comment !== null);
    expect(line).toMatchObject({ vote: 'down', comment: 'It ignored that we already run Go services.' });
    expect(await metrics.registry.metrics()).toContain('rustvsgo_feedback_total{vote="down"} 1');
  });

  it('given a forged modal submission then nothing is stored and the request is still acknowledged', async () => {
    const res = await signedPost(h.eventsUrl, viewSubmissionBody('{"voteId":"../../etc"}', 'x'));
    expect(res.status).toBe(200);
    expect(await exported()).toEqual([]);
  });

  it('given a vote button that carries no ask then the presser is told and nothing is stored', async () => {
    await signedPost(h.eventsUrl, blockActionBody(blockAction({ actionId: 'feedback_up', value: 'team set rust=strong go=none', responseUrl: h.slack.responseUrl('bad') })));
    const told = await h.slack.next((c) => c.path === '/response/bad');
    expect(String(told.body.text)).toContain('nothing to vote on');
    expect(await exported()).toEqual([]);
  });
});

describe('Save as ADR on Slack', () => {
  it('given save_adr pressed under a thread answer then a Markdown ADR is uploaded into that thread', async () => {
    const save = (await answerButtons()).find((b) => b.action_id === 'save_adr')!;
    await signedPost(h.eventsUrl, blockActionBody(blockAction({ actionId: save.action_id, value: save.value, messageTs: '900.2', threadTs: '900.1' })));
    const ticket = await h.slack.next((c) => c.method === 'files.getUploadURLExternal');
    expect(String(ticket.body.filename)).toMatch(/^adr-2026-11-27-[a-z0-9-]+\.md$/);
    const upload = await h.slack.next((c) => c.path.startsWith('/upload/'));
    expect(Number(ticket.body.length)).toBe(Buffer.byteLength(upload.raw));
    for (const heading of ['* Status: proposed', '## Context and Problem Statement', '## Decision Outcome', '### Consequences', '## Considered Options', '## Links']) {
      expect(upload.raw).toContain(heading);
    }
    expect(upload.raw).toContain(`> ${QUESTION}`);
    const completed = await h.slack.next((c) => c.method === 'files.completeUploadExternal');
    expect(completed.body).toMatchObject({ channel_id: 'C1', thread_ts: '900.1' });
    expect((completed.body.files as { id: string }[])[0]!.id).toBe('F1');
  });

  it('given the bot is not in the channel then the presser is told how to fix it', async () => {
    h.slack.on('files.completeUploadExternal', () => ({ json: { ok: false, error: 'not_in_channel' } }));
    const save = (await answerButtons()).find((b) => b.action_id === 'save_adr')!;
    await signedPost(h.eventsUrl, blockActionBody(blockAction({ actionId: save.action_id, value: save.value, responseUrl: h.slack.responseUrl('adr') })));
    const told = await h.slack.next((c) => c.path === '/response/adr');
    expect(String(told.body.text)).toContain('/invite @rustvsgo');
  });
});
