// Issue 17, item 3: channel settings through Slack modals, through the real HTTP receiver with signed requests
// against the fake Slack API. `/rustvsgo team` and `/rustvsgo digest subscribe` alone open a modal (views.open on
// the command's trigger) filled in with the channel's values; the App Home's buttons open the same modals; a
// submission is saved through the same dispatch path as the text commands (SETTINGS_ACCESS included), answers
// `response_action: "errors"` per block when something is wrong, and confirms ephemerally in the channel.
import { afterEach, describe, expect, it } from 'vitest';
import { CRITERION_IDS } from '../../src/knowledge/criterion.ts';
import { blockActionBody, signedPost, slashCommandBody } from '../support/slack-signed-request.ts';
import { startSlackHarness, type SlackHarness } from './support/slack-harness.ts';

type Option = { text: { type: string; text: string }; value: string };
type Element = {
  type: string;
  action_id: string;
  options?: Option[];
  option_groups?: { label: { text: string }; options: Option[] }[];
  initial_option?: Option;
  initial_options?: Option[];
  initial_time?: string;
  max_selected_items?: number;
};
type Block = { type: string; block_id?: string; optional?: boolean; element?: Element; elements?: { action_id: string; value: string }[] };
type View = { type: string; callback_id: string; private_metadata: string; title: { text: string }; submit?: { text: string }; blocks: Block[] };

const C1 = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1' };

let h: SlackHarness;
afterEach(async () => {
  await h.close();
});

/** A harness whose users.info says U1 is (or is not) a workspace admin, under the default SETTINGS_ACCESS=admins. */
async function harness(isAdmin: boolean, env: Record<string, string> = {}) {
  h = await startSlackHarness(env);
  h.slack.on('users.info', (body) => ({ json: { ok: true, user: { id: body.user, is_admin: isAdmin, is_owner: false } } }));
  return h;
}

async function command(text: string, name: string, fields: { withoutTrigger?: boolean } = {}) {
  const body = new URLSearchParams(slashCommandBody({ text, responseUrl: h.slack.responseUrl(name) }));
  if (fields.withoutTrigger) body.delete('trigger_id');
  const res = await signedPost(h.eventsUrl, body.toString());
  expect(res.status).toBe(200);
}

async function openedView(): Promise<View> {
  const call = await h.slack.next((c) => c.method === 'views.open');
  expect(call.body.trigger_id).toBe('1.2.3');
  return call.body.view as View;
}

const block = (view: View, id: string) => view.blocks.find((b) => b.block_id === id)!;
const selected = (value: string | null) => ({ type: 'static_select', selected_option: value === null ? null : { text: { type: 'plain_text', text: value }, value } });

function teamValues(rust: string | null, go: string | null, priorities: string[]) {
  return {
    rust: { value: selected(rust) },
    go: { value: selected(go) },
    priorities: { value: { type: 'multi_static_select', selected_options: priorities.map((p) => ({ text: { type: 'plain_text', text: p }, value: p })) } },
  };
}

function digestValues(enabled: string, day: string, time: string | null, zone: string) {
  return {
    enabled: { value: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: enabled }, value: enabled } } },
    day: { value: selected(day) },
    time: { value: { type: 'timepicker', selected_time: time } },
    timezone: { value: selected(zone) },
  };
}

