// The invocation a test dispatches as: user U1 in Slack channel C1 of workspace T1, a channel admin, running a
// command. Tests override what they are about (platform, who, whether the user may change settings, forms).
import type { InvocationOrigin } from '../../src/core/invocation.ts';

export const slackOrigin = (overrides: Partial<InvocationOrigin> = {}): InvocationOrigin => ({
  platform: 'slack',
  workspaceId: 'T1',
  channelId: 'C1',
  userId: 'U1',
  locale: 'en',
  requestId: 'req-1',
  isChannelAdmin: async () => true,
  mode: 'command',
  ...overrides,
});
