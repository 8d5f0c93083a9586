// Recomputes the answer a button sits on (a vote, "Save as ADR") from the ask the button carries: answers are
// deterministic, so the question and the channel's team profile are all it takes.
import { z } from 'zod';
import { advise } from '../advisor/advise.ts';
import type { Advice } from '../advisor/advice.ts';
import { withDeadline } from '../core/deadline.ts';
import type { Services } from '../core/services.ts';
import type { ChannelKey } from '../store/channel-key.ts';
import type { TeamProfile } from '../store/team-profiles.ts';
import { TEAM_PROFILE_DEADLINE_MS } from './ask.ts';

/** What a button's command may be: `ask [--full] <question>`, the question as `ask` accepts it. */
const askCommandSchema = z
  .string()
  .trim()
  .transform((text) => text.replace(/^ask\s+(--full\s+)?/i, '').trim())
  .pipe(z.string().min(3).max(1000));

/** The question of a button's ask command, or undefined when the text is no such command. */
export function questionOfCommand(command: string): string | undefined {
  if (!/^ask\s/i.test(command.trim())) return undefined;
  const parsed = askCommandSchema.safeParse(command);
  return parsed.success ? parsed.data : undefined;
}

export interface RecomputedAnswer {
  advice: Advice;
  profile: TeamProfile | undefined;
}

/** The advice for the question in the channel, with its team profile when the store answers in time. */
export async function answerAgain(services: Services, channel: ChannelKey, question: string): Promise<RecomputedAnswer> {
  let profile: TeamProfile | undefined;
  try {
    profile = (await withDeadline(services.store.teamProfiles.get(channel), TEAM_PROFILE_DEADLINE_MS, 'the team profile store'))?.profile;
  } catch (error) {
    services.logger.warn({ err: error }, 'team profile unavailable; recomputing without it');
  }
  return { advice: advise(question, profile, services.knowledge), profile };
}
