// The advisor's commands end to end through the real dispatcher, store and knowledge base.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adviceSchema } from '../../src/advisor/advice.ts';
import { commands } from '../../src/commands/index.ts';
import { dispatchText } from '../../src/core/dispatch.ts';
import type { InvocationOrigin } from '../../src/core/invocation.ts';
import { containsLivePing } from '../../src/core/safe-text.ts';
import type { Services } from '../../src/core/services.ts';
import { createTestServices } from '../helpers/test-services.ts';

const origin = (over: Partial<InvocationOrigin> = {}): InvocationOrigin => ({
  platform: 'shell', workspaceId: 'local', channelId: 'c1', userId: 'u1', locale: 'en', requestId: 'req-1', isChannelAdmin: async () => true, mode: 'command', ...over,
});

let services: Services;
beforeEach(async () => {
  services = await createTestServices();
});
afterEach(async () => {
  await services.store.close();
});

async function run(text: string, over: Partial<InvocationOrigin> = {}) {
  return (await dispatchText(text, origin(over), services, commands)).reply;
}

describe('ask', () => {
  // Issue 11 item 7 changed this deliberately: the default is the condensed answer (verdict, confidence and
  // scores in the title, no score bars or Recommendation/Confidence fields); `--full` gives the sections.
  it('given /rustvsgo <question> then the reply carries the contract and a condensed answer', async () => {
    const reply = await run('/rustvsgo Rust or Go for an edge gateway?');
    const advice = adviceSchema.parse(reply.data);
    expect(advice.recommendation).toBe('rust');
    // The team is the open decisive fact: each option re-asks the whole question with it added.
    const options = advice.follow_up?.options ?? [];
    expect(options.length).toBeGreaterThanOrEqual(2);
    for (const o of options) expect(o.ask.startsWith('Rust or Go for an edge gateway? ')).toBe(true);
    expect(reply.title).toMatch(/^Rust · confidence 0\.\d\d \((high|medium|low)\) · Rust \d+ \/ Go \d+$/);
    expect(reply.summary).toBe('Read as: edge gateway');
    expect(reply.fields).toEqual([]);
    expect(reply.scoreBars).toEqual([]);
    expect(reply.sections[0]?.heading).toBe('Why');
    expect(reply.sections[0]?.body.split('\n')).toHaveLength(3);
    expect(reply.sections[1]?.body).toMatch(/\*\*Case for Go:\*\* .+\n\*\*Would flip it:\*\* /);
    expect(reply.footer).toMatch(/^Knowledge base v\d+\.\d+\.\d+, reviewed \d{4}-\d{2}-\d{2}$/);
    expect(reply.sources.length).toBeGreaterThan(0);
    expect(reply.actions.map((a) => [a.kind, a.command])).toEqual([
      ['share', 'ask Rust or Go for an edge gateway?'],
      ['show_full', 'ask --full Rust or Go for an edge gateway?'],
      ...options.map((o) => ['follow_up', `ask ${o.ask}`]),
      // Issue 17: votes and "Save as ADR" carry the ask that gave the answer.
      ['feedback_up', 'ask Rust or Go for an edge gateway?'],
      ['feedback_down', 'ask Rust or Go for an edge gateway?'],
      ['save_adr', 'ask Rust or Go for an edge gateway?'],
    ]);
  });

  it('given ask --full then the reply has score bars and every section, and the verdict only in the title', async () => {
    const reply = await run('/rustvsgo ask --full Rust or Go for an edge gateway?');
    expect(adviceSchema.parse(reply.data).question).toBe('Rust or Go for an edge gateway?');
    expect(reply.title).toMatch(/^Rust · confidence 0\.\d\d \((high|medium|low)\)$/);
    expect(reply.fields).toEqual([]);
    expect(reply.scoreBars.map((b) => b.label)).toEqual(['Rust', 'Go']);
    const headings = reply.sections.map((s) => s.heading);
    expect(headings).toEqual(expect.arrayContaining(['Why', 'What would flip it']));
    expect(headings.some((h) => h?.startsWith('Trade-off (the case for Go)'))).toBe(true);
    expect(reply.actions.map((a) => a.kind)).toEqual(['share', 'follow_up', 'follow_up', 'feedback_up', 'feedback_down', 'save_adr']);
    expect(reply.actions[0]?.command).toBe('ask --full Rust or Go for an edge gateway?');
  });

  it('given a question that names no component then there is no verdict and one question with options', async () => {
    const short = await run('/rustvsgo ask which is better, rust or go?');
    expect(adviceSchema.parse(short.data).recommendation).toBe('none');
    expect(short.sections.map((s) => s.body).join('\n')).toMatch(/\*\*One answer would settle it:\*\* .+\?/);
    expect(short.actions.filter((a) => a.kind === 'follow_up').length).toBeGreaterThanOrEqual(2);
    const full = await run('/rustvsgo ask --full which is better, rust or go?');
    expect(full.sections.find((s) => s.heading === 'One answer would settle it')?.body).toMatch(/\?$/);
  });

  it('given mentions in the question then the echo cannot ping anyone', async () => {
    const reply = await run('/rustvsgo ask @everyone <!channel> Rust or Go for a proxy and its control plane? <@U123>');
    const text = [reply.title, reply.summary, ...reply.sections.map((s) => `${s.heading ?? ''} ${s.body}`)].join('\n');
    expect(containsLivePing(text)).toBe(false);
  });
});

