// Persisted team profiles, one per channel.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { criterionIdSchema } from '../knowledge/fact.ts';
import type { ChannelKey } from './channel-key.ts';
import type { DatabaseSchema } from './schema.ts';

export const skillLevelSchema = z.enum(['none', 'some', 'strong']);
export type SkillLevel = z.infer<typeof skillLevelSchema>;

export const teamProfileSchema = z.object({
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
