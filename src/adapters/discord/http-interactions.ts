// `POST /discord/interactions`: Discord's HTTP delivery of interactions. Every request is Ed25519-verified;
// commands are deferred at once (ephemeral) and completed by editing the original response through the REST
// base. Nothing is kept between requests, so any number of replicas can sit behind a load balancer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REST, Routes } from 'discord.js';
import { verifyKey } from 'discord-interactions';
import type { CommandSpec } from '../../core/command-spec.ts';
import { newRequestId } from '../../core/request-id.ts';
import type { Services } from '../../core/services.ts';
import type { HttpServer } from '../../http/server.ts';
import type { Adapter } from '../adapter.ts';
import { AnswerQueue } from '../answer-queue.ts';
import { AutocompleteLimiter } from './autocomplete-limiter.ts';
import { parseButtonId } from './button-ids.ts';
import { answerAboutMessage, readMessageCommand } from './context-menu.ts';
import { parseAnswerButtonId, pressAnswerButton, readFeedbackSubmission, submitFeedbackComment, type AdrAttachment } from './answer-buttons.ts';
import { answerCommand, answerFollowUp, answerShowFull, shareMessage, suggestChoices, type DiscordAnswerContext, type DiscordFacts } from './discord-answers.ts';
import { interactionType, isThreadChannelType, rawInteractionSchema, readCommandCall, type RawInteraction } from './interaction-payload.ts';
import { EPHEMERAL_FLAG, noticeMessage, type DiscordMessage } from './message-payload.ts';
import { parsePermissions } from './settings-access.ts';
import { discordRestOptions } from './rest-options.ts';

export const INTERACTIONS_PATH = '/discord/interactions';
/** Discord documents no replay window; five minutes either way tolerates clock skew and stops old replays. */
const SIGNATURE_MAX_AGE_SECONDS = 300;
const BODY_LIMIT_BYTES = 1024 * 1024;

const callbackType = { pong: 1, channelMessage: 4, deferredChannelMessage: 5, updateMessage: 7, autocompleteResult: 8, modal: 9 } as const;

export interface DiscordHttpOptions {
  services: Services;
  commands: readonly CommandSpec[];
  http: HttpServer;
  publicKey: string;
  applicationId: string;
  /** REST client for follow-ups; defaults to one on DISCORD_API_URL (webhook routes need no bot token). */
  rest?: REST;
  /** Where answers wait their turn, so acks stay inside Discord's 3 s under load (defaults to a fresh queue). */
  answerQueue?: AnswerQueue;
}

export interface DiscordHttpEndpoint extends Adapter {
  /** Settles when every follow-up started so far has been sent (tests and graceful stop). */
  idle(): Promise<void>;
}

