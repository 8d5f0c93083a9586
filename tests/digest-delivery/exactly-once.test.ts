// Exactly one digest per channel and week, through a crash at every step of delivery and a restart (a new store
// connection, holder, posters and content on the same SQLite file), on a fake Slack API and a fake Discord API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryStep } from '../../src/digest/delivery/deliver.ts';
import { runDue } from '../../src/digest/run-due.ts';
import { createDeliveryWorld, DISCORD_CHANNEL, SLACK_CHANNEL, type DeliveryWorld } from './support/delivery-world.ts';
import { createSlackPoster, SLACK_DIGEST_EVENT_TYPE, slackChartFileName } from '../../src/adapters/slack/digest-poster.ts';
import { pngSize } from './support/png-header.ts';

const SUBSCRIBED_AT = '2026-11-30T08:00:00Z'; // Monday, an hour before the slot
const SLOT = { day: 'monday', time: '09:00', timezone: 'UTC' } as const;
const DUE = '2026-11-30T09:00:30Z';
const WEEK = '2026-W49';
const AFTER_LEASE_MS = 6 * 60_000; // the default claim lasts 5 minutes

class Crash extends Error {}

let world: DeliveryWorld;

/** A world with both channels subscribed and the clock at the slot; `slackHistoryCheck` is the opt-in (off by default). */
async function setUp(options: { slackHistoryCheck?: boolean } = {}): Promise<void> {
  world = await createDeliveryWorld(SUBSCRIBED_AT, options);
  const setup = await world.start();
  await setup.store.digestSubscriptions.subscribe(SLACK_CHANNEL, SLOT, 'U1', world.clock.now());
  await setup.store.digestSubscriptions.subscribe(DISCORD_CHANNEL, SLOT, 'U2', world.clock.now());
  world.clock.set(DUE);
}

afterEach(async () => {
  await world.close();
});

const slackCalls = (method: string) => world.slack.calls.filter((call) => call.method === method);

function expectExactlyOneEach(): void {
  expect(world.slack.inChannel('C1')).toHaveLength(1);
  expect(world.discord.inChannel('222')).toHaveLength(1);
  expectExactlyOneChartEach();
}

/** One trend chart per platform: in the Slack digest's thread, and attached to the Discord digest its embed shows. */
function expectExactlyOneChartEach(): void {
  const digest = world.slack.inChannel('C1')[0]!;
  expect(world.slack.files).toHaveLength(1);
  const slackChart = world.slack.files[0]!;
  expect(slackChart).toMatchObject({ channel: 'C1', threadTs: digest.ts, name: slackChartFileName(WEEK) });
  expect(slackChart.altText).toMatch(/^Two line charts/);
  expect(pngSize(slackChart.bytes).width).toBeGreaterThan(300);
  const discordMessage = world.discord.inChannel('222')[0]!;
  expect(discordMessage.attachments).toHaveLength(1);
  expect(discordMessage.attachments[0]).toMatchObject({ filename: 'chart.png', content_type: 'image/png' });
  expect(discordMessage.attachments[0]!.description).toMatch(/^Two line charts/);
  expect(pngSize(discordMessage.attachments[0]!.bytes).height).toBeGreaterThan(200);
  expect(discordMessage.embeds.at(-1)).toMatchObject({ image: { url: 'attachment://chart.png' } });
}

