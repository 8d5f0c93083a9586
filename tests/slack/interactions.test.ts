// Buttons and thread lookups through the real HTTP receiver: "Share in channel", app_mention answered in its
// thread (condensed, with "Show full answer"), retried events answered once, and failures answered with an apology.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackHarness, type SlackHarness } from './support/slack-harness.ts';
import { blockActionBody, signedPost, slashCommandBody } from '../support/slack-signed-request.ts';
import { appMentionEnvelope, blockAction } from './support/payload-builders.ts';

type Block = { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string }[] };

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.close();
});

const postEvent = (body: unknown, headers: Record<string, string> = {}) =>
  signedPost(h.eventsUrl, JSON.stringify(body), { contentType: 'application/json', headers });

describe('"Share in channel"', () => {
  it('posts the same answer for everyone through the response URL, without buttons', async () => {
    await signedPost(h.eventsUrl, slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl('private') }));
    const ephemeral = await h.slack.next((c) => c.path === '/response/private');
    const share = (ephemeral.body.blocks as Block[]).find((b) => b.type === 'actions')!.elements![0]!;

    const res = await signedPost(
      h.eventsUrl,
      blockActionBody(blockAction({ actionId: share.action_id!, value: share.value!, responseUrl: h.slack.responseUrl('shared') })),
    );
    expect(res.status).toBe(200);
    const shared = await h.slack.next((c) => c.path === '/response/shared');
    expect(shared.body.response_type).toBe('in_channel');
    expect(shared.body.replace_original).toBe(false);
    const sharedBlocks = shared.body.blocks as Block[];
    expect(sharedBlocks[0]).toEqual((ephemeral.body.blocks as Block[])[0]);
    expect(sharedBlocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('refuses to re-run a settings command from a button', async () => {
    await signedPost(
      h.eventsUrl,
      blockActionBody(blockAction({ actionId: 'rustvsgo_share_0', value: 'team set rust=strong go=some', responseUrl: h.slack.responseUrl('manage') })),
    );
    const answer = await h.slack.next((c) => c.path === '/response/manage');
    expect(answer.body.response_type).toBe('ephemeral');
  });
});

describe('app_mention thread lookups', () => {
  it('answers in a new thread under the mention, condensed', async () => {
    const res = await postEvent(appMentionEnvelope({ text: '<@UBOT> gc pauses?', eventId: 'Ev-new-thread', ts: '1764237600.000100' }));
    expect(res.status).toBe(200);
    const post = await h.slack.next((c) => c.method === 'chat.postMessage');
    expect(post.body).toMatchObject({ channel: 'C1', thread_ts: '1764237600.000100' });
    expect(post.headers.authorization).toBe('Bearer xoxb-test-token');
    expect((post.body.blocks as Block[])[0]?.type).toBe('header');
  });

  it('answers inside the existing thread when the mention is a reply', async () => {
    await postEvent(appMentionEnvelope({ text: '<@UBOT> rust or go for a log shipper?', eventId: 'Ev-reply', ts: '200.2', threadTs: '200.1' }));
    const post = await h.slack.next((c) => c.method === 'chat.postMessage');
    expect(post.body.thread_ts).toBe('200.1');
  });

  it('answers a retried delivery of the same event only once', async () => {
    const envelope = appMentionEnvelope({ text: '<@UBOT> gc pauses?', eventId: 'Ev-retried', ts: '300.1' });
    await postEvent(envelope);
    await h.slack.next((c) => c.method === 'chat.postMessage' && c.body.thread_ts === '300.1');
    const retry = await postEvent(envelope, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.status).toBe(200);
    // A different event after the retry is answered; by then the retry would have been too.
    await postEvent(appMentionEnvelope({ text: '<@UBOT> gc pauses?', eventId: 'Ev-after', ts: '301.1' }));
    await h.slack.next((c) => c.method === 'chat.postMessage' && c.body.thread_ts === '301.1');
    await h.adapter.stop();
    expect(h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === '300.1')).toHaveLength(1);
  });

  it('"Show full answer" posts the full answer in the thread of the condensed one', async () => {
    const res = await signedPost(
      h.eventsUrl,
      blockActionBody(blockAction({ actionId: 'rustvsgo_show_full_0', value: 'gc pauses?', messageTs: '400.2', threadTs: '400.1', responseUrl: h.slack.responseUrl() })),
    );
    expect(res.status).toBe(200);
    const post = await h.slack.next((c) => c.method === 'chat.postMessage');
    expect(post.body).toMatchObject({ channel: 'C1', thread_ts: '400.1' });
    expect((post.body.blocks as Block[]).some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('failures', () => {
  it('answers with a short apology and an error id when Slack rejects the thread reply, and keeps serving', async () => {
    let calls = 0;
    h.slack.on('chat.postMessage', () => (++calls === 1 ? { json: { ok: false, error: 'channel_not_found' } } : { json: { ok: true, ts: '1.1' } }));
    await postEvent(appMentionEnvelope({ text: '<@UBOT> gc pauses?', eventId: 'Ev-fail', ts: '500.1' }));
    const apology = await h.slack.next((c) => c.method === 'chat.postMessage' && JSON.stringify(c.body.blocks ?? '').includes('went wrong'));
    expect(JSON.stringify(apology.body.blocks)).toMatch(/error id `?[A-Za-z0-9_-]{8}/);
    expect(apology.body.thread_ts).toBe('500.1');
    const res = await signedPost(h.eventsUrl, slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl('after-failure') }));
    expect(res.status).toBe(200);
    await h.slack.next((c) => c.path === '/response/after-failure');
  });
});

describe('mention answers and "Show full answer"', () => {
  it('a topic mention shows one fact with a button that runs the full lookup as a command', async () => {
    await postEvent(appMentionEnvelope({ text: '<@UBOT> gc pauses', eventId: 'Ev-lookup', ts: '600.1' }));
    const short = await h.slack.next((c) => c.method === 'chat.postMessage' && c.body.thread_ts === '600.1');
    const button = (short.body.blocks as Block[]).find((b) => b.type === 'actions')?.elements?.[0];
    expect(button?.action_id).toMatch(/^rustvsgo_show_full/);
    expect(button?.value).toMatch(/^lookup gc pauses/);

    await signedPost(h.eventsUrl, blockActionBody(blockAction({ actionId: button!.action_id!, value: button!.value!, messageTs: '600.2', threadTs: '600.1' })));
    const full = await h.slack.next((c) => c.method === 'chat.postMessage' && c.body.thread_ts === '600.1' && c !== short);
    expect(JSON.stringify(full.body.blocks).length).toBeGreaterThan(JSON.stringify(short.body.blocks).length);
  });

  it('a decision question mention is condensed with a button that runs the full ask', async () => {
    await postEvent(appMentionEnvelope({ text: '<@UBOT> rust or go for a log shipper?', eventId: 'Ev-ask', ts: '700.1' }));
    const short = await h.slack.next((c) => c.method === 'chat.postMessage' && c.body.thread_ts === '700.1');
    // The ask answer is condensed by the command itself now (issue 11): its button asks for the full answer,
    // and a thread answer has no "Share in channel" (it is already public).
    const buttons = (short.body.blocks as Block[]).find((b) => b.type === 'actions')?.elements ?? [];
    // The full answer first, follow-up options (the open team question) after it, each re-asking the whole question
    // with a fact added; no Share in a thread; a thread answer can be voted on and saved as an ADR too (issue 17).
    const values = buttons.map((b) => b.value);
    expect(values[0]).toBe('ask --full rust or go for a log shipper?');
    expect(buttons.some((b) => (b.action_id ?? '').startsWith('rustvsgo_share'))).toBe(false);
    expect(buttons.slice(-3).map((b) => [b.action_id, b.value])).toEqual(['feedback_up', 'feedback_down', 'save_adr'].map((id) => [id, 'ask rust or go for a log shipper?']));
    for (const value of values.slice(1, -3)) expect(value).toMatch(/^ask rust or go for a log shipper\? .+/);
    expect((short.body.blocks as Block[])[0]?.type).toBe('header');
  });
});
