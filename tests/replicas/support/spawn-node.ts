// Starts a TypeScript entry point as ONE node process (tsx as an --import loader). The tsx CLI runs the script in
// a second, child process, so a signal sent to it (SIGKILL above all) would not reach the code under test.
import { spawn, type ChildProcess } from 'node:child_process';
import { entryPath, projectRoot } from '../../helpers/run-entry.ts';

interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningProcess {
  child: ChildProcess;
  done: Promise<ProcessResult>;
  /** Resolves with the first line of stdout or stderr (logs) matching the pattern: the process reached a point. */
  line(pattern: RegExp): Promise<string>;
}

export function spawnNode(relative: string, args: string[], env: NodeJS.ProcessEnv): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entryPath(relative), ...args], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const findLine = (pattern: RegExp) => `${stdout}\n${stderr}`.split('\n').find((l) => pattern.test(l));
  const notify = () => {
    for (const watcher of [...watchers]) {
      const line = findLine(watcher.pattern);
      if (line !== undefined) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve(line);
      }
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    notify();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    notify();
  });
  const done = new Promise<ProcessResult>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return {
    child,
    done,
    line(pattern) {
      const found = findLine(pattern);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        watchers.push({ pattern, resolve });
        void done.then((result) => reject(new Error(`process ended (${result.code ?? result.signal}) before printing ${pattern}: ${result.stderr.slice(-500)}`)));
      });
    },
  };
}
