// A settings form a command asks for instead of (or besides) its text answer: on a platform that can open one (a
// Slack modal, when the invocation carries a trigger), `/rustvsgo team` and `/rustvsgo digest subscribe` with no
// arguments show the channel's current values in a form whose submission runs `team set` / `digest subscribe`
// through dispatch like the text forms. The reply the form travels with stays the text answer, for when it cannot
// be opened.
import { z } from 'zod';
import type { TeamProfile } from '../store/team-profiles.ts';
import type { WeeklySlot } from '../store/weekly-slot.ts';

const isObject = (value: unknown) => typeof value === 'object' && value !== null;

export const settingsFormSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('team_profile'),
    /** The channel's profile, from the store (validated there); absent when it has none. */
    current: z.custom<TeamProfile>(isObject).optional(),
  }),
  z.object({
    kind: z.literal('digest_subscription'),
    /** The channel's slot when subscribed, else the configured default. */
    slot: z.custom<WeeklySlot>(isObject),
    /** The subscription as it is now, in words ("every Monday at 09:00 (UTC)", "not subscribed"). */
    status: z.string(),
    subscribed: z.boolean(),
  }),
]);
export type SettingsForm = z.infer<typeof settingsFormSchema>;
