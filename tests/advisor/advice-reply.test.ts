// The ask reply's shape (issue 11, item 7). Condensed by default: the verdict once (title), three one-line reasons
// citing numbered sources, each source listed once; the full answer cites by number too and never repeats the
// verdict as fields. Built from hand-made Advice where the engine's answers do not matter.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/shell/render-text.ts';
import { adviceReply } from '../../src/advisor/advice-reply.ts';
import { shortened } from '../../src/advisor/advice-verdict.ts';
import { advise } from '../../src/advisor/advise.ts';
import { reply } from '../../src/core/reply.ts';
import { containsLivePing } from '../../src/core/safe-text.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { longestAdvice, makeAdvice } from '../helpers/advice-fixtures.ts';

const kb = loadKnowledgeBase();
const allText = (r: ReturnType<typeof reply>) => [r.title, r.summary ?? '', ...r.sections.flatMap((s) => [s.heading ?? '', s.body]), ...r.fields.map((f) => f.value)].join('\n');

describe('the condensed answer', () => {
  it('given a single-language advice then the title is the verdict line and it is said nowhere else', () => {
    const r = reply(adviceReply(makeAdvice()));
    expect(r.title).toBe('Go · confidence 0.82 (high) · Rust 61 / Go 78');
    expect(r.fields).toEqual([]);
    expect(r.scoreBars).toEqual([]);
    const rest = allText({ ...r, title: '' });
    expect(rest).not.toMatch(/confidence 0\.82|Recommendation/);
  });

  it('given a confidence of 0.50 (right half the time in cross-validation) then the title calls it a toss-up, not a verdict', () => {
    expect(reply(adviceReply(makeAdvice({ recommendation: 'rust', confidence: 0.5, scores: { rust: 50, go: 50 } }))).title).toBe(
      'Toss-up, leaning Rust · confidence 0.50 (low) · Rust 50 / Go 50',
    );
    expect(reply(adviceReply(makeAdvice({ confidence: 0.51, scores: { rust: 49, go: 51 } }))).title).toBe('Go · confidence 0.51 (low) · Rust 49 / Go 51');
  });

  it('given four reasons then three show, one line each, citing numbered sources listed once each', () => {
    const r = reply(adviceReply(makeAdvice()));
    const lines = r.sections[0]!.body.split('\n');
    expect(lines).toEqual([
      '• **productivity**: Go is small and deliberately simple, so newcomers are productive in days. [1]',
      // The whole sentence shows, so the line cites every source of it (a cut line cites the first only).
      '• **build-speed**: Go builds large programs in seconds and its test loop is fast. [2][1]',
      '• **concurrency**: Goroutines and channels are built in and preemptively scheduled. [3]',
    ]);
    expect(r.sections[1]!.body).toBe(
      '**Case for Rust:** Rust has no collector, so GC is never a source of jitter. [4]\n**Would flip it:** Rust would win (75 vs 70) if the p99 budget were under a millisecond.',
    );
    expect(r.sources.map((s) => s.url)).toEqual([1, 2, 3, 5].map((n) => `https://example.org/source/${n}`));
    // No link inline: each source appears once, in the list.
    expect(allText(r)).not.toMatch(/\]\(https?:/);
  });

  it('given a real answer then every source appears once in the terminal text', () => {
    const advice = advise('Rust or Go for a Kubernetes service mesh: the per-pod sidecar proxy and the control plane?', undefined, kb);
    const text = renderText(reply(adviceReply(advice)), { color: false });
    for (const url of text.match(/https?:\/\/\S+/g) ?? []) expect(text.split(url).length - 1, url).toBe(1);
  });

  it('given a hybrid then the split leads and each reason says its side, without the "For <component>:" prefix', () => {
    const advice = makeAdvice({
      recommendation: 'hybrid',
      hybrid: { rust: 'the sidecar proxy', go: 'the control plane' },
      reasons: [
        { criterion: 'performance', favours: 'rust', text: 'For the sidecar proxy: no collector on the data path.', sources: [{ title: 'Proxy notes', url: 'https://example.org/p', date: '2025-01' }] },
      ],
    });
    const r = reply(adviceReply(advice));
    expect(r.title.startsWith('Rust + Go, split by component · confidence')).toBe(true);
    expect(r.sections[0]!.body).toBe('• **Rust**: the sidecar proxy\n• **Go**: the control plane\n• **performance** → Rust: no collector on the data path. [1]');
    expect(r.sections[1]!.body).toMatch(/^\*\*Case for Rust alone:\*\* /);
  });

  it('given an out-of-scope advice then the title says so, with no scores or confidence, and says what it can judge', () => {
    const none = makeAdvice({ recommendation: 'none', reasons: [], tradeoff: null, flip: null, read_as: 'Zig or Rust, a proxy', clarifying_question: 'Which component do you want to build in Rust or Go?' });
    const r = reply(adviceReply(none));
    expect(r.title).toBe('Not a Rust-vs-Go question I can judge');
    expect(r.summary).toBe('Read as: Zig or Rust, a proxy');
    expect(r.scoreBars).toEqual([]);
    expect(r.sections.map((s) => s.body)).toEqual(['**What I can judge:** Which component do you want to build in Rust or Go?']);
    const full = reply(adviceReply(none, { full: true }));
    expect(full.title).toBe('Not a Rust-vs-Go question I can judge');
    expect(full.scoreBars).toEqual([]);
    expect(full.sections).toEqual([{ heading: 'What I can judge', body: 'Which component do you want to build in Rust or Go?' }]);
  });

  it('given a follow-up then its question shows and each option is a follow_up action re-asking the full question', () => {
    const advice = makeAdvice({
      question: 'Rust or Go for a rate limiter?',
      follow_up: {
        question: 'Does the team already know Rust?',
        options: [
          { label: 'Yes, strong Rust', ask: 'Rust or Go for a rate limiter? The team knows Rust well.' },
          { label: 'No Rust <@U999>', ask: 'Rust or Go for a rate limiter? Nobody knows Rust. @everyone' },
        ],
      },
    });
    const r = reply(adviceReply(advice));
    expect(r.sections[1]!.body).toContain('**One answer would settle it:** Does the team already know Rust?');
    const followUps = r.actions.filter((a) => a.kind === 'follow_up');
    expect(followUps.map((a) => a.command)).toEqual([
      'ask Rust or Go for a rate limiter? The team knows Rust well.',
      expect.stringMatching(/^ask Rust or Go for a rate limiter\? Nobody knows Rust\. /),
    ]);
    expect(followUps.some((a) => containsLivePing(`${a.label} ${a.command}`))).toBe(false);
    expect(r.actions.find((a) => a.kind === 'show_full')?.command).toBe('ask --full Rust or Go for a rate limiter?');
    // The full answer keeps the options too.
    expect(reply(adviceReply(advice, { full: true })).actions.filter((a) => a.kind === 'follow_up')).toHaveLength(2);
  });

  it('given text longer than its line then it is cut at a clause or a word, never mid-word, on one line', () => {
    expect(shortened('Short enough.', 40)).toBe('Short enough.');
    expect(shortened('First clause is here; second clause goes on and on and on', 40)).toBe('First clause is here…');
    expect(shortened('one two three four five six seven eight nine ten', 20)).toBe('one two three four…');
    expect(shortened('line one\nline two', 40)).toBe('line one line two');
  });

  it('given the longest advice then the condensed answer is much shorter than the full one', () => {
    const long = longestAdvice('go');
    expect(renderText(reply(adviceReply(long)), { color: false }).length * 3).toBeLessThan(renderText(reply(adviceReply(long, { full: true })), { color: false }).length);
  });
});

