// Issue 11, item 5 on Slack, through the real HTTP receiver and signed requests against the fake Slack API: an
// answer with a follow-up shows its options as buttons; pressing one re-asks with that fact added and replaces
// the answer in place (response_url, replace_original). "Show full answer" under an ephemeral answer expands it
// in place too, instead of posting the full answer in the channel. Hand-built advice (fixtureAskCommand).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { fixtureAskCommand, SETTLING_FACT } from '../helpers/advice-fixtures.ts';
import { slackVisibleChars } from '../helpers/visible-chars.ts';
import { blockAction, appMentionEnvelope } from './support/payload-builders.ts';
import { blockActionBody, signedPost, slashCommandBody } from '../support/slack-signed-request.ts';
import { startSlackHarness, type SlackHarness } from './support/slack-harness.ts';

type Button = { action_id: string; value: string; text: { text: string } };
type Block = { type: string; text?: { text: string }; elements?: Button[] };

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness({}, { commands: commands.map((c) => (c.name === 'ask' ? fixtureAskCommand : c)) });
});
afterEach(async () => {
  await h.close();
});

const QUESTION = 'Rust or Go for a rate limiter?';
const buttonsOf = (blocks: unknown) => ((blocks as Block[]).find((b) => b.type === 'actions')?.elements ?? []) as Button[];
const headerOf = (blocks: unknown) => (blocks as Block[])[0]?.text?.text;

async function slashAnswer(name: string) {
  await signedPost(h.eventsUrl, slashCommandBody({ text: QUESTION, responseUrl: h.slack.responseUrl(name) }));
  return h.slack.next((c) => c.path === `/response/${name}`);
}

describe('follow-up buttons on Slack', () => {
  it('given an answer with a follow-up then its options are buttons that re-ask the whole question', async () => {
    const answer = await slashAnswer('first');
    expect(headerOf(answer.body.blocks)).toBe('Go · confidence 0.52 (low) · Rust 70 / Go 71');
    const followUps = buttonsOf(answer.body.blocks).filter((b) => b.action_id.startsWith('rustvsgo_follow_up'));
    expect(followUps.map((b) => [b.text.text, b.value])).toEqual([
      ['Rust', `ask ${QUESTION} ${SETTLING_FACT.rust}`],
      ['Go', `ask ${QUESTION} ${SETTLING_FACT.go}`],
    ]);
    expect(slackVisibleChars({ text: '', blocks: answer.body.blocks as never })).toBeLessThanOrEqual(1000);
  });

  it('given a follow-up pressed under an ephemeral answer then the new answer replaces it, still shareable', async () => {
    const answer = await slashAnswer('first');
    const rust = buttonsOf(answer.body.blocks).find((b) => b.text.text === 'Rust')!;
    const res = await signedPost(h.eventsUrl, blockActionBody(blockAction({ actionId: rust.action_id, value: rust.value, responseUrl: h.slack.responseUrl('rescored') })));
    expect(res.status).toBe(200);
    const replaced = await h.slack.next((c) => c.path === '/response/rescored');
    expect(replaced.body.replace_original).toBe(true);
    expect(headerOf(replaced.body.blocks)).toBe('Rust · confidence 0.86 (high) · Rust 80 / Go 64');
    const buttons = buttonsOf(replaced.body.blocks);
    expect(buttons[0]?.action_id).toMatch(/^rustvsgo_share/);
    expect(buttons.some((b) => b.action_id.startsWith('rustvsgo_follow_up'))).toBe(false);
    // Nothing was posted to the channel: only the asker saw either answer.
    expect(h.slack.calls.some((c) => c.method === 'chat.postMessage')).toBe(false);
  });

  it('given a follow-up pressed under a thread answer then the thread answer is replaced, with no Share button', async () => {
    await signedPost(h.eventsUrl, JSON.stringify(appMentionEnvelope({ text: `<@UBOT> ${QUESTION}`, eventId: 'Ev-fu', ts: '800.1' })), { contentType: 'application/json' });
    const posted = await h.slack.next((c) => c.method === 'chat.postMessage' && c.body.thread_ts === '800.1');
    const go = buttonsOf(posted.body.blocks).find((b) => b.text.text === 'Go')!;
    expect(buttonsOf(posted.body.blocks).some((b) => b.action_id.startsWith('rustvsgo_share'))).toBe(false);
    await signedPost(
      h.eventsUrl,
      blockActionBody(blockAction({ actionId: go.action_id, value: go.value, messageTs: '800.2', threadTs: '800.1', responseUrl: h.slack.responseUrl('thread') })),
    );
    const replaced = await h.slack.next((c) => c.path === '/response/thread');
    expect(replaced.body.replace_original).toBe(true);
    expect(headerOf(replaced.body.blocks)).toBe('Go · confidence 0.88 (high) · Rust 61 / Go 78');
    expect(buttonsOf(replaced.body.blocks).map((b) => b.action_id)).toEqual([expect.stringMatching(/^rustvsgo_show_full/), 'feedback_up', 'feedback_down', 'save_adr']);
  });

  it('given a follow-up button carrying a settings command then it is refused, not run', async () => {
    await signedPost(
      h.eventsUrl,
      blockActionBody(blockAction({ actionId: 'rustvsgo_follow_up_2', value: 'team set rust=strong go=none', responseUrl: h.slack.responseUrl('manage') })),
    );
    const answer = await h.slack.next((c) => c.path === '/response/manage');
    expect(JSON.stringify(answer.body.blocks)).toMatch(/permission|not allowed|can't|cannot|only/i);
    expect(await h.services.store.teamProfiles.get({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' })).toBeUndefined();
  });

  it('given "Show full answer" under an ephemeral answer then the full answer replaces it in place', async () => {
    const answer = await slashAnswer('first');
    const full = buttonsOf(answer.body.blocks).find((b) => b.action_id.startsWith('rustvsgo_show_full'))!;
    expect(full.value).toBe(`ask --full ${QUESTION}`);
    await signedPost(h.eventsUrl, blockActionBody(blockAction({ actionId: full.action_id, value: full.value, responseUrl: h.slack.responseUrl('full') })));
    const replaced = await h.slack.next((c) => c.path === '/response/full');
    expect(replaced.body.replace_original).toBe(true);
    expect(headerOf(replaced.body.blocks)).toBe('Go · confidence 0.52 (low)');
    expect(JSON.stringify(replaced.body.blocks)).toContain('Trade-off (the case for Rust)');
    // The full answer keeps the follow-up options and the Share button.
    expect(buttonsOf(replaced.body.blocks).map((b) => b.action_id.replace(/_\d+$/, ''))).toEqual(['rustvsgo_share', 'rustvsgo_follow_up', 'rustvsgo_follow_up', 'feedback_up', 'feedback_down', 'save_adr']);
    expect(h.slack.calls.some((c) => c.method === 'chat.postMessage')).toBe(false);
  });
});
