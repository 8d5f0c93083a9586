// slack/manifest.yaml must match the code: the command the listener answers, the scopes OAuth requests, the events
// the listeners handle, interactivity for the buttons, and Slack's manifest limits.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { load as parse } from 'js-yaml';
import { z } from 'zod';
import { SLASH_COMMAND } from '../../src/adapters/slack/listeners.ts';
import { MESSAGE_SHORTCUT_CALLBACK_ID } from '../../src/adapters/slack/message-shortcut.ts';
import { SLACK_BOT_EVENTS, SLACK_BOT_SCOPES, SLACK_HISTORY_SCOPES, slackBotScopes } from '../../src/adapters/slack/scopes.ts';

const manifestSchema = z.object({
  display_information: z.object({ name: z.string().max(35), description: z.string().max(140) }),
  features: z.object({
    app_home: z.object({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean() }).optional(),
    bot_user: z.object({ display_name: z.string().max(80) }),
    slash_commands: z.array(z.object({ command: z.string().min(2).max(32).startsWith('/'), description: z.string().max(2000), usage_hint: z.string().max(1000) })),
    shortcuts: z.array(z.object({ name: z.string().max(24), type: z.enum(['message', 'global']), callback_id: z.string().max(255), description: z.string().max(150) })).default([]),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean() }),
    socket_mode_enabled: z.boolean(),
  }),
});

const manifest = manifestSchema.parse(parse(readFileSync(new URL('../../slack/manifest.yaml', import.meta.url), 'utf8')));

describe('slack/manifest.yaml', () => {
  it('declares exactly the slash command the listener answers', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
  });

  it('enables the Home tab and subscribes to app_home_opened (issue 17)', () => {
    expect(manifest.features.app_home?.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
  });

  it('declares the message shortcut the listener answers (issue 17)', () => {
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: 'message', callback_id: MESSAGE_SHORTCUT_CALLBACK_ID, name: 'Ask rustvsgo' })]);
  });

  it('requests exactly the bot scopes the code uses (and OAuth asks for)', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...SLACK_BOT_SCOPES].sort());
  });

  it('asks for no channel-history scope by default; the history opt-in adds exactly those, named in a comment', () => {
    expect(manifest.oauth_config.scopes.bot.filter((scope) => scope.endsWith(':history'))).toEqual([]);
    expect(slackBotScopes(false).sort()).toEqual([...SLACK_BOT_SCOPES].sort());
    expect(slackBotScopes(true).sort()).toEqual([...SLACK_BOT_SCOPES, ...SLACK_HISTORY_SCOPES].sort());
    const text = readFileSync(new URL('../../slack/manifest.yaml', import.meta.url), 'utf8');
    expect(text).toContain('SLACK_DIGEST_HISTORY_CHECK');
    for (const scope of SLACK_HISTORY_SCOPES) expect(text).toMatch(new RegExp(`#\\s+- ${scope}`));
  });

  it('subscribes to exactly the events the listeners handle', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...SLACK_BOT_EVENTS].sort());
  });

  it('enables interactivity (buttons, the settings and feedback modals, the shortcut) and Socket Mode', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
