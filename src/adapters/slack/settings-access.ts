// Slack's answer to the core's "is this user an admin of this channel?" (src/core/settings-access.ts decides who
// may change settings): a workspace admin or owner, per users.info (needs the users:read scope).
import { z } from 'zod';

const slackUserSchema = z.object({
  user: z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional(), is_primary_owner: z.boolean().optional() }).optional(),
});

/** Returns users.info's answer for a user id. */
type LookupSlackUser = (userId: string) => Promise<unknown>;

export async function isWorkspaceAdmin(lookupUser: LookupSlackUser, userId: string): Promise<boolean> {
  const parsed = slackUserSchema.safeParse(await lookupUser(userId));
  const user = parsed.success ? parsed.data.user : undefined;
  return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
}

/** The core's isChannelAdmin port for a Slack user: a users.info call, made only when dispatch asks. */
export function slackAdminPort(lookupUser: LookupSlackUser, userId: string): { isChannelAdmin: () => Promise<boolean> } {
  return { isChannelAdmin: () => isWorkspaceAdmin(lookupUser, userId) };
}
