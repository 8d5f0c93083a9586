// The database's tables as Kysely sees them. Each area declares its tables next to its repository and
// adds them here. Timestamps are integer epoch milliseconds and structured values are JSON text, so the same
// SQL runs on SQLite and PostgreSQL.
import type { DigestLedgerTables } from './digest-ledger.ts';
import type { DigestSnapshotTables } from './digest-snapshots.ts';
import type { DigestSubscriptionTables } from './digest-subscriptions.ts';
import type { DiscordActionTables } from './discord-actions.ts';
import type { FeedbackTables } from './feedback.ts';
import type { AskedQuestionTables } from './asked-questions.ts';
import type { RateLimitPointTables } from './rate-limit-points.ts';
import type { SeenSignatureTables } from './seen-signatures.ts';
import type { SlackInstallationTables } from './slack-installations.ts';
import type { SourceValidatorTables } from './source-validators.ts';
import type { TeamProfileTables } from './team-profiles.ts';

export interface DatabaseSchema
  extends TeamProfileTables,
    SlackInstallationTables,
    SourceValidatorTables,
    DigestSnapshotTables,
    DiscordActionTables,
    RateLimitPointTables,
    DigestSubscriptionTables,
    DigestLedgerTables,
    SeenSignatureTables,
    FeedbackTables,
    AskedQuestionTables {}
