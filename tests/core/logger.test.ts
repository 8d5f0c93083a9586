import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/env.ts';
import { createLogger } from '../../src/logging/logger.ts';

function capture() {
  let text = '';
  const destination = new Writable({ write: (chunk, _enc, done) => ((text += String(chunk)), done()) });
  return { destination, read: () => text };
}

describe('logger', () => {
  const secret = 'xoxb-111-222-very-secret-token';
  const config = parseConfig({ SLACK_BOT_TOKEN: secret, LOG_LEVEL: 'info' });

  it('writes JSON lines at the configured level', () => {
    const out = capture();
    const logger = createLogger(config, { destination: out.destination });
    logger.debug('hidden');
    logger.info({ requestId: 'r1' }, 'shown');
    const lines = out.read().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'shown', requestId: 'r1', level: 30 });
  });

  it('never writes a secret, whether in a known field, a header or a message', () => {
    const out = capture();
    const logger = createLogger(config, { destination: out.destination });
    logger.info({ token: secret, headers: { authorization: `Bearer ${secret}` }, SLACK_BOT_TOKEN: secret }, 'connecting');
    logger.error({ err: new Error(`auth failed for ${secret}`) }, `call with ${secret} failed`);
    expect(out.read()).not.toContain(secret);
    expect(out.read()).toContain('[redacted]');
  });
});
