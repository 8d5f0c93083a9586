// The terminal adapter, the default when no platform tokens are configured. On a terminal: a prompt with
// history. When stdin is piped: one command per line, each reply printed, resolves at end of input.
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandSpec } from '../../core/command-spec.ts';
import { dispatchText } from '../../core/dispatch.ts';
import { condenseReply } from '../../core/condense.ts';
import type { ReplyAction } from '../../core/reply.ts';
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

/** Cursor home, then erase the whole display: what `clear` and bash's Ctrl-L send (the scrollback is kept). */
const CLEAR_SCREEN = '\u001b[H\u001b[2J';

type FollowUpChoice = { kind: 'none' } | { kind: 'picked'; command: string } | { kind: 'out_of_range' };

/** A bare number after an answer with follow-up options picks one; with no options it is ordinary input. */
export function followUpChoice(typed: string, options: readonly ReplyAction[]): FollowUpChoice {
  if (options.length === 0 || !/^\d{1,2}$/.test(typed)) return { kind: 'none' };
  const picked = options[Number(typed) - 1];
  return picked ? { kind: 'picked', command: picked.command } : { kind: 'out_of_range' };
}

export function createShellAdapter({ input, output, services, commands }: ShellAdapterOptions): Adapter {
  const interactive = Boolean(input.isTTY && output.isTTY);
  let rl: Interface | undefined;
  let ready = false;
  let resolveFinished!: () => void;
  const finished = new Promise<void>((resolve) => (resolveFinished = resolve));

  /** The follow-up options of the last answer: typing "1" or "2" next re-asks that option. */
  let followUps: ReplyAction[] = [];

  async function handleLine(line: string): Promise<void> {
    const typed = line.trim();
    if (typed === '') return;
    if (interactive && /^(exit|quit|\/exit|\/quit)$/i.test(typed)) {
      rl?.close();
      return;
    }
    const choice = followUpChoice(typed, followUps);
    if (choice.kind === 'out_of_range') {
      output.write(`Type a number from 1 to ${followUps.length} to pick an option, or ask a new question.\n\n`);
      return;
    }
    const text = choice.kind === 'picked' ? choice.command : typed;
    const mode = MENTION.test(text) ? 'mention' : 'command';
    const { reply } = await dispatchText(
      text,
      { platform: 'shell', workspaceId: 'local', channelId: 'terminal', userId: 'local-user', locale: 'en', requestId: newRequestId(), isChannelAdmin: async () => true, mode },
      services,
      commands,
    );
    const shown = mode === 'mention' ? condenseReply(reply, text.replace(MENTION, '').trim()) : reply;
    followUps = shown.actions.filter((a) => a.kind === 'follow_up');
    const hint = followUps.length > 0 ? `\nType 1-${followUps.length} to answer and re-ask, or ask something else.` : '';
    output.write(`${renderText(shown, { color: interactive })}${hint}\n\n`);
  }

  return {
    name: 'shell',
    finished,
    isReady: () => ready,
    async start() {
      rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, historySize: 200 });
      ready = true;
      if (interactive) {
        // Ctrl-L clears the screen as it does in bash. Readline's own handling only moves the cursor home and
        // erases below it (ESC[1;1H ESC[0J); ahead of it, the whole display is erased, then readline redraws the
        // prompt with what was being typed.
        input.prependListener('keypress', (_text: unknown, key: { ctrl?: boolean; name?: string } | undefined) => {
          if (key?.ctrl && key.name === 'l') output.write(CLEAR_SCREEN);
        });
        output.write('rustvsgo shell. Ask "/rustvsgo Rust or Go for an edge gateway?", try "/rustvsgo help", or "exit".\n');
        rl.setPrompt('rustvsgo> ');
        rl.prompt();
      }
      void (async () => {
        try {
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
        } catch (error) {
          // The input itself failed, and nothing more can be read from it. Seen when the terminal session is gone
          // (the bot stopping after npm was killed, runtime/orphan-watch.ts): closing readline restores the
          // terminal mode, stdin emits setRawMode EIO, and this loop used to reject unhandled - a stack trace on
          // the person's prompt - and never finish. The shell just ends.
          services.logger.debug({ err: error }, 'shell input failed; the shell ends');
        } finally {
          ready = false;
          resolveFinished();
        }
      })();
    },
    async stop() {
      rl?.close();
      await finished;
    },
  };
}
