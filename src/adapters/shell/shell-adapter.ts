// The terminal adapter, the default when no platform tokens are configured. On a terminal: a prompt with
// history. When stdin is piped: one command per line, each reply printed, resolves at end of input.
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandSpec } from '../../core/command-spec.ts';
import { dispatchText } from '../../core/dispatch.ts';
import { condenseReply } from '../../core/condense.ts';
import { newRequestId } from '../../core/request-id.ts';
import type { Services } from '../../core/services.ts';
import type { Adapter } from '../adapter.ts';
import { renderText } from './render-text.ts';

export interface ShellAdapterOptions {
  input: Readable & { isTTY?: boolean };
  output: Writable & { isTTY?: boolean };
  services: Services;
  commands: readonly CommandSpec[];
}

const MENTION = /^\s*@rustvsgo\b/i;

export function createShellAdapter({ input, output, services, commands }: ShellAdapterOptions): Adapter {
  const interactive = Boolean(input.isTTY && output.isTTY);
  let rl: Interface | undefined;
  let ready = false;
  let resolveFinished!: () => void;
  const finished = new Promise<void>((resolve) => (resolveFinished = resolve));

  async function handleLine(line: string): Promise<void> {
    const text = line.trim();
    if (text === '') return;
    if (interactive && /^(exit|quit|\/exit|\/quit)$/i.test(text)) {
      rl?.close();
      return;
    }
    const mode = MENTION.test(text) ? 'mention' : 'command';
    const { reply } = await dispatchText(
      text,
      { platform: 'shell', workspaceId: 'local', channelId: 'terminal', userId: 'local-user', locale: 'en', requestId: newRequestId(), canManage: true, mode },
      services,
      commands,
    );
    const shown = mode === 'mention' ? condenseReply(reply, text.replace(MENTION, '').trim()) : reply;
    output.write(`${renderText(shown, { color: interactive })}\n\n`);
  }

  return {
    name: 'shell',
    finished,
    isReady: () => ready,
    async start() {
      rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, historySize: 200 });
      ready = true;
      if (interactive) {
        output.write('rustvsgo shell. Ask "/rustvsgo Rust or Go for an edge gateway?", try "/rustvsgo help", or "exit".\n');
        rl.setPrompt('rustvsgo> ');
        rl.prompt();
      }
      void (async () => {
        // Lines are handled one at a time, in order, so piped scripts get replies in input order.
        for await (const line of rl!) {
          try {
            await handleLine(line);
          } catch (error) {
            services.logger.error({ err: error }, 'shell line failed');
            output.write('Sorry, something went wrong handling that line.\n\n');
          }
          if (interactive) rl!.prompt();
        }
        ready = false;
        resolveFinished();
      })();
    },
    async stop() {
      rl?.close();
      await finished;
    },
  };
}
