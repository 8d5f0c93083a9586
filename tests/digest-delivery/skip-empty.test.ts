// `digest set skip-empty on`: a channel that asked for it gets no digest in a week with nothing new (recorded in
// the ledger so no later round posts it), still gets one when there is news or a source failed, and sees the
// option and the skipped week in `digest status`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { dispatchText } from '../../src/core/dispatch.ts';
import { reply } from '../../src/core/reply.ts';
import type { Services } from '../../src/core/services.ts';
import { NOTHING_NEW_REF } from '../../src/digest/delivery/deliver.ts';
import type { DigestContent } from '../../src/digest/digest-content.ts';
import { runDue } from '../../src/digest/run-due.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { memoryDeps, type RecordedPost } from './support/memory-posters.ts';
import { slackOrigin } from '../support/invocation-origin.ts';

const SUBSCRIBED = new Date('2026-11-30T08:00:00Z'); // Monday, before the 09:00 UTC slot
const DUE = new Date('2026-11-30T09:01:00Z');
const CHANNEL = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1' };
let now: Date;
let services: Services;

const run = (text: string, from = slackOrigin()) => dispatchText(`/rustvsgo ${text}`, from, services, commands);

function content(nothingNew: boolean): DigestContent {
  return { prepare: async () => 'ready', messageFor: async () => ({ reply: reply({ title: 'digest' }), nothingNew, chart: async () => undefined }) };
}

beforeEach(async () => {
  now = SUBSCRIBED;
  services = { ...(await createTestServices({ DIGEST_DEFAULT_DAY: 'monday', DIGEST_DEFAULT_TIME: '09:00', DIGEST_DEFAULT_TIMEZONE: 'UTC' })), now: () => now };
});
afterEach(async () => services.store.close());

describe('digest set skip-empty', () => {
  it('stores the option with the subscription and shows it in status', async () => {
    await run('digest subscribe');
    const set = await run('digest set skip-empty on');
    expect(set.outcome).toBe('ok');
    expect(set.reply.title).toBe('Weeks with nothing new are skipped');
    expect((await services.store.digestSubscriptions.get(CHANNEL))?.skipEmpty).toBe(true);
    const status = await run('digest status');
    expect(status.reply.fields).toContainEqual(expect.objectContaining({ label: 'Weeks with nothing new', value: expect.stringMatching(/^skipped/) }));
    expect(status.reply.data).toMatchObject({ skipEmpty: true });

    await run('digest set skip-empty off');
    expect((await services.store.digestSubscriptions.get(CHANNEL))?.skipEmpty).toBe(false);
    // Subscribing again (a new time) keeps the option as it is.
    await run('digest set skip-empty on');
    await run('digest subscribe friday 10:00 UTC');
    expect((await services.store.digestSubscriptions.get(CHANNEL))?.skipEmpty).toBe(true);
  });

  it('answers clearly for an unsubscribed channel, a bad value, and a member without the manage right', async () => {
    const unsubscribed = await run('digest set skip-empty on');
    expect(unsubscribed.reply.title).toBe('This channel is not subscribed to the digest');
    await run('digest subscribe');
    const bad = await run('digest set skip-empty maybe');
    expect(bad.outcome).not.toBe('ok');
    expect(JSON.stringify(bad.reply)).toContain('on');
    const denied = await run('digest set skip-empty on', slackOrigin({ isChannelAdmin: async () => false, userId: 'U2' }));
    expect(denied.outcome).not.toBe('ok');
    expect((await services.store.digestSubscriptions.get(CHANNEL))?.skipEmpty).toBe(false);
  });
});

describe('delivery with skip-empty on', () => {
  beforeEach(async () => {
    await run('digest subscribe');
    await run('digest set skip-empty on');
    now = DUE;
  });

  it('posts nothing in a week with nothing new, records the week, and never posts it later', async () => {
    const posts: RecordedPost[] = [];
    const deps = { ...memoryDeps(services.store, posts), content: content(true), now: () => now };
    const result = await runDue(deps);
    expect(result.deliveries.map((d) => d.outcome)).toEqual(['skipped_empty']);
    expect(posts).toEqual([]);
    expect(await services.store.digestLedger.get(CHANNEL, '2026-W49')).toMatchObject({ state: 'sent', messageRef: NOTHING_NEW_REF });
    now = new Date(DUE.getTime() + 3_600_000);
    expect((await runDue(deps)).due).toBe(0);
    const status = await run('digest status');
    expect(status.reply.fields).toContainEqual(expect.objectContaining({ label: 'Last delivery', value: expect.stringContaining('skipped: nothing new') }));
  });

  it('posts a week with news', async () => {
    const posts: RecordedPost[] = [];
    const result = await runDue({ ...memoryDeps(services.store, posts), content: content(false), now: () => now });
    expect(result.deliveries.map((d) => d.outcome)).toEqual(['sent']);
    expect(posts).toHaveLength(1);
  });

  it('posts every week for a channel that did not ask to skip', async () => {
    await run('digest set skip-empty off');
    const posts: RecordedPost[] = [];
    const result = await runDue({ ...memoryDeps(services.store, posts), content: content(true), now: () => now });
    expect(result.deliveries.map((d) => d.outcome)).toEqual(['sent']);
    expect(posts).toHaveLength(1);
  });
});
