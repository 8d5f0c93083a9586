// Identifies a channel across platforms and workspaces; every per-channel row is keyed by it.
import { z } from 'zod';
import { platformSchema } from '../shared/platform.ts';

export const channelKeySchema = z.object({
  platform: platformSchema,
  workspaceId: z.string().min(1),
  channelId: z.string().min(1),
});
export type ChannelKey = z.infer<typeof channelKeySchema>;

/** The channel an invocation came from. */
export function channelKeyOf({ platform, workspaceId, channelId }: ChannelKey): ChannelKey {
  return { platform, workspaceId, channelId };
}