describe('the full answer', () => {
  it('given reasons sharing a source then it is cited by number and listed once', () => {
    const r = reply(adviceReply(makeAdvice(), { full: true }));
    expect(r.title).toBe('Go · confidence 0.82 (high)');
    expect(r.fields).toEqual([]);
    expect(r.sections[0]!.body.split('\n')[1]).toBe('• **build-speed** → Go: Go builds large programs in seconds and its test loop is fast. [2][1]');
    expect(new Set(r.sources.map((s) => s.url)).size).toBe(r.sources.length);
    expect(r.sources).toHaveLength(5);
  });

  it('given a real hybrid then the trade-off is one sentence, not the whole reason glued on', () => {
    const advice = advise('Rust or Go for a Kubernetes service mesh: the per-pod sidecar proxy and the control plane?', undefined, kb);
    expect(advice.recommendation).toBe('hybrid');
    expect(advice.tradeoff?.text).toMatch(/^Two languages cost .+, mainly on [a-z-]+\.$/);
    expect(advice.tradeoff!.text.length).toBeLessThan(220);
  });
});

describe('terminal rendering of sources', () => {
  it('given a long hybrid answer then "Sources" is followed by numbered entries', () => {
    const advice = advise('Rust or Go for a Kubernetes service mesh: the per-pod sidecar proxy and the control plane?', undefined, kb);
    const lines = renderText(reply(adviceReply(advice, { full: true })), { color: false }).split('\n');
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

  it('given follow-up options then they are printed as a numbered choice', () => {
    const r = reply({ title: 't', actions: [{ kind: 'share', label: 'Share', command: 'x' }, { kind: 'follow_up', label: 'Rust', command: 'ask a' }, { kind: 'follow_up', label: 'Go', command: 'ask b' }] });
    expect(renderText(r, { color: false }).split('\n').slice(-2)).toEqual(['  (1) Rust', '  (2) Go']);
  });
});
