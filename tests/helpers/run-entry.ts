// Runs one of the project's TypeScript entry points in a child process, the way `npm start` does (through tsx),
// from any working directory.
import { spawn, spawnSync, type SpawnOptions, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';

export const projectRoot = join(import.meta.dirname, '..', '..');
const tsx = join(projectRoot, 'node_modules', '.bin', 'tsx');

export function entryPath(relative: string): string {
  return join(projectRoot, relative);
}

/** Environment without any platform credentials or database from the developer's shell. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(SLACK_|DISCORD_|DATABASE_URL|GITHUB_TOKEN|METRICS_TOKEN|PORT$)/.test(name)) delete env[name];
  return { ...env, LOG_LEVEL: 'warn', ...extra };
}

export function runEntrySync(relative: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): SpawnSyncReturns<string> {
  return spawnSync(tsx, [entryPath(relative), ...args], { ...options, encoding: 'utf8', timeout: 60_000 });
}

export function spawnEntry(relative: string, args: string[], options: SpawnOptions) {
  return spawn(tsx, [entryPath(relative), ...args], options);
}
