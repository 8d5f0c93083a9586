// Our failures reach the user as a short apology with an id to quote (details only in the log), and the
// process keeps serving.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../src/commands/index.ts';
import { defineCommand } from '../../src/core/command-spec.ts';
import { signedPost, slashCommandBody } from '../support/slack-signed-request.ts';
import { startSlackHarness, type SlackHarness } from './support/slack-harness.ts';

const explode = defineCommand({
  name: 'explode',
  description: 'test: fails',
  examples: ['explode'],
  access: 'everyone',
  args: z.object({}),
  handle: () => {
    throw new Error('database on fire: xoxb-secret-in-error');
  },
});

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('failures', () => {
  it('a failing command answers with an apology and an error id, logs the details, and the next command works', async () => {
    h = await startSlackHarness({}, { commands: [...commands, explode] });
    const lines: string[] = [];
    h.services.logger = pino(
      { level: 'error' },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    await signedPost(h.eventsUrl, slashCommandBody({ text: 'explode', responseUrl: h.slack.responseUrl('boom') }));
    const apology = await h.slack.next((c) => c.path === '/response/boom');
    const text = JSON.stringify(apology.body);
    expect(text).toContain('Sorry, something went wrong');
    const id = /error id `([A-Za-z0-9_-]+)`/.exec(text)?.[1];
    expect(id).toBeDefined();
    expect(text).not.toContain('database on fire');
    expect(lines.some((l) => l.includes(id!) && l.includes('database on fire'))).toBe(true);

    await signedPost(h.eventsUrl, slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl('after') }));
    await h.slack.next((c) => c.path === '/response/after');
  });

  it('a response URL that refuses the answer is logged and does not stop the bot', async () => {
    h = await startSlackHarness();
    // A response URL the fake rejects with 404 (as Slack does for an expired one).
    const rejected = `${h.slack.apiUrl}nowhere`;
    h.slack.on('nowhere', () => ({ status: 404, json: {} }));
    const res = await signedPost(h.eventsUrl, slashCommandBody({ text: 'help', responseUrl: rejected }));
    expect(res.status).toBe(200);
    // The answer, then the apology for the failed answer, were both tried there.
    await h.slack.next((c) => c.method === 'nowhere' && JSON.stringify(c.body).includes('went wrong'));
    await signedPost(h.eventsUrl, slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl('still-up') }));
    await h.slack.next((c) => c.path === '/response/still-up');
  });
});
