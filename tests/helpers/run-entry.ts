// Runs one of the project's TypeScript entry points in a child process (tsx as an --import loader), from any
// working directory. One process, not the tsx CLI: that CLI runs the script in a second, child process, so a
// timeout's or a test's kill reached only the wrapper and left the bot itself running (orphaned, still serving).
import { spawn, spawnSync, type SpawnOptions, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const projectRoot = join(import.meta.dirname, '..', '..');
// By file URL: a bare `tsx` would be resolved from the child's working directory, often a temporary folder.
const tsxLoader = ['--import', pathToFileURL(join(projectRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href];

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
  return spawnSync(process.execPath, [...tsxLoader, entryPath(relative), ...args], { ...options, encoding: 'utf8', timeout: 60_000 });
}

export function spawnEntry(relative: string, args: string[], options: SpawnOptions) {
  return spawn(process.execPath, [...tsxLoader, entryPath(relative), ...args], options);
}
