// The Prometheus registry: each Observer call moves the metric the operations docs name.
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/ops/metrics.ts';

async function value(text: string, series: string): Promise<number | undefined> {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics', () => {
  it('given command outcomes, then commands_total counts them by command, platform and outcome', async () => {
    const m = createMetrics({ processMetrics: false });
    m.observer.commandFinished({ command: 'ask', platform: 'slack', outcome: 'ok', seconds: 0.002 });
    m.observer.commandFinished({ command: 'ask', platform: 'slack', outcome: 'ok', seconds: 0.004 });
    m.observer.commandFinished({ command: 'help', platform: 'discord', outcome: 'rate_limited', seconds: 0.001 });
    const text = await m.registry.metrics();
    expect(await value(text, 'rustvsgo_commands_total{command="ask",platform="slack",outcome="ok"}')).toBe(2);
    expect(await value(text, 'rustvsgo_commands_total{command="help",platform="discord",outcome="rate_limited"}')).toBe(1);
    expect(await value(text, 'rustvsgo_answer_duration_seconds_count{command="ask",platform="slack"}')).toBe(2);
    expect(await value(text, 'rustvsgo_answer_duration_seconds_bucket{le="0.0025",command="ask",platform="slack"}')).toBe(1);
  });

  it('given acknowledgements, deliveries, fetches and waits, then each has its series', async () => {
    const m = createMetrics({ processMetrics: false });
    m.observer.acknowledged('slack', 0.012);
    m.observer.digestDelivered('discord', 'sent');
    m.observer.digestDelivered('discord', 'failed');
    m.observer.sourceFetched('github', 'not_modified');
    m.observer.rateLimitWaited('user', 42);
    const text = await m.registry.metrics();
    expect(await value(text, 'rustvsgo_ack_duration_seconds_count{platform="slack"}')).toBe(1);
    expect(await value(text, 'rustvsgo_ack_duration_seconds_bucket{le="0.01",platform="slack"}')).toBe(0);
    expect(await value(text, 'rustvsgo_ack_duration_seconds_bucket{le="0.025",platform="slack"}')).toBe(1);
    expect(await value(text, 'rustvsgo_digest_deliveries_total{platform="discord",outcome="sent"}')).toBe(1);
    expect(await value(text, 'rustvsgo_digest_deliveries_total{platform="discord",outcome="failed"}')).toBe(1);
    expect(await value(text, 'rustvsgo_source_fetches_total{source="github",status="not_modified"}')).toBe(1);
    expect(await value(text, 'rustvsgo_rate_limit_waits_total{scope="user"}')).toBe(1);
    expect(await value(text, 'rustvsgo_rate_limit_wait_seconds_sum{scope="user"}')).toBe(42);
  });

  it('given two metric sets in one process, then they do not share counts', async () => {
    const a = createMetrics({ processMetrics: false });
    const b = createMetrics({ processMetrics: false });
    a.observer.digestDelivered('slack', 'sent');
    expect(await value(await b.registry.metrics(), 'rustvsgo_digest_deliveries_total{platform="slack",outcome="sent"}')).toBeUndefined();
  });

  it('given process metrics on, then memory and event-loop figures are exported too', async () => {
    const text = await createMetrics().registry.metrics();
    expect(text).toContain('rustvsgo_process_resident_memory_bytes');
    expect(text).toContain('rustvsgo_nodejs_eventloop_lag_seconds');
  });
});
