// Authorization for one workspace (SLACK_BOT_TOKEN). Bolt's built-in version either calls auth.test in the App
// constructor (an unhandled rejection if Slack is unreachable at start) or on every event (a round trip before
// each ack). This one calls it once, on first need, and tries again after a failure.
import type { Authorize, AuthorizeResult } from '@slack/bolt';

export type AuthTest = (token: string) => Promise<{ user_id?: string; bot_id?: string }>;

export function singleWorkspaceAuthorize(botToken: string, authTest: AuthTest): Authorize<boolean> & { warmUp(): Promise<void> } {
  let identity: Promise<{ botId?: string; botUserId?: string }> | undefined;
  const resolveIdentity = () =>
    (identity ??= authTest(botToken).then(
      (r) => ({ botId: r.bot_id, botUserId: r.user_id }),
      (error: unknown) => {
        identity = undefined;
        throw error;
      },
    ));
  const authorize = async ({ isEnterpriseInstall }: { isEnterpriseInstall?: boolean }): Promise<AuthorizeResult> => ({
    isEnterpriseInstall,
    botToken,
    ...(await resolveIdentity()),
  });
  return Object.assign(authorize, {
    async warmUp() {
      await resolveIdentity();
    },
  }) as Authorize<boolean> & { warmUp(): Promise<void> };
}
