// Hostile text through the command parser, dispatch (advisor via ask, lookup, team set, digest, help ...) and every
// renderer, in every form a platform delivers text: no exception escapes, no handler fails, every rendered message
// is within its platform's limits and pings no one, and the work per input is bounded.
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatchText } from '../../src/core/dispatch.ts';
import { MAX_INPUT_LENGTH } from '../../src/core/parse-text.ts';
import type { Services } from '../../src/core/services.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { generatedInputs, handWrittenInputs, type HostileInput } from './hostile-inputs.ts';
import { meteredCommands, origin, runAttempts, summarizeFailures, type Attempt, type WorkMeter } from './support/hostile-run.ts';

interface TextForm {
  name: string;
  build(text: string): string;
  mode?: 'mention';
}

/** Every way text reaches the parser: bare, the slash prefix, each command and subcommand, a mention. */
const FORMS: TextForm[] = [
  { name: 'bare', build: (s) => s },
  { name: 'slash', build: (s) => `/rustvsgo ${s}` },
  { name: 'question', build: (s) => `Rust or Go for ${s}?` },
  { name: 'ask', build: (s) => `ask ${s}` },
  { name: 'lookup', build: (s) => `lookup ${s}` },
  { name: 'compare', build: (s) => `compare ${s}` },
  { name: 'team set', build: (s) => `team set ${s}` },
  { name: 'team set rust=', build: (s) => `team set rust=${s} go=some priorities=${s}` },
  { name: 'help', build: (s) => `help ${s}` },
  { name: 'sources', build: (s) => `sources ${s}` },
  { name: 'digest watch', build: (s) => `digest watch ${s}` },
  { name: 'digest subscribe', build: (s) => `digest subscribe ${s}` },
  { name: 'mention', build: (s) => `<@U0RUSTVSGO> ${s}`, mode: 'mention' },
];
/** Generated inputs go through the forms that reach the most code (advisor, lookup, settings, mention). */
const GENERATED_FORMS = FORMS.filter((f) => ['bare', 'question', 'lookup', 'team set rust=', 'mention'].includes(f.name));

function* attempts(inputs: HostileInput[], forms: TextForm[], services: Services, meter: WorkMeter): Generator<Attempt> {
  const specs = meteredCommands(meter);
  for (const [i, input] of inputs.entries()) {
    for (const form of forms) {
      const text = form.build(input.text);
      const mode = form.mode ?? 'command';
      yield {
        label: `${input.category}#${i} (${input.text.length} chars) via ${form.name}`,
        mode,
        text,
        run: () => dispatchText(text, origin('slack', mode), services, specs),
      };
    }
  }
}

describe('hostile text input', () => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices();
  });

  const cases = [
    ...FORMS.map((form) => ['hand-written', form, handWrittenInputs] as const),
    ...GENERATED_FORMS.map((form) => ['generated', form, () => generatedInputs()] as const),
  ];

  it.each(cases.map(([kind, form, inputs]) => [kind, form.name, form, inputs] as const))(
    'given every %s input in the %s form, then nothing escapes, fails, overflows or pings',
    async (_kind, _name, form, inputs) => {
      const meter: WorkMeter = { longestArg: 0, longestArgCommand: '', handled: 0 };
      const report = await runAttempts(attempts(inputs(), [form], services, meter));

      expect(summarizeFailures(report.failures)).toEqual([]);
      expect(report.tried).toBe(inputs().length);
      // Work bound: whatever is pasted, no handler sees more than the parser's cap (100 KB in, 4,000 chars at most).
      expect(meter.longestArg, meter.longestArgCommand).toBeLessThanOrEqual(MAX_INPUT_LENGTH);
      // One generous sanity bound, not a benchmark: a typical attempt takes a few milliseconds; this only catches
      // catastrophic regex backtracking or a loop over the raw input, which take seconds to hours, so it cannot flake.
      expect(report.slowestMs, report.slowestLabel).toBeLessThan(2000);
    },
  );

  it('given the whole text corpus, then handlers really ran (the suite is not just collecting parse errors)', async () => {
    const meter: WorkMeter = { longestArg: 0, longestArgCommand: '', handled: 0 };
    await runAttempts(attempts(handWrittenInputs().slice(0, 60), FORMS.filter((f) => ['question', 'lookup', 'team set rust='].includes(f.name)), services, meter));
    expect(meter.handled).toBeGreaterThan(60);
  });
});
