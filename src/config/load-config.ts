// Reads .env (when present) into the environment without overriding real variables, then validates it.
import dotenv from 'dotenv';
import { parseConfig, readConfig, type Config, type ConfigReading } from './env.ts';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  dotenv.config({ path: envFile, quiet: true, processEnv: env });
  return parseConfig(env);
}

/** Like loadConfig, but returns the problems with the rest of the configuration instead of throwing on the first check. */
export function readConfigFile(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): ConfigReading {
  dotenv.config({ path: envFile, quiet: true, processEnv: env });
  return readConfig(env);
}
