// The Slack modals behind `/rustvsgo team`, `/rustvsgo digest subscribe` and the App Home's "Edit" buttons: the
// views, filled in with the channel's current values, and the reading of a submission into the arguments of
// `team set` / `digest subscribe` (or `digest unsubscribe`), or into one message per block that is wrong. Pure:
// opening a modal and saving a submission are in settings-forms.ts.
import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { SettingsForm } from '../../core/settings-form.ts';
import { canonicalTimeZone } from '../../digest/delivery/schedule-time.ts';
import { criterionIdSchema, type Criterion } from '../../knowledge/criterion.ts';
import { skillLevelSchema, type TeamProfile } from '../../store/team-profiles.ts';
import { timeOfDaySchema, WEEKDAYS, weekdaySchema } from '../../store/weekly-slot.ts';
import { escapeSlackText } from './mrkdwn.ts';
import type { SlackBlock } from './render-block-kit.ts';
import { timeZoneMenu, type MenuOption } from './time-zone-menu.ts';

export const TEAM_MODAL_CALLBACK_ID = 'settings_team_profile';
export const DIGEST_MODAL_CALLBACK_ID = 'settings_digest';

/** One element per input block, so every element has the same action id and the block id names the field. */
const ELEMENT = 'value';
export const TEAM_BLOCKS = { rust: 'rust', go: 'go', priorities: 'priorities' } as const;
export const DIGEST_BLOCKS = { enabled: 'enabled', day: 'day', time: 'time', timezone: 'timezone' } as const;
const PRIORITIES_MAX = 4;
const OPTION_TEXT_MAX = 75;

/** Which channel the form edits and where it was opened; travels in private_metadata and is checked on the way back. */
export const formTargetSchema = z.object({
  channelId: z.string().regex(/^[A-Z0-9]{2,32}$/),
  openedFrom: z.enum(['command', 'home']),
  /** The slash command's response URL: how the confirmation reaches a channel the bot is not a member of. */
  responseUrl: z.url({ protocol: /^https?$/ }).max(500).optional(),
});
export type FormTarget = z.infer<typeof formTargetSchema>;

type TeamForm = Extract<SettingsForm, { kind: 'team_profile' }>;
type DigestForm = Extract<SettingsForm, { kind: 'digest_subscription' }>;

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (text: string, value: string): MenuOption => ({ text: plain(text.slice(0, OPTION_TEXT_MAX)), value });
const input = (blockId: string, label: string, element: types.InputBlockElement, extra: Partial<types.InputBlock> = {}): SlackBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label),
  element,
  ...extra,
});
const note = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const channelRef = (channelId: string) => `<#${escapeSlackText(channelId)}>`;

function modal(callbackId: string, title: string, target: FormTarget, blocks: SlackBlock[]) {
  return {
    type: 'modal' as const,
    callback_id: callbackId,
    private_metadata: JSON.stringify(target),
    title: plain(title),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  };
}

const SKILL_TEXT: Record<TeamProfile['rust'], string> = { none: 'None', some: 'Some', strong: 'Strong' };

function skillSelect(blockId: string, label: string, current: TeamProfile['rust'] | undefined): SlackBlock {
  const options = skillLevelSchema.options.map((level) => option(SKILL_TEXT[level], level));
  return input(blockId, label, {
    type: 'static_select',
    action_id: ELEMENT,
    placeholder: plain('None, some or strong'),
    options,
    ...(current ? { initial_option: options.find((o) => o.value === current) } : {}),
  });
}

/** The team profile modal: a skill select per language and the priorities, from the channel's profile. */
export function teamProfileModal(form: TeamForm, target: FormTarget, criteria: readonly Pick<Criterion, 'id' | 'name'>[]) {
  const criterionOptions = criteria.map((c) => option(c.name, c.id));
  const chosen = criterionOptions.filter((o) => form.current?.priorities.includes(o.value as Criterion['id']));
  return modal(TEAM_MODAL_CALLBACK_ID, 'Team profile', target, [
    note(`The team behind ${channelRef(target.channelId)}: every answer in this channel takes it into account.`),
    skillSelect(TEAM_BLOCKS.rust, 'Rust experience', form.current?.rust),
    skillSelect(TEAM_BLOCKS.go, 'Go experience', form.current?.go),
    input(
      TEAM_BLOCKS.priorities,
      'Priorities',
      {
        type: 'multi_static_select',
        action_id: ELEMENT,
        placeholder: plain('What matters most'),
        options: criterionOptions,
        max_selected_items: PRIORITIES_MAX,
        // Slack refuses an empty initial_options list, so it is left out when nothing is chosen.
        ...(chosen.length > 0 ? { initial_options: chosen } : {}),
      },
      { optional: true, hint: plain(`Up to ${PRIORITIES_MAX} criteria; answers weigh them more.`) },
    ),
  ]);
}

const capitalized = (day: string) => day.charAt(0).toUpperCase() + day.slice(1);