/** Submits a modal as Slack does (view_submission) and returns the body of the ack: {} when it closes the form. */
async function submit(view: Pick<View, 'callback_id' | 'private_metadata'>, values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const payload = {
    type: 'view_submission',
    team: { id: 'T1', domain: 'test' },
    user: { id: 'U1', username: 'alice', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'deprecated',
    trigger_id: '4.5.6',
    view: { id: 'V1', type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values }, hash: 'h' },
  };
  const res = await signedPost(h.eventsUrl, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  expect(res.status).toBe(200);
  const text = await res.text();
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function homeButton(actionId: string, channelId: string) {
  return blockActionBody({
    type: 'block_actions',
    user: { id: 'U1', username: 'alice', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'deprecated',
    team: { id: 'T1', domain: 'test' },
    container: { type: 'view', view_id: 'VHOME' },
    trigger_id: '1.2.3',
    view: { id: 'VHOME', type: 'home' },
    actions: [{ type: 'button', action_id: actionId, block_id: `channel_${channelId}`, value: channelId, text: { type: 'plain_text', text: 'Edit' }, action_ts: '1764237601.1' }],
  });
}

/** Waits until the tracked work of every request so far has finished (the adapter's stop() awaits it). */
async function settled() {
  await h.adapter.stop();
}

describe('team profile modal', () => {
  it('given /rustvsgo team alone then the modal opens on the trigger with the channel profile filled in, and no text answer', async () => {
    await harness(true);
    await h.services.store.teamProfiles.update(C1, () => ({ rust: 'some', go: 'strong', priorities: ['safety', 'team-fit'] }), 'U9', new Date());
    await command('team', 'team');
    const view = await openedView();
    expect(view).toMatchObject({ type: 'modal', callback_id: 'settings_team_profile', title: { text: 'Team profile' }, submit: { text: 'Save' } });
    expect(JSON.parse(view.private_metadata)).toEqual({ channelId: 'C1', openedFrom: 'command', responseUrl: h.slack.responseUrl('team') });
    expect(block(view, 'rust').element).toMatchObject({ type: 'static_select', initial_option: { value: 'some' } });
    expect(block(view, 'go').element).toMatchObject({ type: 'static_select', initial_option: { value: 'strong' } });
    expect(block(view, 'rust').element!.options!.map((o) => o.value)).toEqual(['none', 'some', 'strong']);
    const priorities = block(view, 'priorities');
    expect(priorities.optional).toBe(true);
    expect(priorities.element).toMatchObject({ type: 'multi_static_select', max_selected_items: 4 });
    expect(priorities.element!.options!.map((o) => o.value)).toEqual([...CRITERION_IDS]);
    expect(priorities.element!.initial_options!.map((o) => o.value).sort()).toEqual(['safety', 'team-fit']);
    await settled();
    expect(h.slack.calls.filter((c) => c.path === '/response/team')).toEqual([]);
  });

  it('given a channel without a profile then the selects start empty (Slack refuses an empty initial_options)', async () => {
    await harness(true);
    await command('team set', 'set');
    const view = await openedView();
    expect(block(view, 'rust').element!.initial_option).toBeUndefined();
    expect(block(view, 'priorities').element!.initial_options).toBeUndefined();
  });

  it('given a valid submission then the profile is stored and the submitter gets an ephemeral confirmation in the channel', async () => {
    await harness(true);
    await command('team', 'team');
    const view = await openedView();
    expect(await submit(view, teamValues('strong', 'some', ['tail-latency', 'safety']))).toEqual({});
    const confirmation = await h.slack.next((c) => c.method === 'chat.postEphemeral');
    expect(confirmation.body).toMatchObject({ channel: 'C1', user: 'U1' });
    expect(String(confirmation.body.text)).toContain('Team profile saved');
    expect((await h.services.store.teamProfiles.get(C1))?.profile).toEqual({ rust: 'strong', go: 'some', priorities: ['tail-latency', 'safety'] });
    // The same users.info check as `team set`: the admin port was asked about the submitter.
    expect(h.slack.calls.filter((c) => c.method === 'users.info').map((c) => c.body.user)).toContain('U1');
  });

  it('given no priorities picked then the stored priorities are cleared', async () => {
    await harness(true);
    await h.services.store.teamProfiles.update(C1, () => ({ rust: 'some', go: 'some', priorities: ['safety'] }), 'U9', new Date());
    await command('team', 'team');
    expect(await submit(await openedView(), teamValues('none', 'strong', []))).toEqual({});
    await h.slack.next((c) => c.method === 'chat.postEphemeral');
    expect((await h.services.store.teamProfiles.get(C1))?.profile).toEqual({ rust: 'none', go: 'strong', priorities: [] });
  });

  it.each([
    ['no Rust level', teamValues(null, 'some', []), ['rust']],
    ['a level Slack never offered', teamValues('expert', 'some', []), ['rust']],
    ['five priorities and no Go level', teamValues('some', null, ['safety', 'performance', 'team-fit', 'ecosystem', 'interop']), ['go', 'priorities']],
    ['an unknown criterion', teamValues('some', 'some', ['vibes']), ['priorities']],
  ])('given %s then the form shows an error on each wrong block and nothing is stored', async (_name, values, blocks) => {
    await harness(true);
    await command('team', 'team');
    const answer = await submit(await openedView(), values);
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors as object).sort()).toEqual(blocks);
    expect(await h.services.store.teamProfiles.get(C1)).toBeUndefined();
  });

  it('given a non-admin under SETTINGS_ACCESS=admins submitting then the form says so and nothing is saved', async () => {
    await harness(false);
    // The modal of an admin, submitted by a member (the form was opened elsewhere; what counts is who submits).
    const answer = await submit({ callback_id: 'settings_team_profile', private_metadata: JSON.stringify({ channelId: 'C1', openedFrom: 'command' }) }, teamValues('strong', 'none', []));
    expect(answer).toEqual({ response_action: 'errors', errors: { rust: expect.stringContaining('You cannot change this channel’s settings') } });
    expect(await h.services.store.teamProfiles.get(C1)).toBeUndefined();
    expect(h.slack.calls.filter((c) => c.method === 'chat.postEphemeral')).toEqual([]);
  });

  it('given a non-admin under SETTINGS_ACCESS=admins typing /rustvsgo team then no modal opens: the profile comes as text', async () => {
    await harness(false);
    await command('team', 'member');
    const answer = await h.slack.next((c) => c.path === '/response/member');
    expect(JSON.stringify(answer.body)).toContain('No team profile for this channel yet');
    await settled();
    expect(h.slack.calls.filter((c) => c.method === 'views.open')).toEqual([]);
  });

  it('given SETTINGS_ACCESS=everyone then anyone saves through the modal without a users.info call', async () => {
    await harness(false, { SETTINGS_ACCESS: 'everyone' });
    await command('team', 'team');
    expect(await submit(await openedView(), teamValues('some', 'some', ['team-fit']))).toEqual({});
    await h.slack.next((c) => c.method === 'chat.postEphemeral');
    expect((await h.services.store.teamProfiles.get(C1))?.profile.priorities).toEqual(['team-fit']);
    expect(h.slack.calls.filter((c) => c.method === 'users.info')).toEqual([]);
  });

  it.each([
    ['not JSON', 'garbage'],
    ['another channel id shape', JSON.stringify({ channelId: '../C1', openedFrom: 'command' })],
    ['no channel', JSON.stringify({ openedFrom: 'home' })],
  ])('given private_metadata that is %s then the form says it cannot be read and nothing is stored', async (_name, metadata) => {
    await harness(true);
    const answer = await submit({ callback_id: 'settings_team_profile', private_metadata: metadata }, teamValues('strong', 'none', []));
    expect(answer).toEqual({ response_action: 'errors', errors: { rust: expect.stringContaining('could not be read') } });
    expect(await h.services.store.teamProfiles.get(C1)).toBeUndefined();
  });

  it('keeps the text forms: team view and team set with arguments answer as text, and no modal opens', async () => {
    await harness(true);
    await command('team set rust=strong go=none', 'set');
    expect(JSON.stringify((await h.slack.next((c) => c.path === '/response/set')).body)).toContain('Team profile saved');
    await command('team view', 'view');
    expect(JSON.stringify((await h.slack.next((c) => c.path === '/response/view')).body)).toContain('Rust: *strong*');
    await settled();
    expect(h.slack.calls.filter((c) => c.method === 'views.open')).toEqual([]);
  });

  it('given a command without a trigger_id then /rustvsgo team answers as text', async () => {
    await harness(true);
    await command('team', 'plain', { withoutTrigger: true });
    expect(JSON.stringify((await h.slack.next((c) => c.path === '/response/plain')).body)).toContain('No team profile for this channel yet');
    await settled();
    expect(h.slack.calls.filter((c) => c.method === 'views.open')).toEqual([]);
  });

  it('given the trigger expired before views.open then the text answer follows instead', async () => {
    await harness(true);
    h.slack.on('views.open', () => ({ json: { ok: false, error: 'expired_trigger_id' } }));
    await command('team', 'late');
    expect(JSON.stringify((await h.slack.next((c) => c.path === '/response/late')).body)).toContain('No team profile for this channel yet');
  });

  it('given the bot is not in the channel then the confirmation comes through the command’s response URL', async () => {
    await harness(true);
    h.slack.on('chat.postEphemeral', () => ({ json: { ok: false, error: 'not_in_channel' } }));
    await command('team', 'outside');
    expect(await submit(await openedView(), teamValues('some', 'none', []))).toEqual({});
    const confirmation = await h.slack.next((c) => c.path === '/response/outside');
    expect(confirmation.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(confirmation.body.text)).toContain('Team profile saved');
  });
});

describe('digest subscription modal', () => {
  it('given /rustvsgo digest subscribe alone then the modal offers day, time, zone and on/off with the defaults', async () => {
    await harness(true, { DIGEST_DEFAULT_DAY: 'tuesday', DIGEST_DEFAULT_TIME: '08:30', DIGEST_DEFAULT_TIMEZONE: 'Europe/Berlin' });
    await command('digest subscribe', 'sub');
    const view = await openedView();
    expect(view).toMatchObject({ callback_id: 'settings_digest', title: { text: 'Weekly digest' } });
    expect(JSON.stringify(view.blocks[0])).toContain('not subscribed');
    expect(block(view, 'enabled').element).toMatchObject({ type: 'radio_buttons', initial_option: { value: 'on' } });
    expect(block(view, 'day').element).toMatchObject({ type: 'static_select', initial_option: { value: 'tuesday' } });
    expect(block(view, 'day').element!.options!.map((o) => o.value)).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
    expect(block(view, 'time').element).toMatchObject({ type: 'timepicker', initial_time: '08:30' });
    const zone = block(view, 'timezone').element!;
    expect(zone.initial_option).toEqual({ text: { type: 'plain_text', text: 'Europe/Berlin' }, value: 'Europe/Berlin' });
    // Within Slack's select limits under their strictest reading: at most 100 options in all, texts at most 75.
    const groups = zone.option_groups!;
    for (const group of groups) {
      expect(group.options.length).toBeGreaterThan(0);
      expect(group.label.text.length).toBeLessThanOrEqual(75);
      for (const o of group.options) expect(o.text.text.length).toBeLessThanOrEqual(75);
    }
    const values = groups.flatMap((g) => g.options.map((o) => o.value));
    expect(values.length).toBeLessThanOrEqual(100);
    expect(values).toContain('UTC');
    expect(values).toContain('America/New_York');
    expect(new Set(values).size).toBe(values.length);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(await h.services.store.digestSubscriptions.get(C1)).toBeUndefined();
  });

  it('given a subscribed channel then the modal starts from its schedule and names it', async () => {
    await harness(true);
    await h.services.store.digestSubscriptions.subscribe(C1, { day: 'friday', time: '16:45', timezone: 'Asia/Tokyo' }, 'U9', new Date());
    await command('digest subscribe', 'sub');
    const view = await openedView();
    expect(JSON.stringify(view.blocks[0])).toContain('every Friday at 16:45 (Asia/Tokyo)');
    expect(block(view, 'day').element!.initial_option!.value).toBe('friday');
    expect(block(view, 'time').element!.initial_time).toBe('16:45');
    expect(block(view, 'timezone').element!.initial_option!.value).toBe('Asia/Tokyo');
  });

  it('given a channel zone outside the menu (set with the text form) then it is offered first and preselected', async () => {
    await harness(true);
    await command('digest subscribe monday 09:00 America/Boise', 'text');
    await h.slack.next((c) => c.path === '/response/text');
    await command('digest subscribe', 'sub');
    const zone = block(await openedView(), 'timezone').element!;
    expect(zone.option_groups![0]).toEqual({ label: { type: 'plain_text', text: 'This channel' }, options: [{ text: { type: 'plain_text', text: 'America/Boise' }, value: 'America/Boise' }] });
    expect(zone.initial_option!.value).toBe('America/Boise');
  });

  it('given a zone the runtime spells differently (Asia/Kolkata) then the menu offers the stored spelling under the current name', async () => {
    await harness(true);
    await command('digest subscribe monday 09:00 Asia/Kolkata', 'text');
    await h.slack.next((c) => c.path === '/response/text');
    const stored = (await h.services.store.digestSubscriptions.get(C1))!.timezone;
    await command('digest subscribe', 'sub');
    const zone = block(await openedView(), 'timezone').element!;
    expect(zone.initial_option).toEqual({ text: { type: 'plain_text', text: 'Asia/Kolkata' }, value: stored });
    expect(zone.option_groups![0]!.label.text).toBe('UTC');
  });

  it('given on, a day, a time and a zone submitted then the channel is subscribed and told so', async () => {
    await harness(true);
    await command('digest subscribe', 'sub');
    expect(await submit(await openedView(), digestValues('on', 'friday', '16:30', 'America/New_York'))).toEqual({});
    const confirmation = await h.slack.next((c) => c.method === 'chat.postEphemeral');
    expect(String(confirmation.body.text)).toContain('Weekly digest subscribed');
    expect(await h.services.store.digestSubscriptions.get(C1)).toMatchObject({ day: 'friday', time: '16:30', timezone: 'America/New_York' });
  });

  it('given off submitted then the channel is unsubscribed', async () => {
    await harness(true);
    await h.services.store.digestSubscriptions.subscribe(C1, { day: 'monday', time: '09:00', timezone: 'UTC' }, 'U9', new Date());
    await command('digest subscribe', 'sub');
    expect(await submit(await openedView(), digestValues('off', 'monday', '09:00', 'UTC'))).toEqual({});
    expect(String((await h.slack.next((c) => c.method === 'chat.postEphemeral')).body.text)).toContain('Weekly digest stopped');
    expect(await h.services.store.digestSubscriptions.get(C1)).toBeUndefined();
  });

  it('given an unknown zone and no time then each block gets its message and nothing is subscribed', async () => {
    await harness(true);
    await command('digest subscribe', 'sub');
    const answer = await submit(await openedView(), digestValues('on', 'funday', null, 'Mars/Olympus_Mons'));
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors as object).sort()).toEqual(['day', 'time', 'timezone']);
    expect(await h.services.store.digestSubscriptions.get(C1)).toBeUndefined();
  });

  it('given a non-admin typing /rustvsgo digest subscribe then no modal opens and they are told they cannot', async () => {
    await harness(false);
    await command('digest subscribe', 'member');
    expect(JSON.stringify((await h.slack.next((c) => c.path === '/response/member')).body)).toContain('You cannot change this channel’s settings');
    await settled();
    expect(h.slack.calls.filter((c) => c.method === 'views.open')).toEqual([]);
  });

  it('keeps the text form: digest subscribe with arguments subscribes without a modal', async () => {
    await harness(true);
    await command('digest subscribe wednesday 10:00 UTC', 'text');
    expect(JSON.stringify((await h.slack.next((c) => c.path === '/response/text')).body)).toContain('Weekly digest subscribed');
    expect(await h.services.store.digestSubscriptions.get(C1)).toMatchObject({ day: 'wednesday', time: '10:00', timezone: 'UTC' });
  });
});

