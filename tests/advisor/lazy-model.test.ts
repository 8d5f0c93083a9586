// The advisor's language model is megabytes of data: a process that never reads a question (`help` piped into the
// shell, a digest run) must not load it. It loads on the first question (or when start-up warms it on purpose).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const modelLoaded = (): boolean => Object.keys(require.cache).some((path) => path.includes('wink-eng-lite-web-model'));

describe('the wink-nlp model', () => {
  it('given the advisor and every command imported then the model is not loaded until a question is read', async () => {
    await import('../../src/commands/index.ts');
    const { splitClauses } = await import('../../src/advisor/clauses.ts');
    expect(modelLoaded()).toBe(false);
    expect(splitClauses('Rust or Go for a proxy? We do not care about GC.').length).toBeGreaterThan(0);
    expect(modelLoaded()).toBe(true);
  });
});
