// Slack workspaces (and Enterprise Grid orgs) that installed the app through OAuth, with their bot tokens, so every
// replica can authorize any workspace. The installation is kept whole as JSON (Bolt advises storing all of it);
// the adapter maps Bolt's InstallationStore onto this repository, so the store stays free of platform SDKs.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from './schema.ts';
import { plaintextTokens, type TokenCipher } from './token-cipher.ts';

export interface SlackInstallationTables {
  slack_installations: {
    /** "T:<team id>" for a workspace install, "E:<enterprise id>" for an org-wide install. */
    installation_key: string;
    team_id: string | null;
    enterprise_id: string | null;
    is_enterprise_install: number;
    /** The installation as JSON, sealed by the TokenCipher when a key is configured ("enc:v1:..."). */
    installation_json: string;
    installed_at: number;
    updated_at: number;
  };
}

/** Which installation an event belongs to. */
const slackInstallationKeySchema = z.object({
  teamId: z.string().min(1).optional(),
  enterpriseId: z.string().min(1).optional(),
  isEnterpriseInstall: z.boolean().default(false),
});
export type SlackInstallationKey = z.input<typeof slackInstallationKeySchema>;

/** The fields the repository relies on; the rest of Bolt's Installation is kept as is. */
const storedSlackInstallationSchema = z.looseObject({
  team: z.object({ id: z.string().min(1) }).loose().nullish(),
  enterprise: z.object({ id: z.string().min(1) }).loose().nullish(),
  isEnterpriseInstall: z.boolean().optional(),
});
export type StoredSlackInstallation = z.infer<typeof storedSlackInstallationSchema>;

class SlackInstallationMissingKeyError extends Error {}

function keyOf(key: SlackInstallationKey): string {
  const { teamId, enterpriseId, isEnterpriseInstall } = slackInstallationKeySchema.parse(key);
  if (isEnterpriseInstall && enterpriseId) return `E:${enterpriseId}`;
  if (teamId) return `T:${teamId}`;
  throw new SlackInstallationMissingKeyError('a Slack installation needs a team id (or an enterprise id for org installs)');
}

export class SlackInstallationRepository {
  // The whole schema, not just this table: Kysely's types are invariant, so a narrower type would not accept the
  // store's instance.
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly cipher: TokenCipher = plaintextTokens,
  ) {}

  /** Inserts or replaces the installation of its workspace (a reinstall refreshes the token). */
  async save(installation: StoredSlackInstallation, at: Date): Promise<void> {
    const parsed = storedSlackInstallationSchema.parse(installation);
    const isEnterpriseInstall = parsed.isEnterpriseInstall === true;
    const values = {
      installation_key: keyOf({ teamId: parsed.team?.id, enterpriseId: parsed.enterprise?.id, isEnterpriseInstall }),
      team_id: parsed.team?.id ?? null,
      enterprise_id: parsed.enterprise?.id ?? null,
      is_enterprise_install: isEnterpriseInstall ? 1 : 0,
      installation_json: this.cipher.seal(JSON.stringify(installation)),
      installed_at: at.getTime(),
      updated_at: at.getTime(),
    };
    await this.db
      .insertInto('slack_installations')
      .values(values)
      .onConflict((oc) =>
        oc.column('installation_key').doUpdateSet({
          team_id: values.team_id,
          enterprise_id: values.enterprise_id,
          is_enterprise_install: values.is_enterprise_install,
          installation_json: values.installation_json,
          updated_at: values.updated_at,
        }),
      )
      .execute();
  }

  async find(key: SlackInstallationKey): Promise<StoredSlackInstallation | undefined> {
    const installationKey = keyOf(key);
    const row = await this.db
      .selectFrom('slack_installations')
      .select('installation_json')
      .where('installation_key', '=', installationKey)
      .executeTakeFirst();
    if (!row) return undefined;
    const json = this.cipher.open(row.installation_json);
    // Lazy re-encryption: a row written before the key was set, or sealed with a previous key, is sealed with the
    // current key on first read. The WHERE on the old value keeps a concurrent reinstall from being overwritten.
    if (this.cipher.needsResealing(row.installation_json)) {
      await this.db
        .updateTable('slack_installations')
        .set({ installation_json: this.cipher.seal(json) })
        .where('installation_key', '=', installationKey)
        .where('installation_json', '=', row.installation_json)
        .execute();
    }
    const parsed = storedSlackInstallationSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  }

  /** Seals every row not yet sealed with the current key (what `find` does lazily); returns how many changed. */
  async resealAll(): Promise<number> {
    const rows = await this.db.selectFrom('slack_installations').select(['installation_key', 'installation_json']).execute();
    let changed = 0;
    for (const row of rows) {
      if (!this.cipher.needsResealing(row.installation_json)) continue;
      const sealed = this.cipher.seal(this.cipher.open(row.installation_json));
      const result = await this.db
        .updateTable('slack_installations')
        .set({ installation_json: sealed })
        .where('installation_key', '=', row.installation_key)
        .where('installation_json', '=', row.installation_json)
        .executeTakeFirst();
      changed += Number(result.numUpdatedRows);
    }
    return changed;
  }

  /** Removes the installation (app uninstalled, tokens revoked); true when there was one. */
  async delete(key: SlackInstallationKey): Promise<boolean> {
    const result = await this.db.deleteFrom('slack_installations').where('installation_key', '=', keyOf(key)).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('slack_installations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
