// Issue 17, item 1: the App Home tab through signed app_home_opened events and the fake Slack API: views.publish
// with a `home` view for the user, listing their last five questions with verdicts and the team profile and
// digest subscription of the channels they asked in; user text in it never pings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { homeView } from '../../src/adapters/slack/app-home.ts';
import { containsLivePing } from '../../src/core/safe-text.ts';
import { blockKitViolations } from './support/block-kit-limits.ts';
import { signedPost, slashCommandBody } from '../support/slack-signed-request.ts';
import { startSlackHarness, type SlackHarness } from './support/slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.close();
});

const homeOpened = (eventId: string, tab = 'home') =>
  JSON.stringify({
    token: 'deprecated',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_764_237_600,
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    event: { type: 'app_home_opened', user: 'U1', channel: 'D1', tab, event_ts: '1764237600.1' },
  });

async function ask(question: string, name: string, channelId = 'C1') {
  await signedPost(h.eventsUrl, slashCommandBody({ text: question, responseUrl: h.slack.responseUrl(name), channelId }));
  await h.slack.next((c) => c.path === `/response/${name}`);
}

async function waitForRecent(count: number) {
  for (let i = 0; i < 200; i++) {
    if ((await h.services.store.askedQuestions.recent({ platform: 'slack', workspaceId: 'T1', userId: 'U1' }, 10)).length >= count) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('questions were not remembered');
}

describe('Slack App Home', () => {
  it('given a user with questions and a channel profile then the home view lists them and the settings', async () => {
    await h.services.store.teamProfiles.update({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, () => ({ rust: 'some', go: 'strong', priorities: ['team-fit'] }), 'U9', new Date());
    for (let i = 0; i < 6; i++) {
      // One minute apart, so "newest first" has an order to keep.
      h.services.now = () => new Date(Date.UTC(2026, 10, 27, 10, i));
      await ask(`Rust or Go for service number ${i}?`, `q${i}`);
    }
    await waitForRecent(6);
    const res = await signedPost(h.eventsUrl, homeOpened('Ev-home-1'), { contentType: 'application/json' });
    expect(res.status).toBe(200);
    const published = await h.slack.next((c) => c.method === 'views.publish');
    expect(published.body.user_id).toBe('U1');
    const view = published.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('How to ask');
    expect(text).toContain('Team: Rust some, Go strong; priorities team-fit');
    expect(text).toContain('Digest: not subscribed');
    // The last five, newest first: question 0 is the sixth-newest and left out.
    expect(text).toContain('Rust or Go for service number 5?');
    expect(text).not.toContain('Rust or Go for service number 0?');
    expect(text).toMatch(/\*(Rust|Go|Rust \+ Go)[^*]*\*\\nRust or Go for service number 5\?/);
  });

  it('given the Messages tab opened then nothing is published', async () => {
    await signedPost(h.eventsUrl, homeOpened('Ev-home-2', 'messages'), { contentType: 'application/json' });
    await signedPost(h.eventsUrl, homeOpened('Ev-home-3'), { contentType: 'application/json' });
    await h.slack.next((c) => c.method === 'views.publish');
    expect(h.slack.calls.filter((c) => c.method === 'views.publish')).toHaveLength(1);
  });

  it('given a new user then the view says there is nothing yet', async () => {
    await signedPost(h.eventsUrl, homeOpened('Ev-home-4'), { contentType: 'application/json' });
    const published = await h.slack.next((c) => c.method === 'views.publish');
    expect(JSON.stringify(published.body.view)).toContain('No questions yet');
  });
});

describe('homeView', () => {
  it('given hostile questions then nothing pings and every block is within limits', () => {
    const long = `<!channel> <@U123> @here ${'x'.repeat(5000)}`;
    const view = homeView({
      recent: Array.from({ length: 5 }, () => ({ channelId: 'C1', question: long, verdict: long, at: new Date('2026-11-27T10:00:00Z') })),
      channels: [{ channelId: 'C1', profile: { rust: 'none', go: 'some', priorities: [] } }],
    });
    expect(containsLivePing(JSON.stringify(view.blocks).replace(/<#C1>/g, ''))).toBe(false);
    expect(blockKitViolations({ text: 'home', blocks: view.blocks })).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });
});
