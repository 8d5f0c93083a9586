// The Slack App Home tab (app_home_opened -> views.publish, a `home` view): how to ask, the team profile and digest
// subscription of the channels the user asked in (each with "Edit team profile" / "Edit digest" buttons that open
// the settings modals, settings-forms.ts), and the user's last five questions with their verdicts. Built fresh on
// every open and after a save from it; user text in it is made inert and every text stays within Block Kit's limits.
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { neutralizeMentions, truncate } from '../../core/safe-text.ts';
import type { Services } from '../../core/services.ts';
import type { AskedQuestion } from '../../store/asked-questions.ts';
import type { DigestSubscription } from '../../store/digest-subscriptions.ts';
import type { TeamProfile } from '../../store/team-profiles.ts';
import { escapeSlackText } from './mrkdwn.ts';
import type { SlackBlock } from './render-block-kit.ts';

/** How many of the user's questions the tab lists. */
const HOME_RECENT_QUESTIONS = 5;
/** Questions read to find the user's channels (their settings are shown for each distinct one). */
const HOME_CHANNEL_SCAN = 50;
const HOME_MAX_CHANNELS = 10;
const SECTION_TEXT_MAX = 3000;

/** The per-channel buttons; each carries the channel id as its value. */
export const HOME_EDIT_TEAM_ACTION = 'home_edit_team';
export const HOME_EDIT_DIGEST_ACTION = 'home_edit_digest';

const appHomeOpenedSchema = z.object({ type: z.literal('app_home_opened'), user: z.string().min(1), tab: z.string().optional() });
const envelopeSchema = z.object({ team_id: z.string().optional() });

interface ChannelSettings {
  channelId: string;
  profile?: TeamProfile | undefined;
  digest?: DigestSubscription | undefined;
}

export interface HomeData {
  recent: AskedQuestion[];
  channels: ChannelSettings[];
}

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_TEXT_MAX) } });
const inert = (text: string, max: number) => escapeSlackText(neutralizeMentions(truncate(text.replace(/\s+/g, ' ').trim(), max)));

/** The home view for one user (pure: the data comes from the store). */
export function homeView(data: HomeData) {
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'rustvsgo: Rust or Go for your component?' } },
    section(
      [
        '*How to ask*',
        '• `/rustvsgo Rust or Go for an edge gateway?` in any channel: a sourced answer only you see, with *Share in channel*.',
        '• Mention `@rustvsgo` in a thread, or pick *Ask rustvsgo* in a message’s ⋯ menu: the answer goes into the thread.',
        '• `/rustvsgo team` tunes answers for a channel to its team (a form; or `team set rust=some go=strong priorities=team-fit`); `/rustvsgo digest subscribe` sets up its weekly digest. The buttons below edit both.',
        '• Under every answer: 👍 / 👎 tell us whether it helped; *Save as ADR* writes it up as a decision record.',
      ].join('\n'),
    ),
    { type: 'divider' },
  ];
  blocks.push(section('*Your channels*'));
  if (data.channels.length === 0) blocks.push(section('_Ask in a channel first: its team profile and digest then show here, with buttons to edit them._'));
  for (const c of data.channels) {
    const profile = c.profile
      ? `Team: Rust ${c.profile.rust}, Go ${c.profile.go}${c.profile.priorities.length > 0 ? `; priorities ${c.profile.priorities.join(', ')}` : ''}`
      : 'Team: no profile';
    const digest = c.digest
      ? `Digest: ${c.digest.day} ${c.digest.time} ${escapeSlackText(c.digest.timezone)}${c.digest.paused ? ' (paused)' : ''}`
      : 'Digest: not subscribed';
    blocks.push(section(`<#${escapeSlackText(c.channelId)}>\n${profile}\n${digest}`));
    blocks.push({
      type: 'actions',
      block_id: `channel_${c.channelId}`.slice(0, 255),
      elements: [
        { type: 'button', action_id: HOME_EDIT_TEAM_ACTION, text: { type: 'plain_text', text: 'Edit team profile' }, value: c.channelId },
        { type: 'button', action_id: HOME_EDIT_DIGEST_ACTION, text: { type: 'plain_text', text: 'Edit digest' }, value: c.channelId },
      ],
    });
  }
  blocks.push({ type: 'divider' }, section('*Your last questions*'));
  if (data.recent.length === 0) blocks.push(section('_No questions yet. Try `/rustvsgo Rust or Go for a CLI tool?`._'));
  for (const q of data.recent.slice(0, HOME_RECENT_QUESTIONS)) {
    blocks.push(section(`*${inert(q.verdict, 200)}*\n${inert(q.question, 500)}\n_<#${escapeSlackText(q.channelId)}> · ${q.at.toISOString().slice(0, 10)}_`));
  }
  return { type: 'home' as const, blocks };
}

export interface AppHomeDeps {
  services: Services;
  track: (work: Promise<unknown>) => void;
}

/** What the tab shows for a user: their recent questions and the settings of the channels they asked in. */
async function loadHomeData(services: Services, workspaceId: string, userId: string): Promise<HomeData> {
  const asked = await services.store.askedQuestions.recent({ platform: 'slack', workspaceId, userId }, HOME_CHANNEL_SCAN);
  const channelIds = [...new Set(asked.map((q) => q.channelId))].slice(0, HOME_MAX_CHANNELS);
  const channels = await Promise.all(
    channelIds.map(async (channelId): Promise<ChannelSettings> => {
      const key = { platform: 'slack' as const, workspaceId, channelId };
      const [profile, digest] = await Promise.all([services.store.teamProfiles.get(key), services.store.digestSubscriptions.get(key)]);
      return { channelId, profile: profile?.profile, digest };
    }),
  );
  return { recent: asked.slice(0, HOME_RECENT_QUESTIONS), channels };
}

type WebClient = App['client'];

/** Draws the user's Home tab afresh (on open, and after a settings modal opened from it saves). */
export async function publishHome(client: WebClient, services: Services, workspaceId: string, userId: string): Promise<void> {
  const data = await loadHomeData(services, workspaceId, userId);
  await client.views.publish({ user_id: userId, view: homeView(data) });
}

export function registerAppHome(app: App, deps: AppHomeDeps): void {
  const { services } = deps;
  app.event('app_home_opened', async ({ event, body, client, context }) => {
    const opened = appHomeOpenedSchema.safeParse(event);
    // The Messages tab opens the same event; only the Home tab is drawn.
    if (!opened.success || (opened.data.tab && opened.data.tab !== 'home')) return;
    const workspaceId = envelopeSchema.safeParse(body).data?.team_id ?? context.teamId ?? 'unknown';
    const userId = opened.data.user;
    deps.track(
      publishHome(client, services, workspaceId, userId).catch((error: unknown) => services.logger.error({ err: error, platform: 'slack' }, 'could not publish the App Home')),
    );
  });
}
