// Balance of the contextual grades: Go wins where the sources say it does (FIPS 140-3 cryptography is one), and
// the reasons read as engineering, not marketing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adviceSchema } from '../../src/advisor/advice.ts';
import { commands } from '../../src/commands/index.ts';
import { dispatchText } from '../../src/core/dispatch.ts';
import type { InvocationOrigin } from '../../src/core/invocation.ts';
import type { Services } from '../../src/core/services.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { createTestServices } from '../helpers/test-services.ts';

const kb = loadKnowledgeBase();

describe('balance of contextual grades', () => {
  it('every criterion where Rust wins some context also lists what it costs, and safety has a context Go wins', () => {
    const goSafety = kb.assessments.filter((a) => a.criterion === 'safety' && a.go > a.rust);
    expect(goSafety.map((a) => a.id)).toEqual(expect.arrayContaining(['safety.fips', 'safety.crypto-fips']));
  });

  it('no assessment or fact uses marketing wording', () => {
    const texts = [...kb.assessments.flatMap((a) => [a.text, a.evidence]), ...kb.facts.map((f) => f.text)];
    for (const text of texts) expect(text).not.toMatch(/C-class|where Go shines|a Rust strength|blazing|best-in-class/i);
  });

  it('no text claims both languages are memory-safe without the data-race caveat for Go', () => {
    const texts = [...kb.assessments.map((a) => a.text), ...kb.facts.map((f) => f.text)];
    for (const text of texts) expect(text).not.toMatch(/both are memory-safe outside unsafe/i);
  });
});

describe('a FIPS 140-3 requirement', () => {
  const origin: InvocationOrigin = { platform: 'shell', workspaceId: 'local', channelId: 'c1', userId: 'u1', locale: 'en', requestId: 'r', isChannelAdmin: async () => true, mode: 'command' };
  let services: Services;
  beforeEach(async () => {
    services = await createTestServices();
  });
  afterEach(async () => {
    await services.store.close();
  });

  it('is read as its own signal and grades safety in Go\'s favour, with the Go FIPS page as a source', async () => {
    const { reply } = await dispatchText('/rustvsgo Rust or Go for a key management service that needs FIPS 140-3?', origin, services, commands);
    const advice = adviceSchema.parse(reply.data);
    expect(advice.signals.map((s) => s.id)).toContain('fips-required');
    expect(advice.signals.map((s) => s.id)).not.toContain('compliance');
    // The verdict comes from the fitted model (issue 11), which has no labelled FIPS decision yet; the knowledge base's
    // FIPS grade must still speak for Go, as a reason or as the case for Go.
    const safety = [...advice.reasons, ...(advice.tradeoff ? [advice.tradeoff] : [])].find((r) => r.criterion === 'safety');
    expect(safety?.favours).toBe('go');
    expect(safety?.sources.map((s) => s.url)).toContain('https://go.dev/doc/security/fips140');
  });
});
