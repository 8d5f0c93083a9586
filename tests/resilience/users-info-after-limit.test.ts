// Issue 14: with SETTINGS_ACCESS=admins, Slack's users.info is asked only after the rate limit let the command
// through (it used to be asked first: 60 `team set` meant 60 users.info calls, limited or not), and only for
// settings commands.
import { afterEach, describe, expect, it } from 'vitest';
import { createCommandRateLimiter } from '../../src/ops/command-rate-limiter.ts';
import { signedPost, slashCommandBody } from '../support/slack-signed-request.ts';
import { startSlackHarness, type SlackHarness } from '../slack/support/slack-harness.ts';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('users.info and the rate limit', () => {
  it('asks users.info once per settings command the limit lets through, and never for other commands', async () => {
    h = await startSlackHarness({ SETTINGS_ACCESS: 'admins' });
    h.services.rateLimiter = createCommandRateLimiter(h.services.store.rateLimits, { userPerMinute: 3, channelPerMinute: 1000 });
    const sent = 10;
    for (let i = 0; i < sent; i += 1) {
      await signedPost(h.eventsUrl, slashCommandBody({ text: 'team set rust=none go=strong', responseUrl: h.slack.responseUrl(`set-${i}`) }));
    }
    for (let i = 0; i < sent; i += 1) await h.slack.next((c) => c.path === `/response/set-${i}`);
    expect(h.slack.calls.filter((c) => c.method === 'users.info')).toHaveLength(3);

    // Everyday commands (another user, fresh budget) never ask.
    await signedPost(h.eventsUrl, slashCommandBody({ text: 'help', userId: 'U2', responseUrl: h.slack.responseUrl('help') }));
    await h.slack.next((c) => c.path === '/response/help');
    expect(h.slack.calls.filter((c) => c.method === 'users.info')).toHaveLength(3);
  });
});
