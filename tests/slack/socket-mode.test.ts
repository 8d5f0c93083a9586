// Socket Mode (SLACK_APP_TOKEN): the App is built on Bolt's SocketModeReceiver and the same listeners answer.
// Nothing connects: events are injected through app.processEvent, as the receiver would deliver them.
import { SocketModeReceiver } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { appMentionEnvelope } from './support/payload-builders.ts';
import { startSlackHarness, type SlackHarness } from './support/slack-harness.ts';

const SOCKET_ENV = { SLACK_APP_TOKEN: 'xapp-1-test', SLACK_SIGNING_SECRET: '' };

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Block = { type: string; elements?: { action_id?: string }[] };

describe('Socket Mode', () => {
  it('builds the app on a SocketModeReceiver and serves no /slack/events over HTTP', async () => {
    h = await startSlackHarness(SOCKET_ENV, { start: false });
    expect(h.adapter.connection).toBe('socket');
    expect((h.adapter.app as unknown as { receiver: unknown }).receiver).toBeInstanceOf(SocketModeReceiver);
    expect((await fetch(h.eventsUrl, { method: 'POST', body: '{}' })).status).toBe(404);
    expect(h.adapter.isReady()).toBe(false);
  });

  it('acknowledges /rustvsgo at once and answers at the response URL', async () => {
    h = await startSlackHarness(SOCKET_ENV, { start: false });
    const acks: unknown[] = [];
    await h.adapter.app.processEvent({
      body: {
        command: '/rustvsgo',
        text: 'help',
        team_id: 'T1',
        channel_id: 'C1',
        user_id: 'U1',
        user_name: 'alice',
        response_url: h.slack.responseUrl('socket'),
        trigger_id: '1',
        api_app_id: 'A1',
      },
      ack: async (response?: unknown) => {
        acks.push(response);
      },
    });
    expect(acks).toEqual([undefined]);
    const answer = await h.slack.next((c) => c.path === '/response/socket');
    expect(answer.body.response_type).toBe('ephemeral');
    expect((answer.body.blocks as Block[]).find((b) => b.type === 'actions')?.elements?.[0]?.action_id).toBe('rustvsgo_share_0');
  });

  it('answers a mention in its thread', async () => {
    h = await startSlackHarness(SOCKET_ENV, { start: false });
    await h.adapter.app.processEvent({ body: appMentionEnvelope({ text: '<@UBOT> gc pauses?', eventId: 'Ev-socket', ts: '7.1' }), ack: async () => undefined });
    const post = await h.slack.next((c) => c.method === 'chat.postMessage');
    expect(post.body).toMatchObject({ channel: 'C1', thread_ts: '7.1' });
  });

  it('serves the OAuth install pages on the shared server when OAuth is configured', async () => {
    h = await startSlackHarness(
      { ...SOCKET_ENV, SLACK_BOT_TOKEN: '', SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 'secret-abcdefgh', SLACK_STATE_SECRET: 'state-abcdefgh' },
      { start: false },
    );
    expect(h.adapter.auth).toBe('oauth');
    const res = await fetch(`${h.baseUrl}/slack/install`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('client_id=1.2');
  });
});
