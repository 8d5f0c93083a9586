// Who may run a `manage` command (team set, digest subscribe, ...): the one SETTINGS_ACCESS switch, decided in the
// core for every platform. Adapters only answer "is this user an admin of this channel?" (the isChannelAdmin port
// on the invocation origin); they never look at the command text to decide whether to ask.
import type { InvocationOrigin } from './invocation.ts';
import type { ServicesSettings } from './services.ts';

export async function mayManageSettings(origin: InvocationOrigin, settings: Pick<ServicesSettings, 'SETTINGS_ACCESS' | 'SETTINGS_USER_IDS'>): Promise<boolean> {
  // Inputs that can only show answers (a "Share" or "Show full" button) never change settings, whoever pressed.
  if (!origin.isChannelAdmin) return false;
  switch (settings.SETTINGS_ACCESS) {
    case 'everyone':
      return true;
    case 'listed':
      return settings.SETTINGS_USER_IDS.includes(origin.userId);
    case 'admins':
      // Asked last (after the rate limit, for a manage command only): on Slack it costs a users.info call.
      return origin.isChannelAdmin();
  }
}
