// Questions users asked and the verdicts they got, per user: what the Slack App Home lists ("your last five
// questions") and where it looks for the channels whose settings it shows.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ChannelKey } from './channel-key.ts';
import type { DatabaseSchema } from './schema.ts';

export interface AskedQuestionTables {
  asked_questions: {
    id: string;
    platform: string;
    workspace_id: string;
    channel_id: string;
    user_id: string;
    question: string;
    verdict: string;
    created_at: number;
  };
}

export interface AskedQuestion {
  channelId: string;
  question: string;
  verdict: string;
  at: Date;
}

/** How long a question is kept. */
const askedQuestionRetentionMs = 90 * 24 * 60 * 60 * 1000;

export class AskedQuestionRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async record(channel: ChannelKey, userId: string, question: string, verdict: string, at: Date): Promise<void> {
    await this.db.deleteFrom('asked_questions').where('created_at', '<', at.getTime() - askedQuestionRetentionMs).execute();
    await this.db
      .insertInto('asked_questions')
      .values({
        id: randomBytes(12).toString('base64url'),
        platform: channel.platform,
        workspace_id: channel.workspaceId,
        channel_id: channel.channelId,
        user_id: userId,
        question,
        verdict,
        created_at: at.getTime(),
      })
      .execute();
  }

  /** The user's most recent questions in the workspace, newest first. */
  async recent(user: Pick<ChannelKey, 'platform' | 'workspaceId'> & { userId: string }, limit: number): Promise<AskedQuestion[]> {
    const rows = await this.db
      .selectFrom('asked_questions')
      .select(['channel_id', 'question', 'verdict', 'created_at'])
      .where('platform', '=', user.platform)
      .where('workspace_id', '=', user.workspaceId)
      .where('user_id', '=', user.userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ channelId: r.channel_id, question: r.question, verdict: r.verdict, at: new Date(Number(r.created_at)) }));
  }
}
