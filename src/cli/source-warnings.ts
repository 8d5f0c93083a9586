// Whether `digest collect` / `digest preview` show their sources' per-request warnings. With the network down that
// is one warning per request (about fifty: every watched item on every source), which buries the answer on a
// terminal; the collect summary and the preview already give each failed source one line with its reason. So a
// person at a terminal gets those lines alone, while logs that a machine reads (JSON, production, stderr not a
// terminal) and a log level the person asked for (LOG_LEVEL, in the environment or .env) keep every warning.
import type { Config } from '../config/env.ts';

export interface LogReader {
  env: NodeJS.ProcessEnv;
  stderr: { isTTY?: boolean };
}

/** True when the per-request source warnings are held back (errors still show). Read after .env is loaded. */
export function holdsSourceWarnings(config: Pick<Config, 'LOG_FORMAT' | 'NODE_ENV'>, reader: LogReader): boolean {
  const levelWasSet = Boolean(reader.env.LOG_LEVEL?.trim());
  return Boolean(reader.stderr.isTTY) && !levelWasSet && config.LOG_FORMAT !== 'json' && config.NODE_ENV !== 'production';
}
