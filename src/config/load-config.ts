// Reads .env (when present) into the environment without overriding real variables, then validates it.
import dotenv from 'dotenv';
import { parseConfig, type Config } from './env.ts';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  dotenv.config({ path: envFile, quiet: true, processEnv: env });
  return parseConfig(env);
}
