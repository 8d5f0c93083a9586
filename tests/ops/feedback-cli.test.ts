// `rustvsgo feedback export`: one JSON line per stored vote, oldest first, in the export's shape; usage on bad input.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFeedbackCli } from '../../src/cli/feedback-cli.ts';
import { printAdr } from '../../src/cli/adr-cli.ts';
import type { Services } from '../../src/core/services.ts';
import { createTestServices } from '../helpers/test-services.ts';

let services: Services;
beforeEach(async () => {
  services = await createTestServices();
});
afterEach(async () => {
  await services.store.close();
});

const channel = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1' };
const vote = (v: 'up' | 'down', question: string) => ({ vote: v, question, readAs: 'cli tool', recommendation: 'go', confidence: 0.7, kbVersion: '1.1.0' });

describe('rustvsgo feedback export', () => {
  it('given votes then one JSON line each, oldest first, with the comment attached', async () => {
    await services.store.feedback.record(channel, vote('up', 'Rust or Go for a CLI?'), new Date('2026-11-27T10:00:00Z'));
    const id = await services.store.feedback.record({ ...channel, platform: 'discord' }, vote('down', 'Rust or Go for a proxy?'), new Date('2026-11-28T10:00:00Z'));
    expect(await services.store.feedback.comment(id, 'missed the team')).toBe(true);
    expect(await services.store.feedback.comment('no-such-vote', 'x')).toBe(false);
    let out = '';
    expect(await runFeedbackCli(['export'], services, { stdout: (t) => (out += t) })).toBe(0);
    expect(out.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual([
      { question: 'Rust or Go for a CLI?', read_as: 'cli tool', recommendation: 'go', confidence: 0.7, kb_version: '1.1.0', vote: 'up', comment: null, platform: 'slack', at: '2026-11-27T10:00:00.000Z' },
      { question: 'Rust or Go for a proxy?', read_as: 'cli tool', recommendation: 'go', confidence: 0.7, kb_version: '1.1.0', vote: 'down', comment: 'missed the team', platform: 'discord', at: '2026-11-28T10:00:00.000Z' },
    ]);
  });

  it('given more votes than a page then every one is exported once', async () => {
    for (let i = 0; i < 7; i++) await services.store.feedback.record(channel, vote('up', `question ${i}`), new Date('2026-11-27T10:00:00Z'));
    const seen: string[] = [];
    for await (const line of services.store.feedback.exportLines(3)) seen.push(line.question);
    expect(seen.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `question ${i}`));
  });

  it('given no subcommand or an unknown one then usage and exit 2', async () => {
    let err = '';
    expect(await runFeedbackCli([], services, { stderr: (t) => (err += t) })).toBe(2);
    expect(await runFeedbackCli(['import'], services, { stderr: (t) => (err += t) })).toBe(2);
    expect(await runFeedbackCli(['export', 'extra'], services, { stderr: (t) => (err += t) })).toBe(2);
    expect(err).toContain('Usage: rustvsgo feedback export');
    expect(err).toContain('unknown subcommand "import"');
  });
});

describe('rustvsgo ask --adr', () => {
  it('prints the answer as a MADR document', () => {
    let out = '';
    expect(printAdr(services, 'Rust or Go for a Kubernetes operator?', (t) => (out += t))).toBe(0);
    expect(out).toMatch(/^# Use (Rust|Go)/);
    expect(out).toContain('* Date: 2026-11-27');
    expect(out).toContain('## Considered Options');
  });
});
