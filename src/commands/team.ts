// `/rustvsgo team` shows and `/rustvsgo team set rust=.. go=.. priorities=..` sets the channel's team profile,
// which every answer in that channel then takes into account (and says so).
import { z } from 'zod';
import { defineCommand, defineGroup } from '../core/command-spec.ts';
import { channelKeyOf } from '../store/channel-key.ts';
import { stripInvocationPrefix } from '../core/parse-text.ts';
import type { ReplyInput } from '../core/reply.ts';
import { UserError } from '../core/user-error.ts';
import { criterionIdSchema } from '../knowledge/criterion.ts';
import { skillLevelSchema, type StoredTeamProfile, type TeamProfile } from '../store/team-profiles.ts';

/** The profile as a reply, with the form to edit it where the platform can open one (a Slack modal). */
function withForm(text: ReplyInput, stored: StoredTeamProfile | undefined): ReplyInput {
  return { ...text, form: { kind: 'team_profile', ...(stored ? { current: stored.profile } : {}) } };
}

function describe(profile: TeamProfile): string {
  const priorities = profile.priorities.length ? profile.priorities.join(', ') : 'none';
  return `Rust: **${profile.rust}** · Go: **${profile.go}** · priorities: ${priorities}`;
}

function teamViewReply(stored: StoredTeamProfile | undefined): ReplyInput {
  if (!stored) {
    return {
      title: 'Team profile',
      summary: 'No team profile for this channel yet: answers assume nothing about your team.',
      sections: [{ body: 'Set one with `/rustvsgo team set rust=<none|some|strong> go=<none|some|strong> priorities=<criterion,...>`.' }],
      tone: 'info',
      data: { profile: null },
    };
  }
  return {
    title: 'Team profile',
    summary: describe(stored.profile),
    sections: [{ body: `Every answer in this channel takes it into account. Last changed ${stored.updatedAt.toISOString().slice(0, 10)}.` }],
    tone: 'info',
    data: { profile: stored.profile, updatedAt: stored.updatedAt.toISOString() },
  };
}

const teamView = defineCommand({
  name: 'view',
  description: "Show this channel's team profile",
  examples: ['team', 'team view'],
  access: 'everyone',
  args: z.object({}),
  async handle(_args, ctx) {
    const stored = await ctx.services.store.teamProfiles.get(channelKeyOf(ctx.invocation));
    // `/rustvsgo team` alone opens the form where there is one; `team view` asks for the text.
    const namedAlone = stripInvocationPrefix(ctx.invocation.rawText).toLowerCase() === 'team';
    return ctx.invocation.forms && namedAlone ? withForm(teamViewReply(stored), stored) : teamViewReply(stored);
  },
});

const teamSet = defineCommand({
  name: 'set',
  description: "Set this channel's team skills and priorities",
  examples: ['team set rust=none go=strong', 'team set rust=some go=some priorities=tail-latency,safety'],
  access: 'manage',
  args: z.object({
    rust: skillLevelSchema.optional().describe('Rust skill: none, some or strong'),
    go: skillLevelSchema.optional().describe('Go skill: none, some or strong'),
    priorities: z.array(criterionIdSchema).max(4).optional().describe('Up to four criteria that matter most, comma-separated'),
  }),
  async handle(args, ctx) {
    if (args.rust === undefined && args.go === undefined && args.priorities === undefined) {
      if (ctx.invocation.forms) {
        const stored = await ctx.services.store.teamProfiles.get(channelKeyOf(ctx.invocation));
        return withForm(teamViewReply(stored), stored);
      }
      throw new UserError('Nothing to set', 'Use `/rustvsgo team set rust=<none|some|strong> go=<none|some|strong> priorities=<criterion,...>`.');
    }
    // Merged inside the store's compare-and-set, so concurrent sets of different fields (any replica) all land.
    const profile = await ctx.services.store.teamProfiles.update(
      channelKeyOf(ctx.invocation),
      (current): TeamProfile => ({
        rust: args.rust ?? current?.rust ?? 'none',
        go: args.go ?? current?.go ?? 'none',
        priorities: args.priorities ?? current?.priorities ?? [],
      }),
      ctx.invocation.userId,
      ctx.services.now(),
    );
    return {
      title: 'Team profile saved',
      summary: describe(profile),
      sections: [{ body: 'Every answer in this channel now takes it into account.' }],
      tone: 'info',
      data: { profile },
    };
  },
});

export const teamCommand = defineGroup({
  name: 'team',
  description: "Show or set this channel's team profile (skills, priorities)",
  examples: ['team', 'team set rust=none go=strong priorities=productivity'],
  subcommands: [teamView, teamSet],
  defaultSubcommand: 'view',
});
