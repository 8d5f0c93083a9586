// `/rustvsgo ask <question>` (and `/rustvsgo <question>`): a sourced Rust/Go/hybrid recommendation.
import { z } from 'zod';
import { adviceReply } from '../advisor/advice-reply.ts';
import type { Advice } from '../advisor/advice.ts';
import { defineCommand, type CommandContext } from '../core/command-spec.ts';
import type { ReplyInput } from '../core/reply.ts';
import { withDeadline } from '../core/deadline.ts';
import { channelKeyOf } from '../store/channel-key.ts';
import type { TeamProfile } from '../store/team-profiles.ts';
import { rememberQuestion } from './question-log.ts';

/** How long an answer waits for the channel's team profile before answering without it. */
export const TEAM_PROFILE_DEADLINE_MS = 1500;

/**
 * The channel's team profile. A database that does not answer (or fails) costs the answer its personalisation,
 * not the answer itself: the advice is given without a profile and the miss is logged.
 */
async function channelTeamProfile(ctx: CommandContext): Promise<TeamProfile | undefined> {
  try {
    const stored = await withDeadline(ctx.services.store.teamProfiles.get(channelKeyOf(ctx.invocation)), TEAM_PROFILE_DEADLINE_MS, 'the team profile store');
    return stored?.profile;
  } catch (error) {
    ctx.services.logger.warn({ err: error, requestId: ctx.invocation.requestId }, 'team profile unavailable; answering without it');
    return undefined;
  }
}

export const askCommand = defineCommand({
  name: 'ask',
  description: 'Rust or Go for a component? A sourced recommendation with trade-offs',
  examples: ['ask Rust or Go for an edge gateway?', 'ask Rust or Go for a Kubernetes operator, small team that knows Go?', 'ask --full Rust or Go for a log shipper?'],
  access: 'everyone',
  args: z.object({
    question: z.string().trim().min(3).max(1000).describe('Your question, e.g. "Rust or Go for an edge gateway?"').meta({ rest: true }),
    // Answers are condensed by default (at most 1,000 visible characters); `--full` gives every reason and source.
    full: z.boolean().default(false).describe('The full answer: every reason, the team note and all sources'),
  }),
  async handle(args, ctx) {
    // The advisor (its tables, lexicon and language model) loads with the first question, not with the bot.
    const [profile, { advise }] = await Promise.all([channelTeamProfile(ctx), import('../advisor/advise.ts')]);
    const advice = advise(args.question, profile, ctx.services.knowledge);
    rememberQuestion(ctx, advice);
    return askReply(advice, args.full);
  },
});

/**
 * The ask answer for an Advice: condensed or full, with the advice's own buttons (show full, follow-up options, votes,
 * "Save as ADR"); "Share in channel" is added by dispatch, for every command.
 */
export function askReply(advice: Advice, full: boolean): ReplyInput {
  return adviceReply(advice, { full });
}
