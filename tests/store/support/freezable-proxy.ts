// A TCP proxy in front of a database server that a test can switch between three states: passing bytes, frozen (a
// database that hangs: connections are accepted and nothing comes back) and down (connections are refused, as when
// the server is stopped). Loopback only.
import { createServer, Socket, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

type ProxyState = 'pass' | 'frozen' | 'down';

export interface FreezableProxy {
  /** host:port clients connect to. */
  readonly host: string;
  readonly port: number;
  state: ProxyState;
  /** Switches state; "down" also cuts every open connection, "frozen" stops forwarding on them. */
  set(state: ProxyState): void;
  close(): Promise<void>;
}

export async function startFreezableProxy(target: { host: string; port: number }): Promise<FreezableProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let state: ProxyState = 'pass';
  const server: Server = createServer((client) => {
    client.on('error', () => undefined);
    if (state === 'down') return void client.destroy();
    // Frozen from the start: the client waits for a greeting that never comes.
    const upstream = new Socket();
    upstream.on('error', () => client.destroy());
    const pair = { client, upstream };
    pairs.add(pair);
    const forget = () => pairs.delete(pair);
    client.on('close', () => {
      forget();
      upstream.destroy();
    });
    upstream.on('close', () => {
      forget();
      client.destroy();
    });
    upstream.connect(target.port, target.host, () => {
      client.on('data', (chunk: Buffer) => {
        if (state === 'pass') upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (state === 'pass') client.write(chunk);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    get state() {
      return state;
    },
    set(next: ProxyState) {
      state = next;
      if (next === 'down') for (const pair of pairs) cut(pair);
    },
    async close() {
      for (const pair of pairs) cut(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same PostgreSQL URL, pointed at the proxy. */
export function viaProxy(url: string, proxy: FreezableProxy): string {
  const parsed = new URL(url);
  parsed.hostname = proxy.host;
  parsed.port = String(proxy.port);
  return parsed.toString();
}

function cut({ client, upstream }: { client: Socket; upstream: Socket }): void {
  client.destroy();
  upstream.destroy();
}
