import { describe, expect, it } from 'vitest';
import { runDigestCli } from '../../src/cli/digest-cli.ts';
import type { Services } from '../../src/core/services.ts';
import { loadDemoCollections } from '../../src/digest/demo/load-demo.ts';
import { recordDemoCollections } from '../../scripts/record-digest-demo.ts';

describe('digest preview --demo', () => {
  it('renders a readable digest from the shipped recording, with no network or database', async () => {
    let out = '';
    const services = { now: () => new Date('2030-01-01T00:00:00Z') } as unknown as Services;
    const code = await runDigestCli(['preview', '--demo'], services, { stdout: (text) => (out += text) });
    expect(code).toBe(0);
    expect(out).toContain('Rust vs Go ecosystem digest, week 2025-W29 (demo: recorded sample data, values illustrative)');
    expect(out).toContain('Releases');
    expect(out).toContain('Go has no public download counts');
  });

  it('answers an unknown subcommand with the usage and exit code 2', async () => {
    let err = '';
    const code = await runDigestCli(['publish'], {} as Services, { stderr: (text) => (err += text) });
    expect(code).toBe(2);
    expect(err).toContain('unknown subcommand "publish"');
    expect(err).toContain('digest preview');
  });

  it('ships exactly what the collector produces from the recorded responses', async () => {
    expect(await recordDemoCollections()).toEqual(loadDemoCollections());
  });
});
