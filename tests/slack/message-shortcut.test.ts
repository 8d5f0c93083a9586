// Issue 17, item 2 on Slack: the "Ask rustvsgo" message shortcut (message_action, callback_id ask_about_message),
// through signed requests: the message's text is answered in that message's thread; where the bot is not in the
// channel the answer goes to the presser alone with "Share in channel"; text that would ping stays inert.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedPost } from '../support/slack-signed-request.ts';
import { startSlackHarness, type SlackHarness } from './support/slack-harness.ts';

type Block = { type: string; text?: { text: string }; elements?: { action_id: string; value: string }[] };

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.close();
});

function messageActionBody(fields: { text: string; ts?: string; threadTs?: string; responseUrl?: string }): string {
  const payload = {
    type: 'message_action',
    callback_id: 'ask_about_message',
    trigger_id: '1.2.3',
    action_ts: '1764237601.1',
    token: 'deprecated',
    team: { id: 'T1', domain: 'test' },
    channel: { id: 'C1', name: 'backend' },
    user: { id: 'U2', username: 'bob', team_id: 'T1' },
    message_ts: fields.ts ?? '950.1',
    message: { type: 'message', user: 'U1', ts: fields.ts ?? '950.1', ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}), text: fields.text },
    ...(fields.responseUrl ? { response_url: fields.responseUrl } : {}),
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

describe('Ask rustvsgo message shortcut on Slack', () => {
  it('given a message in a thread then its text is answered in that thread', async () => {
    const res = await signedPost(h.eventsUrl, messageActionBody({ text: 'Should we write the new ingest worker in Rust or Go? Latency matters.', ts: '950.3', threadTs: '950.1' }));
    expect(res.status).toBe(200);
    const posted = await h.slack.next((c) => c.method === 'chat.postMessage');
    expect(posted.body).toMatchObject({ channel: 'C1', thread_ts: '950.1' });
    const blocks = posted.body.blocks as Block[];
    expect(blocks[0]?.type).toBe('header');
    expect(blocks[0]?.text?.text).toMatch(/^(Rust|Go|Rust \+ Go|Toss-up, leaning (Rust|Go)) · /);
    const ids = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []).map((e) => e.action_id);
    expect(ids).toEqual(expect.arrayContaining(['feedback_up', 'feedback_down', 'save_adr']));
  });

  it('given a top-level message then the answer starts a thread under it', async () => {
    await signedPost(h.eventsUrl, messageActionBody({ text: 'Rust or Go for a CLI tool?', ts: '960.1' }));
    const posted = await h.slack.next((c) => c.method === 'chat.postMessage');
    expect(posted.body.thread_ts).toBe('960.1');
  });

  it('given the bot is not in the channel then only the presser gets the answer, with Share in channel', async () => {
    h.slack.on('chat.postMessage', () => ({ json: { ok: false, error: 'not_in_channel' } }));
    await signedPost(h.eventsUrl, messageActionBody({ text: 'Rust or Go for a CLI tool?', responseUrl: h.slack.responseUrl('private') }));
    const answer = await h.slack.next((c) => c.path === '/response/private');
    expect(answer.body.response_type).toBe('ephemeral');
    const buttons = (answer.body.blocks as Block[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
    expect(buttons[0]).toMatchObject({ action_id: expect.stringMatching(/^rustvsgo_share/), value: 'ask Rust or Go for a CLI tool?' });
  });

  it('given a message with pings then the answer echoes none of them live', async () => {
    await signedPost(h.eventsUrl, messageActionBody({ text: '<!channel> <@U123> Rust or Go for a log shipper?' }));
    const posted = await h.slack.next((c) => c.method === 'chat.postMessage');
    expect(JSON.stringify(posted.body)).not.toMatch(/<!channel>|<@U123>/);
  });

  it('given a message with no text then the presser is told so', async () => {
    await signedPost(h.eventsUrl, messageActionBody({ text: '', responseUrl: h.slack.responseUrl('empty') }));
    const told = await h.slack.next((c) => c.path === '/response/empty');
    expect(JSON.stringify(told.body)).toContain('That message has no text to ask about.');
    expect(h.slack.calls.some((c) => c.method === 'chat.postMessage')).toBe(false);
  });
});