describe('delivery without failures', () => {
  beforeEach(() => setUp());

  it('posts one digest per subscribed channel, marked with its week, and records both as sent', async () => {
    const bot = await world.start();
    const result = await runDue(bot.deps);

    expect(result.collection).toBe('collected');
    expect(result.deliveries.map((d) => d.outcome)).toEqual(['sent', 'sent']);
    expectExactlyOneEach();
    const slackMessage = world.slack.inChannel('C1')[0]!;
    expect(slackMessage.metadata).toEqual({ event_type: SLACK_DIGEST_EVENT_TYPE, event_payload: { week: WEEK, channel: 'C1' } });
    expect(slackMessage.blocks.length).toBeGreaterThan(0);
    const discordMessage = world.discord.inChannel('222')[0]!;
    expect(discordMessage.content).toContain(`rustvsgo weekly digest · ${WEEK}`);
    expect(discordMessage.nonce).toMatch(/^rvg202649[0-9a-f]{12}$/);
    expect(discordMessage.allowed_mentions).toEqual({ parse: [] });
    const ledger = await bot.store.digestLedger.forWeek(WEEK);
    expect(ledger.map((r) => [r.channel.platform, r.state, r.attempts])).toEqual([
      ['discord', 'sent', 1],
      ['slack', 'sent', 1],
    ]);
    expect(ledger.find((r) => r.channel.platform === 'slack')?.messageRef).toBe(slackMessage.ts);
  });

  it('collects once for all channels and delivers nothing more on later rounds of the same week', async () => {
    const bot = await world.start();
    await runDue(bot.deps);
    world.clock.advance(60 * 60_000);
    const again = await runDue(bot.deps);
    world.clock.set('2026-12-06T23:59:00Z'); // Sunday, still the same ISO week
    const later = await runDue(bot.deps);

    expect(bot.collections).toBe(1);
    expect(again.due).toBe(0);
    expect(later.deliveries).toEqual([]);
    expectExactlyOneEach();
  });

  it('sends nothing before the slot', async () => {
    world.clock.set('2026-11-30T08:59:59Z');
    const bot = await world.start();
    const result = await runDue(bot.deps);
    expect(result.due).toBe(0);
    expect(world.slack.messages).toHaveLength(0);
    expect(world.discord.messages).toHaveLength(0);
  });

  it('two replicas racing on the same database deliver each channel once', async () => {
    const [a, b] = [await world.start(), await world.start()];
    const results = await Promise.all([runDue(a.deps), runDue(b.deps)]);

    expectExactlyOneEach();
    const sent = results.flatMap((r) => r.deliveries).filter((d) => d.outcome === 'sent');
    expect(sent).toHaveLength(2);
    expect(a.collections + b.collections).toBe(1);
  });
});

