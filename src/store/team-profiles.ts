// Persisted team profiles, one per channel.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { criterionIdSchema } from '../knowledge/criterion.ts';
import type { ChannelKey } from './channel-key.ts';
import type { DatabaseSchema } from './schema.ts';

export const skillLevelSchema = z.enum(['none', 'some', 'strong']);

const teamProfileSchema = z.object({
  rust: skillLevelSchema,
  go: skillLevelSchema,
  priorities: z.array(criterionIdSchema).default([]),
});
export type TeamProfile = z.infer<typeof teamProfileSchema>;

export interface StoredTeamProfile {
  profile: TeamProfile;
  updatedBy: string;
  updatedAt: Date;
}

export interface TeamProfileTables {
  team_profiles: {
    platform: string;
    workspace_id: string;
    channel_id: string;
    profile_json: string;
    updated_by: string;
    updated_at: number;
  };
}

export class TeamProfileRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async get(key: ChannelKey): Promise<StoredTeamProfile | undefined> {
    const row = await this.db
      .selectFrom('team_profiles')
      .select(['profile_json', 'updated_by', 'updated_at'])
      .where('platform', '=', key.platform)
      .where('workspace_id', '=', key.workspaceId)
      .where('channel_id', '=', key.channelId)
      .executeTakeFirst();
    if (!row) return undefined;
    // A row that no longer matches the schema (hand-edited, older version) is treated as absent, not a crash.
    const parsed = teamProfileSchema.safeParse(JSON.parse(row.profile_json));
    if (!parsed.success) return undefined;
    return { profile: parsed.data, updatedBy: row.updated_by, updatedAt: new Date(Number(row.updated_at)) };
  }

  /**
   * Read-modify-write without lost updates: `merge` sees the stored profile (undefined when none) and returns the new
   * one, which is written only if the stored row is still what `merge` saw (compare-and-set on its JSON), else
   * merged again. Two replicas running `team set rust=...` and `team set go=...` at once thus keep both changes,
   * with the same portable SQL on SQLite and PostgreSQL.
   */
  async update(key: ChannelKey, merge: (current: TeamProfile | undefined) => TeamProfile, updatedBy: string, at: Date): Promise<TeamProfile> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const row = await this.db
        .selectFrom('team_profiles')
        .select('profile_json')
        .where('platform', '=', key.platform)
        .where('workspace_id', '=', key.workspaceId)
        .where('channel_id', '=', key.channelId)
        .executeTakeFirst();
      const current = row ? teamProfileSchema.safeParse(JSON.parse(row.profile_json)) : undefined;
      const profile = teamProfileSchema.parse(merge(current?.success ? current.data : undefined));
      const values = { profile_json: JSON.stringify(profile), updated_by: updatedBy, updated_at: at.getTime() };
      if (!row) {
        const inserted = await this.db
          .insertInto('team_profiles')
          .values({ platform: key.platform, workspace_id: key.workspaceId, channel_id: key.channelId, ...values })
          .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'channel_id']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return profile;
        continue;
      }
      const updated = await this.db
        .updateTable('team_profiles')
        .set(values)
        .where('platform', '=', key.platform)
        .where('workspace_id', '=', key.workspaceId)
        .where('channel_id', '=', key.channelId)
        .where('profile_json', '=', row.profile_json)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 1) return profile;
    }
    throw new Error('team profile update: gave up after repeated concurrent changes');
  }

  async set(key: ChannelKey, profile: TeamProfile, updatedBy: string, at: Date): Promise<void> {
    const values = {
      platform: key.platform,
      workspace_id: key.workspaceId,
      channel_id: key.channelId,
      profile_json: JSON.stringify(teamProfileSchema.parse(profile)),
      updated_by: updatedBy,
      updated_at: at.getTime(),
    };
    await this.db
      .insertInto('team_profiles')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['platform', 'workspace_id', 'channel_id']).doUpdateSet({
          profile_json: values.profile_json,
          updated_by: values.updated_by,
          updated_at: values.updated_at,
        }),
      )
      .execute();
  }
}
