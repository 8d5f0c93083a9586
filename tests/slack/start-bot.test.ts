// "Done when": with SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL and PORT set, the bot as `npm start`
// builds it serves POST /slack/events: a signed command gets 200 and its answer arrives at the response URL.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/env.ts';
import { startBot, type RunningBot } from '../../src/runtime/start.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { SIGNING_SECRET, signedPost, slashCommandBody } from '../support/slack-signed-request.ts';

let bot: RunningBot | undefined;
let slack: FakeSlackApi | undefined;
afterEach(async () => {
  await bot?.stop();
  await slack?.close();
});

describe('startBot with Slack configured', () => {
  it('serves signed /rustvsgo on the shared port and answers at the response URL', async () => {
    slack = await startFakeSlackApi();
    const config = parseConfig({
      DATABASE_URL: 'sqlite::memory:',
      LOG_LEVEL: 'silent',
      PORT: '0',
      HOST: '127.0.0.1',
      DIGEST_ENABLED: 'false',
      SLACK_BOT_TOKEN: 'xoxb-start-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    });
    bot = await startBot(config, pino({ level: 'silent' }));
    expect(bot.adapters.map((a) => a.name)).toContain('slack');
    const url = `http://127.0.0.1:${bot.port}/slack/events`;

    const ok = await signedPost(url, slashCommandBody({ text: 'Rust or Go for an edge gateway?', responseUrl: slack.responseUrl('start') }));
    expect(ok.status).toBe(200);
    const answer = await slack.next((c) => c.path === '/response/start');
    expect((answer.body.blocks as { type: string }[])[0]?.type).toBe('header');

    const forged = await signedPost(url, slashCommandBody({ text: 'help', responseUrl: slack.responseUrl() }), { secret: 'wrong' });
    expect(forged.status).toBe(401);
  });
});
