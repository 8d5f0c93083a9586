// Generalisation, round 2: a sidecar is a deployment shape (a mesh proxy only in a mesh), native addons for
// Node/Python are interop, and a RAM-poor host is a memory budget.
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.ts';
import { compileKb } from '../../src/advisor/compiled-kb.ts';
import { understandQuestion } from '../../src/advisor/understand.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';

const kb = loadKnowledgeBase();
const compiled = compileKb(kb);
const ids = (q: string): string[] => understandQuestion(compiled, q).signals.filter((s) => !s.negated).map((s) => s.id);

describe('sidecars', () => {
  it('given a sidecar outside a mesh then it is an application sidecar, not a mesh proxy', () => {
    const read = ids('we need a sidecar that serves config and secrets to the app over http');
    expect(read).toContain('app-sidecar');
    expect(read).not.toContain('mesh-data-plane');
  });

  it('given a sidecar in a service-mesh question then it is the mesh data plane', () => {
    const read = ids('a service mesh with a sidecar in every pod');
    expect(read).toContain('mesh-data-plane');
    expect(read).not.toContain('app-sidecar');
  });
});

describe('interop and budgets', () => {
  it('given a tool shipped as a native addon to Node then interop is read', () => {
    expect(ids('a bundler shipped to node users as a native addon')).toContain('native-extension');
  });

  it('given old hardware with little RAM then memory is tight', () => {
    expect(ids('it must run on old hardware with little ram')).toContain('memory-tight');
  });
});

describe('tools shipped into the Python ecosystem', () => {
  it('given a Python tool distributed through pip then the Python packaging path is weighed', () => {
    expect(ids('a python formatter that users install via pip')).toContain('python-tooling');
    const advice = advise('a python package installer that must be much faster than pip. rust or go?', undefined, kb);
    expect(advice.recommendation).toBe('rust');
    expect(advice.reasons.some((r) => r.criterion === 'ecosystem' && r.sources.some((s) => s.url.includes('maturin')))).toBe(true);
  });

  it('given a JavaScript bundler shipped as one binary then the Python signal stays out (esbuild is Go)', () => {
    expect(ids('a very fast javascript bundler cli shipped as one native binary through npm')).not.toContain('python-tooling');
  });

  it('given SIMD then the work is CPU-bound', () => {
    expect(ids('scan huge files with simd regex')).toContain('cpu-bound');
  });
});

describe('phrase ties', () => {
  it('given "small and memory safe" then the words written side by side win: safety is read', () => {
    expect(ids('a proxy that must be small and memory safe')).toContain('safety-critical');
    expect(ids('it must have a small memory footprint')).toContain('memory-tight');
  });
});

describe('framework names', () => {
  it('given "Next.js" then its "js" does not pair with a nearby "engine" as a JavaScript engine', () => {
    const read = ids('incremental bundler for next.js that shares its core engine with other tools');
    expect(read).not.toContain('language-runtime');
    expect(read).toContain('cli-tool');
    expect(ids('we embed a js engine in our server')).toContain('language-runtime');
  });
});
