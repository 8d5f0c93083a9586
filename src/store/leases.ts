// Named leases in the shared database: at most one holder per name until the lease expires, so any number of
// replicas can agree on who runs a singleton job. A holder that dies simply stops renewing; once its lease has
// expired the next acquire takes it over. Both dialects do it in one atomic upsert (INSERT ... ON CONFLICT DO
// UPDATE ... WHERE), which PostgreSQL serialises on the row lock and SQLite on its write lock.
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

export interface LeaseTables {
  leases: {
    name: string;
    holder: string;
    expires_at: number;
    acquired_at: number;
  };
}

export interface Lease {
  name: string;
  holder: string;
  expiresAt: Date;
  acquiredAt: Date;
}

export class LeaseRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /**
   * Takes the lease for `ttlMs` when it is free, expired, or already ours (then it is extended). Returns whether
   * `holder` holds it now.
   */
  async acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const at = now.getTime();
    const result = await this.db
      .insertInto('leases')
      .values({ name, holder, expires_at: at + ttlMs, acquired_at: at })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb) => ({
            holder: eb.ref('excluded.holder'),
            expires_at: eb.ref('excluded.expires_at'),
            // A renewal keeps the original acquisition time; a takeover starts a new one.
            acquired_at: eb.case().when('leases.holder', '=', holder).then(eb.ref('leases.acquired_at')).else(eb.ref('excluded.acquired_at')).end(),
          }))
          .where((eb) => eb.or([eb('leases.expires_at', '<', at), eb('leases.holder', '=', holder)])),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Extends a lease we still hold; false when it expired and someone else took it (stop working then). */
  async renew(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const at = now.getTime();
    const result = await this.db
      .updateTable('leases')
      .set({ expires_at: at + ttlMs })
      .where('name', '=', name)
      .where('holder', '=', holder)
      .where('expires_at', '>=', at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Gives a lease back early so another replica need not wait for it to expire. */
  async release(name: string, holder: string): Promise<boolean> {
    const result = await this.db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /** Every lease of a holder, e.g. on shutdown; returns how many were released. */
  async releaseAll(holder: string): Promise<number> {
    const result = await this.db.deleteFrom('leases').where('holder', '=', holder).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The current, unexpired holder, if any. */
  async current(name: string, now: Date): Promise<Lease | undefined> {
    const row = await this.db
      .selectFrom('leases')
      .selectAll()
      .where('name', '=', name)
      .where('expires_at', '>=', now.getTime())
      .executeTakeFirst();
    if (!row) return undefined;
    return { name: row.name, holder: row.holder, expiresAt: new Date(Number(row.expires_at)), acquiredAt: new Date(Number(row.acquired_at)) };
  }

  /** Deletes leases that expired before `before`; they only record that a slot ran. */
  async prune(before: Date): Promise<number> {
    const result = await this.db.deleteFrom('leases').where('expires_at', '<', before.getTime()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
