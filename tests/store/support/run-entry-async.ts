// Runs a project entry point in a child process and collects its output, so several can run at once.
import { spawnEntry } from '../../helpers/run-entry.ts';

export interface EntryRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runEntry(relative: string, args: string[], env: NodeJS.ProcessEnv): Promise<EntryRun> {
  return new Promise((resolve, reject) => {
    const child = spawnEntry(relative, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
