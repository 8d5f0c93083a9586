// /rustvsgo through the real HTTP receiver: signature checks, the 3-second ack, and the answer at the response URL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderBlockKit } from '../../src/adapters/slack/render-block-kit.ts';
import { commands } from '../../src/commands/index.ts';
import { dispatchText } from '../../src/core/dispatch.ts';
import { startSlackHarness, type SlackHarness } from './support/slack-harness.ts';
import { signedPost, slashCommandBody } from '../support/slack-signed-request.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.close();
});

describe('POST /slack/events (slash command)', () => {
  it('acknowledges a signed command with an empty 200 well within 3 s', async () => {
    const started = performance.now();
    const res = await signedPost(h.eventsUrl, slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl() }));
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(elapsed).toBeLessThan(3000);
  });

  it('rejects a bad signature with 401 and answers nothing', async () => {
    const responseUrl = h.slack.responseUrl('bad-signature');
    const res = await signedPost(h.eventsUrl, slashCommandBody({ text: 'help', responseUrl }), { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    // A later, valid request is answered; the rejected one never was.
    await signedPost(h.eventsUrl, slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl('good') }));
    await h.slack.next((c) => c.path === '/response/good');
    expect(h.slack.calls.some((c) => c.path === '/response/bad-signature')).toBe(false);
  });

  it('rejects a request whose timestamp is older than five minutes with 401', async () => {
    const res = await signedPost(h.eventsUrl, slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl() }), {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(res.status).toBe(401);
  });

  it('rejects an unsigned request with 401', async () => {
    const res = await fetch(h.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl() }),
    });
    expect(res.status).toBe(401);
  });

  it('sends the answer to "Rust or Go for an edge gateway?" to the response URL as Block Kit, ephemeral', async () => {
    const question = 'Rust or Go for an edge gateway?';
    const res = await signedPost(h.eventsUrl, slashCommandBody({ text: question, responseUrl: h.slack.responseUrl('gateway') }));
    expect(res.status).toBe(200);
    const answer = await h.slack.next((c) => c.path === '/response/gateway');
    const blocks = answer.body.blocks as { type: string; text?: { text: string } }[];
    expect(answer.body.response_type).toBe('ephemeral');
    expect(typeof answer.body.text).toBe('string');
    expect(blocks[0]?.type).toBe('header');
    // The same answer the core gives (answers are deterministic).
    const expected = await dispatchText(
      question,
      { platform: 'slack', workspaceId: 'T1', channelId: 'C1', userId: 'U1', locale: 'en', requestId: 'x', isChannelAdmin: async () => true, mode: 'command' },
      h.services,
      commands,
    );
    const expectedHeader = renderBlockKit(expected.reply).blocks[0] as { text: { text: string } };
    expect(blocks[0]?.text?.text).toBe(expectedHeader.text.text);
    expect(JSON.stringify(blocks)).toMatch(/knowledge base v\d+\.\d+/i);
  });

  it('answers help with every command and a "Share in channel" button', async () => {
    await signedPost(h.eventsUrl, slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl('help') }));
    const answer = await h.slack.next((c) => c.path === '/response/help');
    const json = JSON.stringify(answer.body.blocks);
    for (const spec of commands) expect(json).toContain(`/rustvsgo ${spec.name}`);
    const actions = (answer.body.blocks as { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[]).find(
      (b) => b.type === 'actions',
    );
    expect(actions?.elements?.[0]).toMatchObject({ action_id: 'rustvsgo_share_0', value: 'help', text: { text: 'Share in channel' } });
  });

  it('serves 404 for unknown /slack paths and keeps serving', async () => {
    expect((await fetch(`${h.baseUrl}/slack/nope`)).status).toBe(404);
    expect((await fetch(`${h.baseUrl}/slack/install`)).status).toBe(404);
    const res = await signedPost(h.eventsUrl, slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl() }));
    expect(res.status).toBe(200);
  });
});
