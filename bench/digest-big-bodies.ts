// Peak RSS of `rustvsgo digest collect` when three feeds each answer a 50 MB body (issue 14): every source points
// at one loopback server; the three feed URLs stream 50 MB of XML-ish text, everything else answers 404. The CLI
// runs under /usr/bin/time -v (GNU time), whose "Maximum resident set size" is the figure.
// Run alone: `npx tsx bench/digest-big-bodies.ts` (prints one JSON line; loopback only, ~10-60 s).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BODY_BYTES = 50 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');
const root = fileURLToPath(new URL('..', import.meta.url));

export async function measureBigBodyCollect(): Promise<{ peakRssMiB: number; seconds: number; exitCode: number | null; databaseMiB?: number }> {
  const server = createServer((req, res) => {
    if (!req.url?.startsWith('/feed/')) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': 'application/atom+xml', 'content-length': String(BODY_BYTES), etag: '"big"' });
    let sent = 0;
    const pump = () => {
      while (sent < BODY_BYTES) {
        sent += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => undefined);
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'rustvsgo-bigbody-'));
  const started = Date.now();
  try {
    const env = {
      ...process.env,
      DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`,
      LOG_LEVEL: 'error',
      GITHUB_API_URL: base,
      CRATES_IO_URL: base,
      GOPROXY_URL: base,
      GO_DEV_URL: base,
      OSV_API_URL: base,
      RUST_BLOG_FEED_URL: `${base}/feed/rust`,
      GO_BLOG_FEED_URL: `${base}/feed/go`,
      TWIR_FEED_URL: `${base}/feed/twir`,
    };
    const child = spawn('/usr/bin/time', ['-v', join(root, 'node_modules', '.bin', 'tsx'), join(root, 'src/cli/main.ts'), 'digest', 'collect'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
    const { statSync } = await import('node:fs');
    const databaseMiB = Math.round(statSync(join(dir, 'bot.db')).size / 1048576);
    return { peakRssMiB: Math.round(kb / 1024), seconds: Math.round((Date.now() - started) / 100) / 10, exitCode, databaseMiB };
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await measureBigBodyCollect()));
}
