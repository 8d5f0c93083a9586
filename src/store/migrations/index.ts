// The versioned migrations, applied in name order at start-up. Never edit a migration that has shipped:
// add a new one. (0006, a leases table, was withdrawn before release: the delivery ledger's own claims
// coordinate replicas.)
import type { Migration } from 'kysely';
import * as m0001 from './0001_team_profiles.ts';
import * as m0002 from './0002_slack_installations.ts';
import * as m0003 from './0003_digest_sources.ts';
import * as m0004 from './0004_discord_actions.ts';
import * as m0005 from './0005_digest_delivery.ts';
import * as m0007 from './0007_rate_limits.ts';
import * as m0008 from './0008_seen_request_signatures.ts';
import * as m0009 from './0009_digest_skip_empty.ts';
import * as m0010 from './0010_digest_chart_state.ts';
import * as m0011 from './0011_feedback.ts';
import * as m0012 from './0012_asked_questions.ts';
import * as m0013 from './0013_rate_limit_points.ts';

export const migrations: Record<string, Migration> = {
  '0001_team_profiles': m0001,
  '0002_slack_installations': m0002,
  '0003_digest_sources': m0003,
  '0004_discord_actions': m0004,
  '0005_digest_delivery': m0005,
  '0007_rate_limits': m0007,
  '0008_seen_request_signatures': m0008,
  '0009_digest_skip_empty': m0009,
  '0010_digest_chart_state': m0010,
  '0011_feedback': m0011,
  '0012_asked_questions': m0012,
  '0013_rate_limit_points': m0013,
};
