// Votes on answers. A vote is stored at once (thumbs up or down); a "what was wrong?" comment arrives later, from
// a modal, and is attached to the vote by its id.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ChannelKey } from './channel-key.ts';
import type { DatabaseSchema } from './schema.ts';

const voteSchema = z.enum(['up', 'down']);
export type Vote = z.infer<typeof voteSchema>;

/** The most comment text kept; the modal allows no more, and a hand-made request is cut to it. */
export const FEEDBACK_COMMENT_MAX = 1000;

const feedbackVoteSchema = z.object({
  vote: voteSchema,
  question: z.string().min(1),
  readAs: z.string(),
  recommendation: z.string(),
  confidence: z.number().min(0).max(1),
  kbVersion: z.string(),
});
export type FeedbackVoteInput = z.infer<typeof feedbackVoteSchema>;

/** One line of `rustvsgo feedback export`. */
export const feedbackExportSchema = z.object({
  question: z.string(),
  read_as: z.string(),
  recommendation: z.string(),
  confidence: z.number(),
  kb_version: z.string(),
  vote: voteSchema,
  comment: z.string().nullable(),
  platform: z.string(),
  at: z.string(),
});
export type FeedbackExportLine = z.infer<typeof feedbackExportSchema>;

export interface FeedbackTables {
  feedback_votes: {
    id: string;
    platform: string;
    workspace_id: string;
    channel_id: string;
    vote: string;
    question: string;
    read_as: string;
    recommendation: string;
    confidence: number;
    kb_version: string;
    comment: string | null;
    created_at: number;
  };
}

export class FeedbackRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Stores one vote and returns its id (16 url-safe characters), which a later comment names. */
  async record(channel: ChannelKey, input: FeedbackVoteInput, at: Date): Promise<string> {
    const vote = feedbackVoteSchema.parse(input);
    const id = randomBytes(12).toString('base64url');
    await this.db
      .insertInto('feedback_votes')
      .values({
        id,
        platform: channel.platform,
        workspace_id: channel.workspaceId,
        channel_id: channel.channelId,
        vote: vote.vote,
        question: vote.question,
        read_as: vote.readAs,
        recommendation: vote.recommendation,
        confidence: vote.confidence,
        kb_version: vote.kbVersion,
        comment: null,
        created_at: at.getTime(),
      })
      .execute();
    return id;
  }

  /** Attaches a comment to a vote; false when no such vote exists (an old or forged id). */
  async comment(id: string, comment: string): Promise<boolean> {
    const result = await this.db
      .updateTable('feedback_votes')
      .set({ comment: comment.slice(0, FEEDBACK_COMMENT_MAX) })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows ?? 0) > 0;
  }

  /** Every vote, oldest first, in the export's shape. */
  async *exportLines(pageSize = 500): AsyncGenerator<FeedbackExportLine> {
    let after = { at: -1, id: '' };
    for (;;) {
      const rows = await this.db
        .selectFrom('feedback_votes')
        .selectAll()
        .where((eb) => eb.or([eb('created_at', '>', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '>', after.id)])]))
        .orderBy('created_at')
        .orderBy('id')
        .limit(pageSize)
        .execute();
      for (const row of rows) {
        yield {
          question: row.question,
          read_as: row.read_as,
          recommendation: row.recommendation,
          confidence: Number(row.confidence),
          kb_version: row.kb_version,
          vote: row.vote === 'up' ? 'up' : 'down',
          comment: row.comment,
          platform: row.platform,
          at: new Date(Number(row.created_at)).toISOString(),
        };
      }
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1]!;
      after = { at: Number(last.created_at), id: last.id };
    }
  }
}
