// Many workspaces through Slack's OAuth flow: /slack/install -> Slack -> /slack/oauth_redirect stores the
// installation in the database; events of that workspace then use its bot token; uninstalling deletes it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseInstallationStore } from '../../src/adapters/slack/installation-store.ts';
import { SLACK_BOT_SCOPES } from '../../src/adapters/slack/scopes.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { appMentionEnvelope } from './support/payload-builders.ts';
import { signedPost } from '../support/slack-signed-request.ts';
import { startSlackHarness, type SlackHarness } from './support/slack-harness.ts';

const OAUTH_ENV = {
  SLACK_BOT_TOKEN: '',
  SLACK_CLIENT_ID: '123.456',
  SLACK_CLIENT_SECRET: 'client-secret-0123456789',
  SLACK_STATE_SECRET: 'state-secret-0123456789',
};

const oauthAccessResponse = {
  ok: true,
  app_id: 'A1',
  authed_user: { id: 'U_INSTALLER' },
  scope: SLACK_BOT_SCOPES.join(','),
  token_type: 'bot',
  access_token: 'xoxb-oauth-T2',
  bot_user_id: 'UBOT2',
  team: { id: 'T2', name: 'Second Team' },
  enterprise: null,
  is_enterprise_install: false,
};

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness(OAUTH_ENV);
  h.slack.on('oauth.v2.access', () => ({ json: oauthAccessResponse }));
  h.slack.on('auth.test', () => ({ json: { ok: true, user_id: 'UBOT2', bot_id: 'BBOT2', team_id: 'T2' } }));
});
afterEach(async () => {
  await h.close();
});

async function install(): Promise<Response> {
  const start = await fetch(`${h.baseUrl}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const location = new URL(start.headers.get('location')!);
  expect(location.searchParams.get('client_id')).toBe('123.456');
  expect(location.searchParams.get('scope')!.split(',').sort()).toEqual([...SLACK_BOT_SCOPES].sort());
  const state = location.searchParams.get('state')!;
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  return fetch(`${h.baseUrl}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
}

describe('OAuth install', () => {
  it('stores the installation in the database and uses its token for that workspace', async () => {
    expect(h.adapter.auth).toBe('oauth');
    const done = await install();
    expect(done.status).toBe(200);
    const exchange = h.slack.calls.find((c) => c.method === 'oauth.v2.access')!;
    expect(exchange.body.code).toBe('the-code');
    expect(await h.services.store.slackInstallations.count()).toBe(1);
    const stored = await h.services.store.slackInstallations.find({ teamId: 'T2' });
    expect(stored).toMatchObject({ team: { id: 'T2' }, bot: { token: 'xoxb-oauth-T2', userId: 'UBOT2' } });

    await signedPost(h.eventsUrl, JSON.stringify(appMentionEnvelope({ text: '<@UBOT2> gc pauses?', eventId: 'Ev-T2', teamId: 'T2', ts: '10.1' })), {
      contentType: 'application/json',
    });
    const post = await h.slack.next((c) => c.method === 'chat.postMessage');
    expect(post.headers.authorization).toBe('Bearer xoxb-oauth-T2');
  });

  it('rejects a callback whose state was not issued by this app', async () => {
    const res = await fetch(`${h.baseUrl}/slack/oauth_redirect?code=x&state=forged`, { headers: { cookie: 'slack-app-oauth-state=forged' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await h.services.store.slackInstallations.count()).toBe(0);
  });

  it('deletes the installation on app_uninstalled', async () => {
    await install();
    const uninstall = {
      token: 'deprecated',
      team_id: 'T2',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: 'Ev-uninstall',
      event_time: 1,
      event: { type: 'app_uninstalled', event_ts: '1.1' },
    };
    const res = await signedPost(h.eventsUrl, JSON.stringify(uninstall), { contentType: 'application/json' });
    expect(res.status).toBe(200);
    await h.adapter.stop();
    expect(await h.services.store.slackInstallations.find({ teamId: 'T2' })).toBeUndefined();
  });

  it('gives a workspace without an installation no answer, and keeps answering installed ones', async () => {
    await install();
    const mention = (teamId: string, eventId: string, ts: string) =>
      signedPost(h.eventsUrl, JSON.stringify(appMentionEnvelope({ text: '<@UBOT2> gc pauses?', eventId, teamId, ts })), { contentType: 'application/json' });
    expect((await mention('T404', 'Ev-unknown-team', '11.1')).status).toBe(200);
    await mention('T2', 'Ev-known-team', '12.1');
    await h.slack.next((c) => c.method === 'chat.postMessage' && c.body.thread_ts === '12.1');
    await h.adapter.stop();
    expect(h.slack.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.body.thread_ts)).toEqual(['12.1']);
  });

  it('deletes the installation when its bot token is revoked', async () => {
    await install();
    const revoked = {
      token: 'deprecated',
      team_id: 'T2',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: 'Ev-revoked',
      event_time: 1,
      event: { type: 'tokens_revoked', tokens: { bot: ['UBOT2'] } },
    };
    await signedPost(h.eventsUrl, JSON.stringify(revoked), { contentType: 'application/json' });
    await h.adapter.stop();
    expect(await h.services.store.slackInstallations.count()).toBe(0);
  });
});

describe('databaseInstallationStore', () => {
  it('round-trips workspace and org installations and deletes them', async () => {
    const services = await createTestServices();
    const store = databaseInstallationStore(services.store.slackInstallations, services.now);
    const team = { team: { id: 'T9' }, enterprise: undefined, user: { id: 'U1', token: undefined, scopes: undefined }, bot: { token: 'xoxb-9', scopes: ['chat:write'], id: 'B9', userId: 'U9' }, isEnterpriseInstall: false as const };
    const org = { team: undefined, enterprise: { id: 'E1' }, user: { id: 'U1', token: undefined, scopes: undefined }, bot: { token: 'xoxb-e', scopes: [], id: 'BE', userId: 'UE' }, isEnterpriseInstall: true as const };
    await store.storeInstallation(team);
    await store.storeInstallation(org);
    expect(await store.fetchInstallation({ teamId: 'T9', enterpriseId: undefined, isEnterpriseInstall: false })).toMatchObject({ bot: { token: 'xoxb-9' } });
    expect(await store.fetchInstallation({ teamId: undefined, enterpriseId: 'E1', isEnterpriseInstall: true })).toMatchObject({ bot: { token: 'xoxb-e' } });
    // A reinstall replaces the token.
    await store.storeInstallation({ ...team, bot: { ...team.bot, token: 'xoxb-9-new' } });
    expect(await store.fetchInstallation({ teamId: 'T9', enterpriseId: undefined, isEnterpriseInstall: false })).toMatchObject({ bot: { token: 'xoxb-9-new' } });
    await store.deleteInstallation!({ teamId: 'T9', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(store.fetchInstallation({ teamId: 'T9', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(/no Slack installation/);
    expect(await services.store.slackInstallations.count()).toBe(1);
    await services.store.close();
  });
});
