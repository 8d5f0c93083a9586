// The configuration `npm start` (and `rustvsgo start`) runs with, checked whole before anything opens: invalid
// variables, half-set platform credentials (or production with none) and an unusable token encryption key are
// reported together, so one run lists everything to fix in .env instead of one mistake per attempt.
import { ConfigError, type Config } from '../config/env.ts';
import { readConfigFile } from '../config/load-config.ts';
import { platformCredentialProblems } from '../config/platform-credentials.ts';
import { tokenKeyProblems } from './create-services.ts';

/** Reads .env and the environment; throws one ConfigError (exit 2 at start-up) naming every problem. */
export function loadStartConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  // The later checks run on the valid variables, each invalid one at its default.
  const { config, problems } = readConfigFile(env, envFile);
  const all = [...problems, ...platformCredentialProblems(config), ...tokenKeyProblems(config)];
  if (all.length > 0) throw new ConfigError([...new Set(all)]);
  return config;
}