export function createDiscordHttpEndpoint(options: DiscordHttpOptions): DiscordHttpEndpoint {
  const { services, commands, http, publicKey } = options;
  const rest = options.rest ?? new REST(discordRestOptions(services.config.DISCORD_API_URL));
  const ctx: DiscordAnswerContext = { services, commands, autocompleteLimiter: new AutocompleteLimiter() };
  const queue = options.answerQueue ?? new AnswerQueue();
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  /** Runs a follow-up after the HTTP response has gone out, and edits the deferred original with its result. */
  function followUp(interaction: RawInteraction, requestId: string, work: () => Promise<DiscordMessage>): void {
    const task = (async () => {
      let message: DiscordMessage;
      try {
        // Through the queue: answers are CPU work on the loop that also has to send the next deferrals.
        message = await queue.run(work);
      } catch (error) {
        services.logger.error({ err: error, requestId }, 'discord follow-up failed');
        message = noticeMessage(`Sorry, something went wrong on our side. If it keeps happening, quote error id \`${requestId}\`.`);
      }
      // The original's ephemerality was fixed at defer time; flags on an edit are ignored, so drop them.
      const { flags: _flags, ...body } = message;
      try {
        await rest.patch(Routes.webhookMessage(interaction.application_id, interaction.token, '@original'), { body, auth: false });
      } catch (error) {
        services.logger.error({ err: error, requestId }, 'discord follow-up edit failed');
      }
    })();
    // Backstop: the task catches its own failures, but a throw in the logger itself must not end the process.
    const settled = task.catch(() => undefined);
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === undefined) return send(res, 413, { error: 'body too large' });
    const signature = header(req, 'x-signature-ed25519');
    const timestamp = header(req, 'x-signature-timestamp');
    if (!signature || !timestamp || !(await verifyKey(body, signature, timestamp, publicKey))) {
      return send(res, 401, { error: 'invalid request signature' });
    }
    const age = Math.abs(services.now().getTime() / 1000 - Number(timestamp));
    if (!Number.isFinite(age) || age > SIGNATURE_MAX_AGE_SECONDS) return send(res, 401, { error: 'stale request timestamp' });

    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return send(res, 400, { error: 'invalid JSON' });
    }
    const parsed = rawInteractionSchema.safeParse(json);
    if (!parsed.success) return send(res, 400, { error: 'unexpected interaction shape' });
    const interaction = parsed.data;
    if (interaction.type === interactionType.ping) return send(res, 200, { type: callbackType.pong });
    if (interaction.application_id !== options.applicationId) return send(res, 400, { error: 'interaction for another application' });
    if (!accepting) return send(res, 503, { error: 'shutting down' });

    const requestId = newRequestId();
    const facts = factsOf(interaction, requestId);
    const log = services.logger.child({ requestId, platform: 'discord', transport: 'http' });

    if (interaction.type === interactionType.applicationCommand) {
      const aboutMessage = readMessageCommand(json);
      if (aboutMessage) {
        send(res, 200, { type: callbackType.deferredChannelMessage, data: { flags: EPHEMERAL_FLAG } });
        followUp(interaction, requestId, () => answerAboutMessage(ctx, facts, aboutMessage.content));
        return;
      }
      const call = readCommandCall(interaction.data?.options);
      log.debug({ command: call.path }, 'discord command');
      send(res, 200, { type: callbackType.deferredChannelMessage, data: { flags: EPHEMERAL_FLAG } });
      followUp(interaction, requestId, () => answerCommand(ctx, facts, call));
      return;
    }
    if (interaction.type === interactionType.autocomplete) {
      const choices = await suggestChoices(ctx, facts, readCommandCall(interaction.data?.options));
      return send(res, 200, { type: callbackType.autocompleteResult, data: { choices } });
    }
    if (interaction.type === interactionType.messageComponent) {
      // Votes and "Save as ADR" (answer-buttons.ts): a vote is answered at once (a notice, or the comment modal);
      // the ADR is deferred and then attached to the edited response.
      const answerButton = parseAnswerButtonId(interaction.data?.custom_id ?? '');
      if (answerButton) {
        if (answerButton.kind === 'save_adr') {
          send(res, 200, { type: callbackType.deferredChannelMessage, data: { flags: EPHEMERAL_FLAG } });
          attachAdr(interaction, requestId, () => pressAnswerButton(ctx, facts, answerButton));
          return;
        }
        const result = await pressAnswerButton(ctx, facts, answerButton).catch((error: unknown) => {
          log.error({ err: error }, 'discord vote failed');
          return { kind: 'notice' as const, message: noticeMessage(`Sorry, something went wrong on our side. If it keeps happening, quote error id \`${requestId}\`.`) };
        });
        if (result.kind === 'modal') return send(res, 200, { type: callbackType.modal, data: result.modal });
        return send(res, 200, { type: callbackType.channelMessage, data: result.kind === 'notice' ? result.message : result.adr.message });
      }
      const action = parseButtonId(interaction.data?.custom_id ?? '');
      if (action?.kind === 'share') {
        const user = interaction.member?.user ?? interaction.user;
        const message = shareMessage(interaction.message?.embeds ?? [], user?.global_name || user?.username || 'someone');
        return send(res, 200, { type: callbackType.channelMessage, data: message });
      }
      if (action?.kind === 'follow_up' || action?.kind === 'follow_up_stored') {
        // Re-scored in place: the answer is computed now (the advisor takes milliseconds) and replaces the message.
        const ephemeral = ((interaction.message?.flags ?? 0) & EPHEMERAL_FLAG) !== 0;
        const result = await answerFollowUp(ctx, facts, action, { ephemeral });
        const type = result.kind === 'update' ? callbackType.updateMessage : callbackType.channelMessage;
        return send(res, 200, { type, data: result.message });
      }
      if (action) {
        send(res, 200, { type: callbackType.deferredChannelMessage, data: { flags: EPHEMERAL_FLAG } });
        followUp(interaction, requestId, () => answerShowFull(ctx, facts, action));
        return;
      }
      return send(res, 200, { type: callbackType.channelMessage, data: noticeMessage('This button is no longer supported. Run the command again.') });
    }
    if (interaction.type === interactionType.modalSubmit) {
      const submission = readFeedbackSubmission(json);
      if (!submission) return send(res, 200, { type: callbackType.channelMessage, data: noticeMessage('This form is no longer supported.') });
      const message = await submitFeedbackComment(services, submission).catch((error: unknown) => {
        log.error({ err: error }, 'could not store a feedback comment');
        return noticeMessage(`Sorry, the comment could not be saved. If it keeps happening, quote error id \`${requestId}\`.`);
      });
      return send(res, 200, { type: callbackType.channelMessage, data: message });
    }
    return send(res, 400, { error: 'unsupported interaction type' });
  }

  /** "Save as ADR" after the deferral: the edited response carries the ADR as a Markdown attachment. */
  function attachAdr(interaction: RawInteraction, requestId: string, work: () => ReturnType<typeof pressAnswerButton>): void {
    const task = (async () => {
      let body: Omit<DiscordMessage, 'flags'> & { attachments?: { id: number; filename: string }[] };
      let files: { name: string; data: Buffer }[] = [];
      try {
        const result = await queue.run(work);
        const adr: AdrAttachment | undefined = result.kind === 'adr' ? result.adr : undefined;
        const { flags: _flags, ...message } = adr ? adr.message : result.kind === 'notice' ? result.message : noticeMessage('Nothing to save.');
        body = adr ? { ...message, attachments: [{ id: 0, filename: adr.file.name }] } : message;
        files = adr ? [adr.file] : [];
      } catch (error) {
        services.logger.error({ err: error, requestId }, 'discord save-adr failed');
        const { flags: _flags, ...message } = noticeMessage(`Sorry, something went wrong on our side. If it keeps happening, quote error id \`${requestId}\`.`);
        body = message;
      }
      try {
        await rest.patch(Routes.webhookMessage(interaction.application_id, interaction.token, '@original'), { body, files, auth: false });
      } catch (error) {
        services.logger.error({ err: error, requestId }, 'discord save-adr edit failed');
      }
    })();
    const settled = task.catch(() => undefined);
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  }

  http.route('POST', INTERACTIONS_PATH, handle);

  const idle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  return {
    name: 'discord-http',
    isReady: () => accepting,
    async start() {
      accepting = true;
    },
    async stop() {
      accepting = false;
      await idle();
    },
    idle,
  };
}

export function factsOf(interaction: RawInteraction, requestId: string): DiscordFacts {
  const channel = interaction.channel;
  const inThread = channel !== undefined && isThreadChannelType(channel.type) && Boolean(channel.parent_id);
  return {
    guildId: interaction.guild_id,
    channelId: channel?.id ?? interaction.channel_id ?? 'unknown',
    parentChannelId: inThread ? (channel?.parent_id ?? undefined) : undefined,
    userId: interaction.member?.user.id ?? interaction.user?.id ?? 'unknown',
    permissions: parsePermissions(interaction.member?.permissions),
    locale: interaction.locale,
    requestId,
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > BODY_LIMIT_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}
