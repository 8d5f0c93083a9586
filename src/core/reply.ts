// The platform-neutral answer every command returns. Adapters render it (Block Kit, embeds, terminal text);
// renderers, not handlers, keep messages within each platform's limits.
//
// Text fields use a small neutral markup that every renderer understands:
//   **bold**, `code`, [label](https://url), and lines starting with "• " for bullets.
// User-typed text placed in a Reply must first go through neutralizeMentions (src/core/safe-text.ts).
import { z } from 'zod';
import { settingsFormSchema } from './settings-form.ts';

const sourceSchema = z.object({
  title: z.string().min(1),
  url: z.url(),
  /** Publication or last-update date of the source, YYYY-MM-DD (or YYYY-MM when only the month is known). */
  date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
  /** How the date is shown when it is not a publication date, e.g. "checked against Go 1.27, 2026-11" (living pages). */
  label: z.string().min(4).max(60).optional(),
});
export type Source = z.infer<typeof sourceSchema>;

const replySectionSchema = z.object({
  heading: z.string().optional(),
  body: z.string(),
});
export type ReplySection = z.infer<typeof replySectionSchema>;

const replyFieldSchema = z.object({
  label: z.string(),
  value: z.string(),
  inline: z.boolean().default(true),
});

const scoreBarSchema = z.object({
  label: z.string(),
  score: z.number(),
  max: z.number().positive().default(100),
});

/**
 * A button under a reply. `command` is the command text to run when it is pressed (answers are deterministic, so
 * re-running it is how "Share in channel" and "Show full answer" stay stateless across replicas). A `follow_up`
 * answers the reply's own follow-up question: its command re-asks the question with one fact added, and the
 * adapter shows the new answer in place of the old one (Slack replaces it, Discord updates it, the shell offers
 * the options as a numbered choice). `feedback_up` / `feedback_down` record a vote on the answer and `save_adr`
 * turns it into an Architecture Decision Record; their command is the ask that gave the answer, so the adapter
 * recomputes the same advice instead of keeping it anywhere.
 */
const replyActionSchema = z.object({
  kind: z.enum(['share', 'show_full', 'follow_up', 'feedback_up', 'feedback_down', 'save_adr']),
  label: z.string(),
  command: z.string(),
});
export type ReplyAction = z.infer<typeof replyActionSchema>;

const replySchema = z.object({
  title: z.string(),
  summary: z.string().optional(),
  sections: z.array(replySectionSchema).default([]),
  fields: z.array(replyFieldSchema).default([]),
  scoreBars: z.array(scoreBarSchema).default([]),
  sources: z.array(sourceSchema).default([]),
  footer: z.string().optional(),
  visibility: z.enum(['ephemeral', 'in_channel']).default('ephemeral'),
  actions: z.array(replyActionSchema).default([]),
  /** How a renderer may colour or mark the reply. */
  tone: z.enum(['answer', 'info', 'warning', 'error']).default('info'),
  /** Machine-readable result (the CLI's --json prints it), e.g. the advisor's JSON contract. */
  data: z.unknown().optional(),
  /**
   * A settings form the adapter opens in place of this reply when the invocation could take one (`forms`); only
   * offered to a user who may save it (dispatch removes it otherwise). The rest of the reply is its text form.
   */
  form: settingsFormSchema.optional(),
});
/** A Reply as handlers build it (defaults optional). */
export type ReplyInput = z.input<typeof replySchema>;
/** A Reply with every default filled in, as renderers receive it. */
export type Reply = z.infer<typeof replySchema>;

export function reply(input: ReplyInput): Reply {
  return replySchema.parse(input);
}
