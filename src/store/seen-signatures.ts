// Request signatures already handled, shared by every replica (a replayed request may reach any of them). One
// INSERT ... ON CONFLICT DO NOTHING per request: the replica whose insert lands handles it, any other sees 0 rows.
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

export interface SeenSignatureTables {
  seen_request_signatures: {
    signature: string;
    /** Epoch ms after which the signature is stale anyway (its timestamp left the validity window). */
    expires_at: number;
  };
}

/** Expired rows are deleted at most this often per process. */
const PRUNE_EVERY_MS = 60_000;

export class SeenSignatureRepository {
  private prunedAt = 0;

  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Records the signature; true when it is new, false when it was already recorded (a replay). */
  async firstSighting(signature: string, expiresAt: Date, now: Date): Promise<boolean> {
    if (now.getTime() - this.prunedAt > PRUNE_EVERY_MS) {
      this.prunedAt = now.getTime();
      await this.db.deleteFrom('seen_request_signatures').where('expires_at', '<', now.getTime()).execute();
    }
    const result = await this.db
      .insertInto('seen_request_signatures')
      .values({ signature, expires_at: expiresAt.getTime() })
      .onConflict((oc) => oc.column('signature').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}