// Every crash and failure scenario runs twice: without the history scopes (the default) and with
// SLACK_DIGEST_HISTORY_CHECK=true. The chart state in the ledger makes both end with exactly one chart; history only
// decides the started-not-done window.
describe.each([
  ['off (the default)', false],
  ['on', true],
])('with the Slack history check %s', (_label, history) => {
  beforeEach(() => setUp({ slackHistoryCheck: history }));

  describe.each<DeliveryStep>(['claimed', 'sent', 'charted', 'recorded'])('a crash after the step "%s", then a restart', (step) => {
    it('ends with exactly one digest in each channel', async () => {
      let crashes = 0;
      const crashing = await world.start({
        onStep: (at) => {
          if (at === step) {
            crashes += 1;
            throw new Crash(`crash after ${at}`);
          }
        },
      });
      // The first channel's delivery dies at `step`; the process dies with it.
      await expect(runDue(crashing.deps)).rejects.toBeInstanceOf(Crash);
      expect(crashes).toBe(1);

      // A restart within the dead holder's claim leaves that channel alone (its holder might still be sending)...
      world.clock.advance(60_000);
      const restarted = await world.start();
      await runDue(restarted.deps);
      const claimedByDead = (await restarted.store.digestLedger.forWeek(WEEK)).filter((r) => r.state === 'claimed');
      expect(claimedByDead).toHaveLength(step === 'recorded' ? 0 : 1);

      // ...and once the claim has expired, the next round finishes it without a second post.
      world.clock.advance(AFTER_LEASE_MS);
      const final = await world.start();
      const result = await runDue(final.deps);

      expectExactlyOneEach();
      const ledger = await final.store.digestLedger.forWeek(WEEK);
      expect(ledger.map((r) => r.state)).toEqual(['sent', 'sent']);
      if (step === 'sent' || step === 'charted') expect(result.deliveries.map((d) => d.outcome)).toContain('recovered');
    });
  });

  describe('the Slack chart upload fails after the digest was posted', () => {
    it('retries: the digest is found, not posted again, and the chart is uploaded once without reading the thread', async () => {
      world.slack.failNext('upload', 1, { status: 500 });
      const first = await world.start();
      const result = await runDue(first.deps);
      expect(result.deliveries.find((d) => d.channel.platform === 'slack')?.outcome).toBe('failed');
      expect(world.slack.files).toHaveLength(0);

      world.clock.advance(6 * 60_000); // past the 5-minute backoff
      const retry = await world.start();
      const again = await runDue(retry.deps);
      expect(again.deliveries.map((d) => [d.channel.platform, d.outcome])).toEqual([['slack', 'recovered']]);
      expectExactlyOneEach();
      // The bytes never reached Slack, so the ledger never marked the chart started: nothing to look for.
      expect(slackCalls('conversations.replies')).toHaveLength(0);
    });
  });

  describe('a restart in the middle of delivery, for a Slack and a Discord channel', () => {
    it.each([
      ['Slack', 'C1'],
      ['Discord', '222'],
    ])('a %s post sent but not recorded is found on the platform and recorded, not posted again', async (_name, crashChannel) => {
      const crashing = await world.start({
        onStep: (at, channel) => {
          if (at === 'sent' && channel.channelId === crashChannel) throw new Crash('killed between send and record');
        },
      });
      await expect(runDue(crashing.deps)).rejects.toBeInstanceOf(Crash);
      world.clock.advance(AFTER_LEASE_MS);

      const restarted = await world.start();
      const result = await runDue(restarted.deps);

      expectExactlyOneEach();
      const recovered = result.deliveries.find((d) => d.channel.channelId === crashChannel);
      expect(recovered?.outcome).toBe('recovered');
      const record = await restarted.store.digestLedger.get(recovered!.channel, WEEK);
      const posted = crashChannel === 'C1' ? world.slack.inChannel('C1')[0]!.ts : world.discord.inChannel('222')[0]!.id;
      expect(record?.messageRef).toBe(posted);
    });
  });


  // The one window the ledger cannot settle alone: the chart was marked started and files.completeUploadExternal
  // was called, but its answer never came back. Slack may or may not have shared the file.
  describe('the completing call of the Slack chart upload gets no answer (chart started, not done)', () => {
    async function firstAttemptFailsAtCompletion(shared: boolean): Promise<void> {
      world.slack.failNext('files.completeUploadExternal', 1, { status: 500, afterEffect: shared });
      const first = await world.start();
      const result = await runDue(first.deps);
      expect(result.deliveries.find((d) => d.channel.platform === 'slack')?.outcome).toBe('failed');
      expect(world.slack.files).toHaveLength(shared ? 1 : 0);
      expect((await first.store.digestLedger.get(SLACK_CHANNEL, WEEK))?.chartState).toBe('started');
      world.clock.advance(6 * 60_000); // past the 5-minute backoff
    }

    it(`Slack had shared it: the retry records the digest without a second chart${history ? ', after reading the thread' : ', without reading the thread'}`, async () => {
      await firstAttemptFailsAtCompletion(true);
      const retry = await world.start();
      const again = await runDue(retry.deps);

      expect(again.deliveries.map((d) => [d.channel.platform, d.outcome])).toEqual([['slack', 'recovered']]);
      expectExactlyOneEach();
      expect(slackCalls('conversations.replies')).toHaveLength(history ? 1 : 0);
      expect(slackCalls('files.completeUploadExternal')).toHaveLength(1);
      expect((await retry.store.digestLedger.get(SLACK_CHANNEL, WEEK))?.chartState).toBe('done');
    });

    it(
      history
        ? 'Slack had not shared it: the retry reads the thread, finds no chart and uploads it once'
        : 'Slack had not shared it: without history the retry cannot tell, so the digest stays without a chart rather than risk two',
      async () => {
        await firstAttemptFailsAtCompletion(false);
        const retry = await world.start();
        const again = await runDue(retry.deps);

        expect(again.deliveries.map((d) => [d.channel.platform, d.outcome])).toEqual([['slack', 'recovered']]);
        expect(world.slack.inChannel('C1')).toHaveLength(1);
        if (history) {
          expectExactlyOneEach();
          expect(slackCalls('conversations.replies')).toHaveLength(1);
        } else {
          expect(world.slack.files).toHaveLength(0);
          expect(slackCalls('conversations.replies')).toHaveLength(0);
        }
        expect(slackCalls('conversations.history')).toHaveLength(0);
        const record = await retry.store.digestLedger.get(SLACK_CHANNEL, WEEK);
        expect([record?.state, record?.chartState]).toEqual(['sent', 'done']);
      },
    );
  });

  describe('Slack answers the completing call with a definite no (429 longer than a claim may wait)', () => {
    it('clears "started", so the retry uploads the chart once without reading the thread', async () => {
      world.slack.failNext('files.completeUploadExternal', 1, { retryAfterSeconds: 120 });
      const first = await world.start();
      const result = await runDue(first.deps);
      expect(result.deliveries.find((d) => d.channel.platform === 'slack')?.outcome).toBe('failed');
      expect(world.slack.files).toHaveLength(0);
      expect((await first.store.digestLedger.get(SLACK_CHANNEL, WEEK))?.chartState).toBe('none');

      world.clock.advance(3 * 60_000); // past Slack's Retry-After
      const retry = await world.start();
      const again = await runDue(retry.deps);
      expect(again.deliveries.map((d) => [d.channel.platform, d.outcome])).toEqual([['slack', 'recovered']]);
      expectExactlyOneEach();
      expect(slackCalls('conversations.replies')).toHaveLength(0);
    });
  });
});

