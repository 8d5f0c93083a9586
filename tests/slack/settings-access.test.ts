// Who may change channel settings from Slack (SETTINGS_ACCESS): everyone, workspace admins/owners (asked of
// users.info only when a settings command runs), or listed user ids.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isWorkspaceAdmin } from '../../src/adapters/slack/settings-access.ts';
import { mayManageSettings } from '../../src/core/settings-access.ts';
import { commands } from '../../src/commands/index.ts';
import { defineCommand } from '../../src/core/command-spec.ts';
import { signedPost, slashCommandBody } from '../support/slack-signed-request.ts';
import { startSlackHarness, type SlackHarness } from './support/slack-harness.ts';

describe('SETTINGS_ACCESS with the Slack admin port', () => {
  const admin = async () => ({ ok: true, user: { is_admin: true } });
  const owner = async () => ({ ok: true, user: { is_owner: true } });
  const member = async () => ({ ok: true, user: { is_admin: false, is_owner: false } });
  const unexpected = async () => {
    throw new Error('users.info should not be called');
  };

  it.each([
    ['everyone', [], 'U1', unexpected, true],
    ['listed', ['U1', 'U2'], 'U2', unexpected, true],
    ['listed', ['U1'], 'U3', unexpected, false],
    ['admins', [], 'U1', admin, true],
    ['admins', [], 'U1', owner, true],
    ['admins', [], 'U1', member, false],
    ['admins', [], 'U1', async () => ({ ok: false, error: 'user_not_found' }), false],
  ] as const)('%s %j, user %s -> %s', async (access, ids, user, lookup, expected) => {
    const origin = { platform: 'slack', workspaceId: 'T1', channelId: 'C1', userId: user, locale: 'en', requestId: 'r', mode: 'command', isChannelAdmin: () => isWorkspaceAdmin(lookup, user) } as const;
    expect(await mayManageSettings(origin, { SETTINGS_ACCESS: access, SETTINGS_USER_IDS: [...ids] })).toBe(expected);
  });
});

// A settings command that reports whether the adapter let the user manage.
const probe = defineCommand({
  name: 'probe',
  description: 'test: reports canManage',
  examples: ['probe'],
  access: 'manage',
  args: z.object({}),
  handle: (_args, { invocation }) => ({ title: `managed by ${invocation.userId}` }),
});

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function run(text: string, userId: string): Promise<{ header: string; usersInfoCalls: number }> {
  const id = `${text}-${userId}-${Math.random()}`;
  await signedPost(h!.eventsUrl, slashCommandBody({ text, userId, responseUrl: h!.slack.responseUrl(id) }));
  const answer = await h!.slack.next((c) => c.path === `/response/${id}`);
  const header = (answer.body.blocks as { text: { text: string } }[])[0]!.text.text;
  return { header, usersInfoCalls: h!.slack.calls.filter((c) => c.method === 'users.info').length };
}

describe('SETTINGS_ACCESS through the adapter', () => {
  it('admins: asks users.info for a settings command and lets an admin run it', async () => {
    h = await startSlackHarness({ SETTINGS_ACCESS: 'admins' }, { commands: [...commands, probe] });
    h.slack.on('users.info', (body) => ({ json: { ok: true, user: { id: body.user, is_admin: body.user === 'U_ADMIN' } } }));
    expect((await run('probe', 'U_ADMIN')).header).toBe('managed by U_ADMIN');
    const member = await run('probe', 'U_MEMBER');
    expect(member.header).toContain('cannot change');
    expect(member.usersInfoCalls).toBe(2);
  });

  it('admins: never calls users.info for everyday commands', async () => {
    h = await startSlackHarness({ SETTINGS_ACCESS: 'admins' }, { commands: [...commands, probe] });
    expect((await run('help', 'U1')).usersInfoCalls).toBe(0);
  });

  it('listed: only the listed ids may run settings commands', async () => {
    h = await startSlackHarness({ SETTINGS_ACCESS: 'listed', SETTINGS_USER_IDS: 'U_OK' }, { commands: [...commands, probe] });
    expect((await run('probe', 'U_OK')).header).toBe('managed by U_OK');
    expect((await run('probe', 'U_NO')).header).toContain('cannot change');
  });
});
