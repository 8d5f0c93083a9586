// What an adapter hands the core: one command call, platform-neutral and validated.
import { z } from 'zod';
import { platformSchema } from '../shared/platform.ts';

/** @public The invocation as a zod schema: the type below is derived from it. */
export const invocationSchema = z.object({
  platform: platformSchema,
  /** Slack team id, Discord guild id, or "local" for the shell and CLI. */
  workspaceId: z.string().min(1),
  channelId: z.string().min(1),
  threadId: z.string().optional(),
  userId: z.string().min(1),
  /** Command path, e.g. "ask" or "team set". */
  command: z.string().min(1),
  args: z.record(z.string(), z.unknown()),
  rawText: z.string(),
  locale: z.string().default('en'),
  /** Follows the invocation through the logs from receipt to reply. */
  requestId: z.string().min(1),
  /** Whether this user may change channel settings (team profile, digests); decided by dispatch (settings-access.ts). */
  canManage: z.boolean(),
  /** "mention" for thread lookups (answers are condensed), "command" otherwise. */
  mode: z.enum(['command', 'mention']).default('command'),
  /**
   * The adapter can open a settings form for this invocation (Slack: a slash command or App Home button with a
   * trigger_id, for a modal). Then `team` and `digest subscribe` with no arguments answer with a form.
   */
  forms: z.boolean().optional(),
});
export type Invocation = z.infer<typeof invocationSchema>;

/** Who and where, as an adapter knows it before the text is parsed. */
export type InvocationOrigin = Omit<Invocation, 'command' | 'args' | 'rawText' | 'canManage'> & {
  /**
   * The platform's answer to "is this user an admin of this channel?" (Slack: workspace admin or owner; Discord:
   * Manage Channels, or a DM; the terminal: the local user). Dispatch asks it only for a settings command under
   * SETTINGS_ACCESS=admins, after the rate limit, so a flood of commands cannot spend Slack's users.info on it.
   * Absent: this input only shows answers (a button), so settings commands are refused.
   */
  isChannelAdmin?: () => Promise<boolean>;
};
