// The ask reply's shape: the decisive reasons come first (a thread mention shows only the first section),
// and the terminal never prints a "Sources" heading with nothing under it.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/shell/render-text.ts';
import { adviceReply } from '../../src/advisor/advice-reply.ts';
import { advise } from '../../src/advisor/advise.ts';
import { condenseReply } from '../../src/core/condense.ts';
import { reply } from '../../src/core/reply.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';

const kb = loadKnowledgeBase();

describe('the ask reply', () => {
  it('given a single-language answer then the first section is the reasons, each naming its criterion', () => {
    const advice = advise('Rust or Go for an edge gateway?', undefined, kb);
    const full = reply(adviceReply(advice));
    expect(full.sections[0]?.heading).toBe('Why');
    expect(full.sections[0]?.body).toContain(`**${advice.reasons[0]?.criterion}**`);
    expect(full.sections.map((s) => s.heading)).not.toContain('Question');
  });

  it('given a thread mention then the condensed answer still carries a reason with its source', () => {
    const advice = advise('Rust or Go for a high-QPS geofencing microservice?', undefined, kb);
    const short = condenseReply(reply(adviceReply(advice)), 'ask x');
    expect(short.sections).toHaveLength(1);
    expect(short.sections[0]?.body).toContain(advice.reasons[0]?.text.slice(0, 40));
    expect(short.sections[0]?.body).toMatch(/\]\(https?:\/\//);
  });

  it('given a hybrid then the first section holds the split and the reasons', () => {
    const advice = advise('Rust or Go for a Kubernetes service mesh: the per-pod sidecar proxy and the control plane?', undefined, kb);
    expect(advice.recommendation).toBe('hybrid');
    const first = condenseReply(reply(adviceReply(advice)), 'ask x').sections[0];
    expect(first?.body).toMatch(/\*\*Rust\*\*: .+\n• \*\*Go\*\*: /);
    expect(first?.body).toContain(advice.reasons[0]?.criterion ?? 'missing');
  });
});

describe('terminal rendering of sources', () => {
  it('given a long hybrid answer then "Sources" is followed by numbered entries', () => {
    const advice = advise('Rust or Go for a Kubernetes service mesh: the per-pod sidecar proxy and the control plane?', undefined, kb);
    const lines = renderText(reply(adviceReply(advice)), { color: false }).split('\n');
    const at = lines.indexOf('Sources');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^ {2}\[1\] \S/);
  });

  it('given only blank sources then no "Sources" heading is printed', () => {
    // Built past the schema on purpose: a renderer must not trust every caller to have validated.
    const blank = { ...reply({ title: 't', sections: [{ heading: 'Why', body: 'b' }] }), sources: [{ title: ' ', url: '', date: '2025' }] };
    const text = renderText(blank, { color: false });
    expect(text.split('\n')).not.toContain('Sources');
  });
});
