// The parts of Slack's inbound payloads the adapter uses, validated with zod (Bolt types them, but nothing checks
// them at run time). Unknown fields pass through untouched.
import { z } from 'zod';

export const slashCommandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  team_id: z.string().min(1),
  enterprise_id: z.string().optional(),
  channel_id: z.string().min(1),
  user_id: z.string().min(1),
  // Optional: without it the answer goes through chat.postEphemeral (see listeners.ts).
  response_url: z.url().optional(),
  // Present on a real slash command (opens a modal within 3 s); absent from a hand-made request.
  trigger_id: z.string().min(1).optional(),
});

export const blockActionSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z.object({ id: z.string().min(1) }).nullable().optional(),
  channel: z.object({ id: z.string().min(1) }).optional(),
  container: z
    .object({ channel_id: z.string().optional(), thread_ts: z.string().optional(), message_ts: z.string().optional(), is_ephemeral: z.boolean().optional() })
    .optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  response_url: z.url().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});
export type BlockActionPayload = z.infer<typeof blockActionSchema>;

export const appMentionSchema = z.object({
  type: z.literal('app_mention'),
  user: z.string().min(1).optional(),
  text: z.string().default(''),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  channel: z.string().min(1),
  team: z.string().optional(),
  bot_id: z.string().optional(),
});

/** The Events API envelope around an event: who it is for, and the id retries share. */
export const eventEnvelopeSchema = z.object({
  event_id: z.string().min(1).optional(),
  team_id: z.string().optional(),
  enterprise_id: z.string().optional(),
  is_enterprise_install: z.boolean().optional(),
});

export const tokensRevokedSchema = z.object({
  type: z.literal('tokens_revoked'),
  tokens: z.object({ oauth: z.array(z.string()).optional(), bot: z.array(z.string()).optional() }),
});
