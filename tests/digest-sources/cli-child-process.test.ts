// The "done when" run through the real command line: every source variable of a child `rustvsgo digest` process
// points at the fake server; two weekly collects, then `preview --json`. (crates.io pacing is real here: the
// child waits about a second between its four crates.io requests per collect.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dump as stringify } from 'js-yaml';
import { digestSchema } from '../../src/digest/digest.ts';
import { cleanEnv, projectRoot, spawnEntry } from '../helpers/run-entry.ts';
import { startFakeSourceServer, type FakeSourceServer } from './support/fake-source-server.ts';
import { serveWeek, WEEK1_NOW, WEEK2_NOW, worldEnv, worldWatchlist } from './support/two-week-world.ts';

let server: FakeSourceServer;
const dir = mkdtempSync(join(tmpdir(), 'rustvsgo-digest-cli-'));
const watchlistFile = join(dir, 'watchlist.yaml');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnEntry('src/cli/main.ts', ['digest', ...args], {
    cwd: projectRoot,
    env: cleanEnv({ ...worldEnv(server.url), DATABASE_URL: `sqlite:${join(dir, 'digest.db')}`, LOG_LEVEL: 'silent' }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

beforeAll(async () => {
  server = await startFakeSourceServer();
  writeFileSync(watchlistFile, stringify(worldWatchlist));
});
afterAll(async () => server.close());

describe('rustvsgo digest (child process)', () => {
  it('collects two weeks and previews exactly the served changes as JSON', async () => {
    serveWeek(server, 1);
    const first = await run(['collect', '--now', WEEK1_NOW, '--watchlist', watchlistFile]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Collected week 2025-W28');

    serveWeek(server, 2);
    const second = await run(['collect', '--now', WEEK2_NOW, '--watchlist', watchlistFile]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('rust-blog: stale');

    const preview = await run(['preview', '--now', WEEK2_NOW, '--json']);
    expect(preview.code).toBe(0);
    const digest = digestSchema.parse(JSON.parse(preview.stdout));
    expect(digest.headline).toBe('Go 1.24.6 and Go 1.23.12 released; 1 new security advisory (gin); biggest mover: axum (Rust) weekly downloads −12.0%');
    expect(digest.counts).toEqual({ releases: 5, newAdvisories: 2, newVulnerabilities: 1, posts: 1 });
    expect(digest.items.filter((item) => item.kind === 'trend').map((item) => item.kind === 'trend' && `${item.name}:${item.metric}:${item.change}`)).toEqual([
      // Go's and toml's stars did not move: unchanged rows are left out.
      'gin:stars:1',
      'axum:downloads_7d:-12',
      'tokio:downloads_7d:10',
      'axum:stars:3',
      'tokio:stars:1',
      'Rust:stars:0.5',
    ]);
    // Every request named the bot.
    expect(server.requests.every((request) => String(request.headers['user-agent']).startsWith('rustvsgo/'))).toBe(true);
  }, 120_000);
});
