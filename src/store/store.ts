// The store: one repository per concept over one database (SQLite by default, PostgreSQL for replicas).
// Callers never see SQL; each repository keeps its queries portable across both dialects.
import { migrateToLatest, openDatabase, type Database } from './database.ts';
import { TeamProfileRepository } from './team-profiles.ts';
import { SlackInstallationRepository } from './slack-installations.ts';
import { RATE_LIMIT_POINTS_TABLE, RateLimitPointStore } from './rate-limit-points.ts';
import { SourceValidatorRepository } from './source-validators.ts';
import { DigestSnapshotRepository } from './digest-snapshots.ts';
import { DiscordActionRepository } from './discord-actions.ts';
import { DigestSubscriptionRepository } from './digest-subscriptions.ts';
import { DigestLedgerRepository } from './digest-ledger.ts';
import { SeenSignatureRepository } from './seen-signatures.ts';
import { FeedbackRepository } from './feedback.ts';
import { AskedQuestionRepository } from './asked-questions.ts';
import type { TokenCipher } from './token-cipher.ts';
import { DatabaseUnavailableError } from './database-url.ts';

export interface Store {
  readonly kind: Database['kind'];
  readonly database: Database;
  readonly teamProfiles: TeamProfileRepository;
  readonly slackInstallations: SlackInstallationRepository;
  readonly rateLimits: RateLimitPointStore;
  readonly sourceValidators: SourceValidatorRepository;
  readonly digestSnapshots: DigestSnapshotRepository;
  readonly discordActions: DiscordActionRepository;
  readonly digestSubscriptions: DigestSubscriptionRepository;
  readonly digestLedger: DigestLedgerRepository;
  readonly seenSignatures: SeenSignatureRepository;
  readonly feedback: FeedbackRepository;
  readonly askedQuestions: AskedQuestionRepository;
  /** Cheap round trip for readiness checks: one read and one write, so a database that refuses writes is not ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Seals Slack installations at rest; without one they are stored in plain text (see token-cipher.ts). */
  tokenCipher?: TokenCipher;
}

export function createStore(database: Database, options: StoreOptions = {}): Store {
  const { db } = database;
  return {
    kind: database.kind,
    database,
    teamProfiles: new TeamProfileRepository(db),
    slackInstallations: new SlackInstallationRepository(db, options.tokenCipher),
    rateLimits: new RateLimitPointStore(database, db),
    sourceValidators: new SourceValidatorRepository(db),
    digestSnapshots: new DigestSnapshotRepository(db),
    discordActions: new DiscordActionRepository(db),
    digestSubscriptions: new DigestSubscriptionRepository(db),
    digestLedger: new DigestLedgerRepository(db),
    seenSignatures: new SeenSignatureRepository(db),
    feedback: new FeedbackRepository(db),
    askedQuestions: new AskedQuestionRepository(db),
    async ping() {
      await db.selectFrom('team_profiles').select('platform').limit(1).execute();
      // A write too: a full disk or a read-only database still answers reads, yet every command that saves fails.
      // One row, replaced each time; it is born expired, so the rate limiter neither counts nor keeps it.
      await db
        .insertInto(RATE_LIMIT_POINTS_TABLE)
        .values({ key: READINESS_PROBE_KEY, points: 0, expire: 0 })
        .onConflict((oc) => oc.column('key').doUpdateSet({ points: 0, expire: 0 }))
        .execute();
    },
    close: () => database.close(),
  };
}

/** The row /readyz writes to prove the database takes writes. */
const READINESS_PROBE_KEY = 'readiness:probe';


/** Opens the database at `url`, applies migrations and returns the store. */
export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const database = openDatabase(url);
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw new DatabaseUnavailableError(error);
  }
  return createStore(database, options);
}
