// The Dockerfile, compose.yaml, the Caddy proxy config and the systemd unit, checked without a Docker engine (none
// on the development machine; hadolint is not packaged for apt or npm): the files are read and their promises
// asserted, and the image's entrypoint is run as a child process with the image's environment.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ensureBuilt } from '../helpers/ensure-built.ts';
import { projectRoot } from '../helpers/run-entry.ts';

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions per stage (continuation lines joined, comments dropped). */
function dockerfileStages(): Instruction[][] {
  const text = readFileSync(join(projectRoot, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const stages: Instruction[][] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [keyword, ...rest] = trimmed.split(/\s+/);
    const instruction = { keyword: keyword!.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') stages.push([]);
    stages.at(-1)!.push(instruction);
  }
  return stages;
}

const stages = dockerfileStages();
const runtime = stages.at(-1)!;
const all = stages.flat();
const execForm = z.array(z.string()).min(1);

function runtimeEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of runtime.filter((x) => x.keyword === 'ENV')) {
    for (const m of i.args.matchAll(/([A-Z_]+)=(\S+)/g)) env[m[1]!] = m[2]!;
  }
  return env;
}

const cmd = () => execForm.parse(JSON.parse(runtime.find((i) => i.keyword === 'CMD')!.args));
const healthcheck = () => execForm.parse(JSON.parse(runtime.find((i) => i.keyword === 'HEALTHCHECK')!.args.replace(/^.*?CMD\s+/, '')));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('Dockerfile', () => {
  it('builds and runs on Node 24 LTS while package.json still allows Node 20.19', () => {
    expect(stages.length).toBe(2);
    for (const stage of stages) expect(stage[0]!.args).toMatch(/^node:24[-.\w]*\s+AS\s+\w+$/);
    const pkg = z.object({ engines: z.object({ node: z.string() }) }).parse(JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')));
    expect(pkg.engines.node).toBe('>=20.19.0');
  });

  it('runs compiled JavaScript as the unprivileged user, with no TypeScript loader', () => {
    expect(cmd()).toEqual(['node', 'dist/main.js']);
    expect(all.some((i) => /\btsx\b/.test(i.args))).toBe(false);
    expect(runtime.some((i) => i.keyword === 'USER' && i.args === 'node')).toBe(true);
    const copies = runtime.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    for (const needed of ['/app/dist ./dist', '/app/node_modules ./node_modules', 'package.json ./']) {
      expect(copies.some((c) => c.includes(needed)), needed).toBe(true);
    }
  });

  it('copies into the build stage only files that exist and .dockerignore lets through', () => {
    const ignored = readFileSync(join(projectRoot, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
    const sources = stages[0]!.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from')).flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources).toContain('src');
    for (const source of sources) {
      expect(existsSync(join(projectRoot, source)), source).toBe(true);
      expect(ignored.some((pattern) => source === pattern || source.startsWith(`${pattern}/`)), `${source} is dockerignored`).toBe(false);
    }
  });
});

describe("the image's entrypoint, run without Docker", { timeout: 120_000 }, () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it('with no platform credentials exits 2 naming the variables (no restart loop of a shell reading EOF)', () => {
    const [command, ...args] = cmd();
    const result = spawnSync(command === 'node' ? process.execPath : command!, args, {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, ...runtimeEnv() },
      input: '',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/NODE_ENV=production but no platform is configured.*SLACK_BOT_TOKEN.*DISCORD_TOKEN/);
    expect(result.stdout).not.toContain('rustvsgo shell');
  });

  it('with Discord HTTP credentials serves the HEALTHCHECK, and stops on SIGTERM', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'rustvsgo-image-'));
    const env = {
      PATH: process.env.PATH,
      ...runtimeEnv(),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'rustvsgo.db')}`,
      DISCORD_PUBLIC_KEY: 'a'.repeat(64),
      DISCORD_APPLICATION_ID: '123456789012345678',
      DIGEST_ENABLED: 'false',
    };
    const [, ...args] = cmd();
    const bot = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let logs = '';
    bot.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => bot.once('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 300 && !logs.includes('rustvsgo started'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(logs).toContain('rustvsgo started');
      const [, ...healthArgs] = healthcheck();
      const health = spawnSync(process.execPath, healthArgs, { env: { PATH: process.env.PATH, PORT: String(port) }, encoding: 'utf8', timeout: 30_000 });
      expect(health.status).toBe(0);
      bot.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      // A failed expectation above must not leave the bot serving after the suite.
      if (bot.exitCode === null && bot.signalCode === null) bot.kill('SIGKILL');
    }
  });

  it('runs discord:deploy from the image: the compiled script exists and names what it needs', () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['discord:deploy']).toBe('node dist/cli/discord-deploy.js');
    const result = spawnSync(process.execPath, ['dist/cli/discord-deploy.js'], { cwd: projectRoot, env: { PATH: process.env.PATH, ...runtimeEnv() }, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('DISCORD_TOKEN and DISCORD_APPLICATION_ID');
  });
});

const serviceSchema = z.object({
  build: z.unknown().optional(),
  image: z.string().optional(),
  profiles: z.array(z.string()).optional(),
  ports: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.string()).optional(),
  stop_grace_period: z.string().optional(),
});
const composeSchema = z.object({ services: z.record(z.string(), serviceSchema), volumes: z.record(z.string(), z.unknown()) });

describe('compose.yaml', () => {
  const compose = composeSchema.parse(load(readFileSync(join(projectRoot, 'compose.yaml'), 'utf8')));
  const services = Object.entries(compose.services);

  it('runs one bot by default, on SQLite in a named volume, built once', () => {
    const byDefault = services.filter(([, s]) => !s.profiles);
    expect(byDefault.map(([name]) => name)).toEqual(['bot']);
    const bot = compose.services.bot!;
    expect(bot.volumes).toContain('botdata:/app/data');
    expect(Object.keys(compose.volumes)).toContain('botdata');
    expect(bot.environment?.DATABASE_URL).toMatch(/^sqlite:\/app\/data\//);
    expect(services.filter(([, s]) => s.build !== undefined).map(([name]) => name)).toEqual(['bot']);
  });

  it('publishes no port on all interfaces except the proxy, which keeps /metrics private', () => {
    for (const [name, service] of services) {
      for (const port of service.ports ?? []) {
        if (name !== 'proxy') expect(port, name).toMatch(/^127\.0\.0\.1:/);
      }
    }
    const caddyfile = readFileSync(join(projectRoot, 'deploy/Caddyfile'), 'utf8');
    expect(caddyfile).toMatch(/respond \/metrics\* 404/);
    expect(caddyfile).toMatch(/dynamic a bot-replica 3000/);
  });

  it('has a replicas profile with PostgreSQL, a proxy and HTTP-only replicas (no Discord gateway, no Socket Mode)', () => {
    const replicas = services.filter(([, s]) => s.profiles?.includes('replicas')).map(([name]) => name);
    expect(replicas.sort()).toEqual(['bot-replica', 'postgres', 'proxy']);
    const replica = compose.services['bot-replica']!;
    expect(replica.environment?.DATABASE_URL).toMatch(/^postgres:\/\//);
    expect(replica.environment?.DISCORD_TOKEN).toBe('');
    expect(replica.environment?.SLACK_APP_TOKEN).toBe('');
  });
});

describe('systemd unit example', () => {
  const unit = readFileSync(join(projectRoot, 'deploy/rustvsgo.service'), 'utf8');
  const setting = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1];

  it('runs node on the compiled entry and outwaits the shutdown timeout plus the watchdog margin', () => {
    expect(setting('ExecStart')).toBe('/usr/bin/node dist/main.js');
    expect(Number(setting('TimeoutStopSec'))).toBeGreaterThan(10 + 2);
    expect(setting('KillMode')).toBe('control-group');
    expect(setting('RestartPreventExitStatus')).toBe('2');
  });
});
