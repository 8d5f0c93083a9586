// Bolt's InstallationStore over the project's database (src/store/slack-installations.ts), so OAuth installs
// survive restarts and every replica sees them.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { SlackInstallationRepository } from '../../store/slack-installations.ts';

export function databaseInstallationStore(repository: SlackInstallationRepository, now: () => Date): InstallationStore {
  return {
    async storeInstallation(installation) {
      await repository.save(installation as unknown as Record<string, unknown>, now());
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = await repository.find(keyOf(query));
      // Bolt turns this error into "authorization failed" and calls no listener.
      if (!found) throw new Error(`no Slack installation for ${query.isEnterpriseInstall ? `enterprise ${query.enterpriseId}` : `team ${query.teamId}`}`);
      return found as unknown as Installation<'v1' | 'v2', boolean>;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await repository.delete(keyOf(query));
    },
  };
}

function keyOf(query: InstallationQuery<boolean>) {
  return { teamId: query.teamId, enterpriseId: query.enterpriseId, isEnterpriseInstall: query.isEnterpriseInstall };
}
