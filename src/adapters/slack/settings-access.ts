// Who may change a channel's settings on Slack (team profile, digests), per SETTINGS_ACCESS: everyone, workspace
// admins and owners (users.info, needs the users:read scope), or the user ids in SETTINGS_USER_IDS.
import { z } from 'zod';
import type { Config } from '../../config/env.ts';

export const slackUserSchema = z.object({
  user: z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional(), is_primary_owner: z.boolean().optional() }).optional(),
});

/** Returns users.info's answer for a user id. */
export type LookupSlackUser = (userId: string) => Promise<unknown>;

export async function canManageSettings(
  config: Pick<Config, 'SETTINGS_ACCESS' | 'SETTINGS_USER_IDS'>,
  userId: string,
  lookupUser: LookupSlackUser,
): Promise<boolean> {
  switch (config.SETTINGS_ACCESS) {
    case 'everyone':
      return true;
    case 'listed':
      return config.SETTINGS_USER_IDS.includes(userId);
    case 'admins': {
      const parsed = slackUserSchema.safeParse(await lookupUser(userId));
      const user = parsed.success ? parsed.data.user : undefined;
      return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
    }
  }
}