/** The digest modal: on/off, day, time and time zone, from the channel's subscription or the default slot. */
export function digestModal(form: DigestForm, target: FormTarget) {
  const onOff = [option('On: post the digest every week', 'on'), option('Off: no digest in this channel', 'off')];
  const days = WEEKDAYS.map((day) => option(capitalized(day), day));
  const zones = timeZoneMenu(form.slot.timezone);
  return modal(DIGEST_MODAL_CALLBACK_ID, 'Weekly digest', target, [
    note(`The weekly Rust/Go ecosystem digest in ${channelRef(target.channelId)}. Now: ${escapeSlackText(form.status)}.`),
    // Opening the form is asking for the digest, so "on" is preselected even when the channel has none yet.
    input(DIGEST_BLOCKS.enabled, 'Digest', { type: 'radio_buttons', action_id: ELEMENT, options: onOff, initial_option: onOff[0] }),
    input(DIGEST_BLOCKS.day, 'Day', { type: 'static_select', action_id: ELEMENT, options: days, initial_option: days.find((d) => d.value === form.slot.day) }),
    input(DIGEST_BLOCKS.time, 'Time', { type: 'timepicker', action_id: ELEMENT, initial_time: form.slot.time }),
    input(DIGEST_BLOCKS.timezone, 'Time zone', {
      type: 'static_select',
      action_id: ELEMENT,
      option_groups: zones.optionGroups,
      initial_option: zones.initial,
    }),
  ]);
}

/** A modal that only shows something (a refusal, the profile as text); no submit. */
export function messageModal(blocks: SlackBlock[]) {
  return { type: 'modal' as const, title: plain('rustvsgo'), close: plain('Close'), blocks };
}

// What Slack sends back for each element type, as far as these modals use it.
const elementStateSchema = z.object({
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_time: z.string().nullish(),
});
export const viewStateSchema = z.record(z.string(), z.record(z.string(), elementStateSchema));
type ViewState = z.infer<typeof viewStateSchema>;

const element = (state: ViewState, blockId: string) => state[blockId]?.[ELEMENT];

/** A submission read: the command and arguments to dispatch, or a message for each block that is wrong. */
export type FormReading =
  | { ok: true; command: string; args: Record<string, unknown>; text: string }
  | { ok: false; errors: Record<string, string> };

export function readTeamSubmission(state: ViewState): FormReading {
  const errors: Record<string, string> = {};
  const rust = skillLevelSchema.safeParse(element(state, TEAM_BLOCKS.rust)?.selected_option?.value);
  const go = skillLevelSchema.safeParse(element(state, TEAM_BLOCKS.go)?.selected_option?.value);
  const priorities = z
    .array(criterionIdSchema)
    .max(PRIORITIES_MAX)
    .safeParse((element(state, TEAM_BLOCKS.priorities)?.selected_options ?? []).map((o) => o.value));
  if (!rust.success) errors[TEAM_BLOCKS.rust] = 'Pick None, Some or Strong.';
  if (!go.success) errors[TEAM_BLOCKS.go] = 'Pick None, Some or Strong.';
  if (!priorities.success) errors[TEAM_BLOCKS.priorities] = `Pick at most ${PRIORITIES_MAX} of the listed criteria.`;
  if (!rust.success || !go.success || !priorities.success) return { ok: false, errors };
  return {
    ok: true,
    command: 'team set',
    args: { rust: rust.data, go: go.data, priorities: priorities.data },
    text: `team set rust=${rust.data} go=${go.data}${priorities.data.length > 0 ? ` priorities=${priorities.data.join(',')}` : ''}`,
  };
}

const knownZoneSchema = z.string().transform((zone, ctx) => {
  const canonical = canonicalTimeZone(zone);
  if (!canonical) ctx.addIssue({ code: 'custom', message: 'unknown time zone' });
  return canonical ?? zone;
});

export function readDigestSubmission(state: ViewState): FormReading {
  const enabled = z.enum(['on', 'off']).safeParse(element(state, DIGEST_BLOCKS.enabled)?.selected_option?.value);
  if (!enabled.success) return { ok: false, errors: { [DIGEST_BLOCKS.enabled]: 'Pick On or Off.' } };
  if (enabled.data === 'off') return { ok: true, command: 'digest unsubscribe', args: {}, text: 'digest unsubscribe' };
  const errors: Record<string, string> = {};
  const day = weekdaySchema.safeParse(element(state, DIGEST_BLOCKS.day)?.selected_option?.value);
  const time = timeOfDaySchema.safeParse(element(state, DIGEST_BLOCKS.time)?.selected_time);
  const timezone = knownZoneSchema.safeParse(element(state, DIGEST_BLOCKS.timezone)?.selected_option?.value);
  if (!day.success) errors[DIGEST_BLOCKS.day] = 'Pick a day of the week.';
  if (!time.success) errors[DIGEST_BLOCKS.time] = 'Pick a time of day (24-hour, HH:MM).';
  if (!timezone.success) errors[DIGEST_BLOCKS.timezone] = 'Pick a time zone from the list.';
  if (!day.success || !time.success || !timezone.success) return { ok: false, errors };
  return {
    ok: true,
    command: 'digest subscribe',
    args: { day: day.data, time: time.data, timezone: timezone.data },
    text: `digest subscribe ${day.data} ${time.data} ${timezone.data}`,
  };
}