describe('settings modals from the App Home', () => {
  /** The Home tab lists the channels the user asked in, so the user asks in C1 first. */
  async function askInC1() {
    await command('Rust or Go for an edge gateway?', 'asked');
    await h.slack.next((c) => c.path === '/response/asked');
    for (let i = 0; i < 200 && (await h.services.store.askedQuestions.recent({ platform: 'slack', workspaceId: 'T1', userId: 'U1' }, 1)).length === 0; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('given the Home tab then each channel the user asked in has Edit team profile and Edit digest buttons', async () => {
    await harness(true);
    await askInC1();
    const opened = { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'Ev-home', event_time: 1, event: { type: 'app_home_opened', user: 'U1', tab: 'home', event_ts: '1.1' } };
    await signedPost(h.eventsUrl, JSON.stringify(opened), { contentType: 'application/json' });
    const home = (await h.slack.next((c) => c.method === 'views.publish')).body.view as View;
    const buttons = home.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
    expect(buttons).toEqual([
      expect.objectContaining({ action_id: 'home_edit_team', value: 'C1' }),
      expect.objectContaining({ action_id: 'home_edit_digest', value: 'C1' }),
    ]);
  });

  it('given Edit team profile pressed then the modal opens, and a save redraws the Home tab with the new profile', async () => {
    await harness(true);
    await askInC1();
    const res = await signedPost(h.eventsUrl, homeButton('home_edit_team', 'C1'));
    expect(res.status).toBe(200);
    const view = await openedView();
    expect(view.callback_id).toBe('settings_team_profile');
    expect(JSON.parse(view.private_metadata)).toEqual({ channelId: 'C1', openedFrom: 'home' });
    expect(await submit(view, teamValues('strong', 'strong', ['performance']))).toEqual({});
    const home = await h.slack.next((c) => c.method === 'views.publish');
    expect(home.body.user_id).toBe('U1');
    expect(JSON.stringify(home.body.view)).toContain('Team: Rust strong, Go strong; priorities performance');
    expect((await h.services.store.teamProfiles.get(C1))?.profile).toEqual({ rust: 'strong', go: 'strong', priorities: ['performance'] });
  });

  it('given Edit digest pressed then the digest modal opens for that channel', async () => {
    await harness(true);
    await signedPost(h.eventsUrl, homeButton('home_edit_digest', 'C7'));
    const view = await openedView();
    expect(view.callback_id).toBe('settings_digest');
    expect(JSON.parse(view.private_metadata)).toEqual({ channelId: 'C7', openedFrom: 'home' });
  });

  it('given a non-admin pressing Edit digest then a modal says they cannot change the settings', async () => {
    await harness(false);
    await signedPost(h.eventsUrl, homeButton('home_edit_digest', 'C1'));
    const view = await openedView();
    expect(view.callback_id).toBeUndefined();
    expect(view.submit).toBeUndefined();
    expect(JSON.stringify(view.blocks)).toContain('You cannot change this channel’s settings');
  });
});