describe('team', () => {
  it('given no profile then team view says so and how to set one', async () => {
    const reply = await run('/rustvsgo team');
    expect(reply.summary).toContain('No team profile');
  });

  it('given team set then the profile persists, is shown, and moves a close call with a note saying so', async () => {
    const before = adviceSchema.parse((await run('/rustvsgo ask Rust or Go for a game server?')).data);
    const set = before.recommendation === 'go' ? 'rust=strong go=none' : 'rust=none go=strong';
    const saved = await run(`/rustvsgo team set ${set} priorities=tail-latency`);
    expect(saved.title).toBe('Team profile saved');
    const view = await run('/rustvsgo team view');
    expect(view.summary).toContain('priorities: tail-latency');
    const after = adviceSchema.parse((await run('/rustvsgo ask Rust or Go for a game server?')).data);
    expect(after.recommendation).not.toBe(before.recommendation);
    expect(after.team_note).toMatch(/moved this close call/);
    // Another channel is unaffected.
    const elsewhere = adviceSchema.parse((await run('/rustvsgo ask Rust or Go for a game server?', { channelId: 'c2' })).data);
    expect(elsewhere.recommendation).toBe(before.recommendation);
  });

  it('given bad values then the user is told the valid ones', async () => {
    const reply = await run('/rustvsgo team set rust=expert');
    expect(reply.tone).toBe('warning');
    expect(JSON.stringify(reply)).toMatch(/none, some, strong/);
  });
});

describe('compare and sources', () => {
  it('compare shows both languages per context with sources', async () => {
    const reply = await run('/rustvsgo compare tail-latency');
    expect(reply.title).toContain('tail-latency');
    expect(reply.sections[0]?.heading).toBe('In general');
    expect(reply.sections.some((s) => s.heading?.includes('gc-sensitive'))).toBe(true);
    for (const s of reply.sections) expect(s.body).toMatch(/Rust \d+\/10 · Go \d+\/10/);
  });

  it('sources shows version, review date and counts', async () => {
    const reply = await run('/rustvsgo sources');
    const fields = Object.fromEntries(reply.fields.map((f) => [f.label, f.value]));
    expect(fields.Version).toBe(services.knowledge.meta.version);
    expect(fields['Last reviewed']).toBe(services.knowledge.meta.last_reviewed);
    expect(Number(fields['Workload profiles'])).toBeGreaterThanOrEqual(25);
  });
});
