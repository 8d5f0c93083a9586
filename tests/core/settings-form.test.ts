// Settings forms through dispatch, for every platform: only an invocation that can open one (`forms`, a Slack
// trigger) gets it, only for `team` / `team set` / `digest subscribe` named alone, and only when the user may save
// it under SETTINGS_ACCESS; everyone else gets the text answers as before (the shell, Discord, mentions).
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { dispatchText } from '../../src/core/dispatch.ts';
import type { InvocationOrigin } from '../../src/core/invocation.ts';
import type { Services } from '../../src/core/services.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { slackOrigin } from '../support/invocation-origin.ts';

let services: Services;
afterEach(async () => {
  await services.store.close();
});

const origin = (overrides: Partial<InvocationOrigin> = {}): InvocationOrigin => slackOrigin({ forms: true, ...overrides });

describe('settings forms through dispatch', () => {
  it.each([
    ['team', 'team_profile'],
    ['/rustvsgo team', 'team_profile'],
    ['team set', 'team_profile'],
    ['digest subscribe', 'digest_subscription'],
  ])('given %s with forms then the reply carries the %s form and nothing is saved', async (text, kind) => {
    services = await createTestServices();
    const { outcome, reply } = await dispatchText(text, origin(), services, commands);
    expect(outcome).toBe('ok');
    expect(reply.form?.kind).toBe(kind);
    expect(await services.store.teamProfiles.get({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' })).toBeUndefined();
    expect(await services.store.digestSubscriptions.get({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' })).toBeUndefined();
  });

  it.each(['team view', 'team set rust=some', 'digest subscribe friday', 'digest status'])('given %s then no form: arguments ask for the text form', async (text) => {
    services = await createTestServices();
    expect((await dispatchText(text, origin(), services, commands)).reply.form).toBeUndefined();
  });

  it('given no forms (the shell, Discord, a mention) then team answers as text and digest subscribe subscribes with the defaults', async () => {
    services = await createTestServices({ DIGEST_DEFAULT_TIMEZONE: 'UTC' });
    const plain = origin({ forms: undefined });
    expect((await dispatchText('team', plain, services, commands)).reply.form).toBeUndefined();
    const subscribed = await dispatchText('digest subscribe', plain, services, commands);
    expect(subscribed.reply.form).toBeUndefined();
    expect(subscribed.reply.title).toBe('Weekly digest subscribed');
  });

  it('given a user who may not change settings then team answers as text, without a form', async () => {
    services = await createTestServices({ SETTINGS_ACCESS: 'listed', SETTINGS_USER_IDS: 'U2' });
    const { outcome, reply } = await dispatchText('team', origin(), services, commands);
    expect(outcome).toBe('ok');
    expect(reply.form).toBeUndefined();
    expect(reply.title).toBe('Team profile');
  });

  it('given the form values then they are the channel’s current ones, or the configured default slot', async () => {
    services = await createTestServices({ DIGEST_DEFAULT_DAY: 'thursday', DIGEST_DEFAULT_TIME: '07:15', DIGEST_DEFAULT_TIMEZONE: 'europe/paris' });
    const key = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1' };
    await services.store.teamProfiles.update(key, () => ({ rust: 'strong', go: 'none', priorities: ['safety'] }), 'U9', new Date());
    expect((await dispatchText('team', origin(), services, commands)).reply.form).toEqual({ kind: 'team_profile', current: { rust: 'strong', go: 'none', priorities: ['safety'] } });
    expect((await dispatchText('digest subscribe', origin(), services, commands)).reply.form).toEqual({
      kind: 'digest_subscription',
      slot: { day: 'thursday', time: '07:15', timezone: 'Europe/Paris' },
      status: 'not subscribed',
      subscribed: false,
    });
  });
});
