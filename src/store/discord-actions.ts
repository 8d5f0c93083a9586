// Commands referenced by Discord buttons, by id. Rows expire: a button older than the retention period
// answers "expired" instead of growing the table forever.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

export interface DiscordActionTables {
  discord_actions: {
    id: string;
    command: string;
    created_at: number;
  };
}

/** How long a stored button command stays usable. */
export const discordActionRetentionMs = 30 * 24 * 60 * 60 * 1000;

export class DiscordActionRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Stores the command and returns its id (16 url-safe characters); prunes expired rows on the way. */
  async save(command: string, at: Date): Promise<string> {
    const id = randomBytes(12).toString('base64url');
    await this.db.deleteFrom('discord_actions').where('created_at', '<', at.getTime() - discordActionRetentionMs).execute();
    await this.db.insertInto('discord_actions').values({ id, command, created_at: at.getTime() }).execute();
    return id;
  }

  async get(id: string, at: Date): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('discord_actions')
      .select(['command', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || Number(row.created_at) < at.getTime() - discordActionRetentionMs) return undefined;
    return row.command;
  }
}