// Minimal Slack scopes: by default the app has no channels:history/groups:history, so recovery must not read history.
describe('Slack recovery without the history scopes (the default)', () => {
  beforeEach(() => setUp());

  it('finds the digest through the ts the ledger kept right after the post, never calling conversations.history', async () => {
    const crashing = await world.start({
      onStep: (at, channel) => {
        if (at === 'sent' && channel.channelId === 'C1') throw new Crash('killed between send and record');
      },
    });
    await expect(runDue(crashing.deps)).rejects.toBeInstanceOf(Crash);
    const kept = await crashing.store.digestLedger.get(SLACK_CHANNEL, WEEK);
    expect(kept?.messageRef).toBe(world.slack.inChannel('C1')[0]!.ts);
    world.clock.advance(AFTER_LEASE_MS);

    const restarted = await world.start();
    const result = await runDue(restarted.deps);
    expect(result.deliveries.find((d) => d.channel.channelId === 'C1')?.outcome).toBe('recovered');
    expectExactlyOneEach();
    expect(world.slack.calls.filter((c) => c.method === 'conversations.history')).toHaveLength(0);
  });

  it('reads history only when SLACK_DIGEST_HISTORY_CHECK turns it on', async () => {
    const bot = await world.start();
    await runDue(bot.deps);
    const posted = world.slack.inChannel('C1')[0]!;
    const off = createSlackPoster({ apiUrl: world.slack.apiUrl, tokenFor: async () => 'xoxb-test' });
    expect(await off.findPosted(SLACK_CHANNEL, WEEK)).toBeUndefined();
    expect(world.slack.calls.filter((c) => c.method === 'conversations.history')).toHaveLength(0);
    const on = createSlackPoster({ apiUrl: world.slack.apiUrl, tokenFor: async () => 'xoxb-test', historyCheck: true });
    expect(await on.findPosted(SLACK_CHANNEL, WEEK)).toBe(posted.ts);
  });
});
