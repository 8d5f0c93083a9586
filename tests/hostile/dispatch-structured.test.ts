// Hostile option values through structured dispatch (Discord application commands deliver typed options, not
// text): every option of every command gets every hand-written input, alone and all at once.
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { describeOptions, leafCommands, type LeafCommand } from '../../src/core/command-spec.ts';
import { dispatchStructured } from '../../src/core/dispatch.ts';
import type { Services } from '../../src/core/services.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { handWrittenInputs } from './hostile-inputs.ts';
import { meteredCommands, origin, runAttempts, summarizeFailures, type Attempt, type WorkMeter } from './support/hostile-run.ts';

/** Discord caps a string option at 6,000 characters; anything longer cannot arrive, so it is not tried. */
const DISCORD_OPTION_MAX = 6000;

const inputs = handWrittenInputs().filter((i) => i.text.length <= DISCORD_OPTION_MAX);

function* attempts(path: string, spec: LeafCommand, services: Services, meter: WorkMeter): Generator<Attempt> {
  const specs = meteredCommands(meter);
  const options = describeOptions(spec.args);
  const shapes: { name: string; build(text: string): Record<string, unknown> }[] = [
    ...options.map((o) => ({ name: o.name, build: (text: string) => ({ [o.name]: text }) })),
    ...(options.length > 1 ? [{ name: '(all)', build: (text: string) => Object.fromEntries(options.map((o) => [o.name, text])) }] : []),
  ];
  {
    for (const [i, input] of inputs.entries()) {
      for (const shape of shapes) {
        const values = shape.build(input.text);
        yield {
          label: `${input.category}#${i} (${input.text.length} chars) as ${path} ${shape.name}`,
          mode: 'command',
          text: input.text,
          run: () => dispatchStructured(path, values, `/rustvsgo ${path}`, origin('discord'), services, specs),
        };
      }
    }
  }
}

describe('hostile structured options', () => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices();
  });

  const withOptions = leafCommands(commands).filter(({ spec }) => describeOptions(spec.args).length > 0);

  it.each(withOptions.map(({ path, spec }) => [path, spec] as const))('given every hand-written input as each option of %s, then nothing escapes, fails, overflows or pings', async (path, spec) => {
    const meter: WorkMeter = { longestArg: 0, longestArgCommand: '', handled: 0 };
    const report = await runAttempts(attempts(path, spec, services, meter));
    expect(summarizeFailures(report.failures)).toEqual([]);
    expect(report.tried).toBeGreaterThanOrEqual(inputs.length);
    // Every string option's schema caps its length, so no handler works on more than Discord's own option limit.
    expect(meter.longestArg, meter.longestArgCommand).toBeLessThanOrEqual(DISCORD_OPTION_MAX);
    // The same generous sanity bound as the text suite (see there).
    expect(report.slowestMs, report.slowestLabel).toBeLessThan(2000);
  });
});
