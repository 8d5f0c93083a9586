// The trend chart in a fan-out to many Slack channels: rendered once per digest (not per channel), and the same
// bytes go into every channel's thread. The upload's second step (the bytes to the pre-signed URL) goes out through
// uploadBytes, which writes the shared Buffer as it is: fetch() copied it per channel, and those copies, outside the
// JS heap, made the fan-out's peak memory grow with the number of channels (bench/digest-fanout.ts).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uploadBytes } from '../../src/adapters/slack/upload-bytes.ts';
import { slackChartFileName } from '../../src/adapters/slack/digest-poster.ts';
import * as trendChart from '../../src/digest/trend-chart.ts';
import { runDue } from '../../src/digest/run-due.ts';
import { startLoopbackServer, type FakeRequest, type LoopbackServer } from '../support/loopback-server.ts';
import { createDeliveryWorld, type DeliveryWorld } from './support/delivery-world.ts';
import { pngSize } from './support/png-header.ts';

vi.mock('../../src/digest/trend-chart.ts', { spy: true });

const SLOT = { day: 'monday', time: '09:00', timezone: 'UTC' } as const;
const WEEK = '2026-W49';
const CHANNELS = ['C1', 'C2', 'C3', 'C4', 'C5'];

let world: DeliveryWorld | undefined;
let server: LoopbackServer | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await world?.close();
  await server?.close();
  world = undefined;
  server = undefined;
});

describe('a digest fan-out to several Slack channels with the same watchlist', () => {
  it('renders the chart once and shares the same bytes into every channel’s thread, never uploading through fetch()', async () => {
    world = await createDeliveryWorld('2026-11-30T08:00:00Z');
    const process = await world.start();
    for (const channelId of CHANNELS) {
      await process.store.digestSubscriptions.subscribe({ platform: 'slack', workspaceId: 'T1', channelId }, SLOT, 'U1', world.clock.now());
    }
    world.clock.set('2026-11-30T09:00:30Z');
    vi.mocked(trendChart.renderTrendChart).mockClear();
    const fetchSpy = vi.spyOn(globalThis, 'fetch');

    const result = await runDue(process.deps);

    expect(result.deliveries.map((d) => d.outcome)).toEqual(CHANNELS.map(() => 'sent'));
    expect(trendChart.renderTrendChart).toHaveBeenCalledTimes(1);
    const rendered = await vi.mocked(trendChart.renderTrendChart).mock.results[0]!.value;
    expect(world.slack.files.map((file) => file.channel)).toEqual(CHANNELS);
    for (const file of world.slack.files) {
      const digest = world.slack.inChannel(file.channel)[0]!;
      expect(file).toMatchObject({ threadTs: digest.ts, name: slackChartFileName(WEEK) });
      expect(Buffer.compare(file.bytes, rendered.png)).toBe(0);
    }
    expect(pngSize(world.slack.files[0]!.bytes).width).toBeGreaterThan(300);
    // Each upload URL received its bytes, and none of them through fetch() (which copies the body per call).
    expect(world.slack.count('upload')).toBe(CHANNELS.length);
    const fetched = fetchSpy.mock.calls.map(([input]) => String(input instanceof Request ? input.url : input));
    expect(fetched.filter((url) => url.includes('/upload/'))).toEqual([]);
  });
});

describe('uploadBytes', () => {
  async function recordingServer(answer: { status?: number; text?: string } = {}): Promise<{ url: string; received: FakeRequest[] }> {
    const received: FakeRequest[] = [];
    server = await startLoopbackServer((request) => {
      received.push(request);
      return { status: answer.status ?? 200, text: answer.text ?? `OK - ${request.raw.length}` };
    });
    return { url: server.url, received };
  }

  it('posts the bytes unchanged, with their length and content type, and answers with the status', async () => {
    const { url, received } = await recordingServer();
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));

    const answer = await uploadBytes(`${url}/upload/F1?sig=abc`, bytes, { contentType: 'application/octet-stream', timeoutMs: 10_000 });

    expect(answer).toEqual({ status: 200, ok: true });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', path: '/upload/F1' });
    expect(received[0]!.query.get('sig')).toBe('abc');
    expect(received[0]!.headers['content-type']).toBe('application/octet-stream');
    expect(received[0]!.headers['content-length']).toBe(String(bytes.length));
    expect(Buffer.compare(received[0]!.raw, bytes)).toBe(0);
  });

  it('reports an error status as not ok (the delivery then retries the upload)', async () => {
    const { url } = await recordingServer({ status: 503, text: 'busy' });
    await expect(uploadBytes(`${url}/upload/F1`, Buffer.from('png'), { contentType: 'application/octet-stream', timeoutMs: 10_000 })).resolves.toEqual({ status: 503, ok: false });
  });

  it('gives up with a clear error when the upload URL never answers', async () => {
    const requests: IncomingMessage[] = [];
    const silent = createServer((req) => requests.push(req));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      await expect(uploadBytes(`http://127.0.0.1:${port}/upload/F1`, Buffer.from('png'), { contentType: 'application/octet-stream', timeoutMs: 200 })).rejects.toThrow(
        'Slack file upload took longer than 200 ms',
      );
      expect(requests).toHaveLength(1);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('fails when the answer is cut off before its end', async () => {
    const cutting = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-length': '100' });
      res.write('OK - ', () => res.destroy());
    });
    await new Promise<void>((resolve) => cutting.listen(0, '127.0.0.1', resolve));
    const { port } = cutting.address() as AddressInfo;
    try {
      await expect(uploadBytes(`http://127.0.0.1:${port}/upload/F1`, Buffer.from('png'), { contentType: 'application/octet-stream', timeoutMs: 10_000 })).rejects.toThrow();
    } finally {
      await new Promise((resolve) => cutting.close(resolve));
    }
  });

  it('refuses an upload URL that is not http(s)', async () => {
    await expect(uploadBytes('file:///etc/passwd', Buffer.from('png'), { contentType: 'application/octet-stream', timeoutMs: 1_000 })).rejects.toThrow('unsupported scheme (file:)');
  });
});
