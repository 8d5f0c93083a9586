// Finds a PostgreSQL server for the tests and benches: TEST_POSTGRES_URL (or DATABASE_URL=postgres://...) when
// set, otherwise a throwaway cluster started from the machine's PostgreSQL server binaries (Debian's
// postgresql package) in a temporary directory, listening on a free loopback port, removed afterwards.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface PostgresServer {
  /** Admin URL of a server on which the tests may create and drop databases. */
  url: string;
  /** Where it came from, for the log line. */
  source: 'TEST_POSTGRES_URL' | 'DATABASE_URL' | 'throwaway cluster';
  stop(): Promise<void>;
}

/** Why no server could be found, with what to do about it. */
export class PostgresUnavailable extends Error {}

const postgresUrlPattern = /^postgres(ql)?:\/\//;

export async function findOrStartPostgres(env: NodeJS.ProcessEnv = process.env): Promise<PostgresServer> {
  if (env.TEST_POSTGRES_URL) return { url: env.TEST_POSTGRES_URL, source: 'TEST_POSTGRES_URL', stop: async () => {} };
  if (env.DATABASE_URL && postgresUrlPattern.test(env.DATABASE_URL)) {
    return { url: env.DATABASE_URL, source: 'DATABASE_URL', stop: async () => {} };
  }
  const bin = findServerBinaries(env);
  if (!bin) {
    throw new PostgresUnavailable(
      'no PostgreSQL server found: set TEST_POSTGRES_URL=postgres://user:pass@127.0.0.1:5432/postgres (a role that may ' +
        'CREATE DATABASE), or install the server binaries (Debian: apt-get install -y postgresql) so the tests start a ' +
        'throwaway cluster themselves',
    );
  }
  return startThrowawayCluster(bin);
}

/** The directory holding initdb, pg_ctl and postgres: PG_BIN, PATH, or the newest /usr/lib/postgresql/<v>/bin. */
function findServerBinaries(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [
    ...(env.PG_BIN ? [env.PG_BIN] : []),
    ...(env.PATH ?? '').split(delimiter).filter(Boolean),
    ...debianVersionDirs(),
  ];
  return candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((exe) => existsSync(join(dir, exe))));
}

function debianVersionDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'));
}

/** PostgreSQL refuses to run as root; as root we run it as the postgres (or nobody) account. */
function serverAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').map((line) => line.split(':'));
  const entry = passwd.find((f) => f[0] === 'postgres') ?? passwd.find((f) => f[0] === 'nobody');
  if (!entry) throw new PostgresUnavailable('running as root and neither a postgres nor a nobody account exists');
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const CLUSTER_PREFIX = 'rustvsgo-pg-';
/** The test run that owns a cluster directory; a cluster whose owner is gone was left by an interrupted run. */
const OWNER_FILE = 'owner.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Where clusters live: as root, /tmp, because the postgres account may not reach into root's own TMPDIR. */
function clusterBase(account: { uid: number; gid: number } | undefined): string {
  return account ? '/tmp' : tmpdir();
}

/** Stops and removes clusters left behind by test runs that were killed before their teardown. */
function removeAbandonedClusters(bin: string, account: { uid: number; gid: number } | undefined): void {
  const base = clusterBase(account);
  for (const name of readdirSync(base).filter((n) => n.startsWith(CLUSTER_PREFIX))) {
    const dir = join(base, name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue; // another user's, or just being created
    }
    if (!Number.isInteger(owner) || isAlive(owner)) continue;
    if (existsSync(join(dir, 'data', 'postmaster.pid'))) {
      spawnSync(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'], {
        timeout: 30_000,
        ...(account ? { uid: account.uid, gid: account.gid } : {}),
      });
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

async function startThrowawayCluster(bin: string): Promise<PostgresServer> {
  const account = serverAccount();
  removeAbandonedClusters(bin, account);
  const dir = mkdtempSync(join(clusterBase(account), CLUSTER_PREFIX));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  const data = join(dir, 'data');
  if (account) chownSync(dir, account.uid, account.gid);
  const run = (exe: string, args: string[]) => {
    const result = spawnSync(join(bin, exe), args, {
      encoding: 'utf8',
      cwd: dir,
      timeout: 60_000,
      ...(account ? { uid: account.uid, gid: account.gid } : {}),
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    });
    if (result.status !== 0) {
      throw new PostgresUnavailable(`${exe} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
    }
  };
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const port = await freeLoopbackPort();
  // Durability settings are off: this cluster lives for one test run. max_connections leaves room for the
  // parallel test files, each opening pools, and the multi-replica test's child processes.
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const stop = async () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, source: 'throwaway cluster', stop };
}
