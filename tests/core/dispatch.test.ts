import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, defineGroup } from '../../src/core/command-spec.ts';
import { dispatchStructured, dispatchText } from '../../src/core/dispatch.ts';
import type { InvocationOrigin } from '../../src/core/invocation.ts';
import type { Services } from '../../src/core/services.ts';
import { UserError } from '../../src/core/user-error.ts';
import { createTestServices } from '../helpers/test-services.ts';

const echo = defineCommand({
  name: 'echo', description: 'Echo', examples: ['echo hi'], access: 'everyone',
  args: z.object({ text: z.string().min(1).describe('Text').meta({ rest: true }) }),
  handle: (args, ctx) => ({ title: `echo ${args.text}`, data: { user: ctx.invocation.userId, command: ctx.invocation.command } }),
});
const boom = defineCommand({
  name: 'boom', description: 'Fails', examples: ['boom'], access: 'everyone', args: z.object({}),
  handle: () => {
    throw new Error('database exploded at /var/secret/path');
  },
});
const oops = defineCommand({
  name: 'oops', description: 'User error', examples: ['oops'], access: 'everyone', args: z.object({}),
  handle: () => {
    throw new UserError('No such channel setting', 'Try `/rustvsgo help`.');
  },
});
const settings = defineGroup({
  name: 'settings', description: 'Settings', examples: ['settings set'], defaultSubcommand: 'set',
  subcommands: [defineCommand({ name: 'set', description: 'Set', examples: ['settings set'], access: 'manage', args: z.object({}), handle: () => ({ title: 'saved' }) })],
});
const specs = [echo, boom, oops, settings];

const origin = (over: Partial<InvocationOrigin> = {}): InvocationOrigin => ({
  platform: 'shell', workspaceId: 'local', channelId: 'c', userId: 'u1', locale: 'en', requestId: 'req-123', isChannelAdmin: async () => false, mode: 'command', ...over,
});

describe('dispatch', () => {
  let services: Services;
  let logs: string;
  beforeEach(async () => {
    services = await createTestServices();
    logs = '';
    services.logger = pino({ level: 'debug' }, new Writable({ write: (chunk, _enc, done) => ((logs += String(chunk)), done()) }));
  });
  afterEach(() => services.store.close());

  it('given text then the handler receives parsed args and the invocation', async () => {
    const result = await dispatchText('/rustvsgo echo hello world', origin(), services, specs);
    expect(result).toMatchObject({ outcome: 'ok', command: 'echo', reply: { title: 'echo hello world', data: { user: 'u1', command: 'echo' } } });
  });

  it('given structured options then they are validated like text', async () => {
    expect((await dispatchStructured('echo', { text: 'x' }, 'echo x', origin(), services, specs)).outcome).toBe('ok');
    expect((await dispatchStructured('echo', {}, 'echo', origin(), services, specs)).outcome).toBe('user_error');
  });

  it('given a failing handler then the user gets an apology with the request id and the details are logged', async () => {
    const result = await dispatchText('boom', origin(), services, specs);
    expect(result.outcome).toBe('failed');
    expect(result.reply.summary).toContain('req-123');
    expect(JSON.stringify(result.reply)).not.toContain('exploded');
    expect(logs).toContain('database exploded');
    expect(logs).toContain('req-123');
  });

  it('given a user error then its message and hint are shown without an apology', async () => {
    const result = await dispatchText('oops', origin(), services, specs);
    expect(result).toMatchObject({ outcome: 'user_error', reply: { title: 'No such channel setting', summary: 'Try `/rustvsgo help`.' } });
  });

  it('given a manage command from someone who may not manage then it is denied', async () => {
    expect((await dispatchText('settings set', origin(), services, specs)).outcome).toBe('denied');
    expect((await dispatchText('settings', origin({ isChannelAdmin: async () => true }), services, specs)).reply.title).toBe('saved');
  });

  it('given an unknown command that echoes user text then no ping survives', async () => {
    const result = await dispatchText('<!channel>', origin(), services, specs);
    expect(result.reply.title).not.toContain('<!channel>');
  });
});
