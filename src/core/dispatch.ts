// Runs one invocation: permission check, the handler, and the error policy (a user's mistake gets a reply
// that says what to do; our failure gets logged with context and a short apology with an id to quote).
import { findCommand, type CommandSpec, type LeafCommand } from './command-spec.ts';
import type { Invocation, InvocationOrigin } from './invocation.ts';
import { isStoreTimeout, withDeadline } from './deadline.ts';
import type { CommandOutcomeLabel } from './observer.ts';
import { parseCommandText, stripInvocationPrefix, validateArgs, type ParsedText } from './parse-text.ts';
import { rateLimitedReply } from './rate-limit-gate.ts';
import { mayManageSettings } from './settings-access.ts';
import { reply, type Reply } from './reply.ts';
import { cleanUserText, neutralizeMentions, truncate } from './safe-text.ts';
import type { Services } from './services.ts';
import { usageLine } from './usage.ts';
import { UserError } from './user-error.ts';

export interface DispatchOutcome {
  reply: Reply;
  /** The command path that ran, or "unknown"/"invalid", for metrics and logs. */
  command: string;
  outcome: CommandOutcomeLabel;
}

/** Text form: `/rustvsgo ...`, a shell line, or a mention. */
export async function dispatchText(
  text: string,
  origin: InvocationOrigin,
  services: Services,
  specs: readonly CommandSpec[],
): Promise<DispatchOutcome> {
  const parsed = parseCommandText(text, specs, { mode: origin.mode });
  return dispatchParsed(parsed, text, origin, services);
}

/** Structured form: a Discord application command with typed options. */
export async function dispatchStructured(
  path: string,
  options: Record<string, unknown>,
  rawText: string,
  origin: InvocationOrigin,
  services: Services,
  specs: readonly CommandSpec[],
): Promise<DispatchOutcome> {
  const spec = findCommand(specs, path);
  // Option values are user text like any other: the same control-character clean-up as the text form.
  const cleaned = Object.fromEntries(Object.entries(options).map(([k, v]) => [k, typeof v === 'string' ? cleanUserText(v) : v]));
  const parsed: ParsedText = spec ? validateArgs(path, spec, cleaned) : { kind: 'unknown', word: path };
  return dispatchParsed(parsed, rawText, origin, services);
}

/** Rate limits first (every attempt counts, help and mistakes too), then the answer; reports the outcome. */
async function dispatchParsed(parsed: ParsedText, rawText: string, origin: InvocationOrigin, services: Services): Promise<DispatchOutcome> {
  const started = performance.now();
  const command = parsed.kind === 'unknown' ? 'unknown' : parsed.path;
  const log = services.logger.child({ requestId: origin.requestId, command, platform: origin.platform });
  const limited = await checkRateLimit(command, origin, services, log);
  const result = limited ?? (await answerParsed(parsed, rawText, origin, services));
  const seconds = (performance.now() - started) / 1000;
  services.observer?.commandFinished({ command: result.command, platform: origin.platform, outcome: result.outcome, seconds });
  // One line per invocation on chat platforms (an access log); the local shell and CLI keep it at debug.
  const level = origin.platform === 'slack' || origin.platform === 'discord' ? 'info' : 'debug';
  log[level]({ outcome: result.outcome, durationMs: Math.round(seconds * 1000) }, 'command finished');
  return result;
}

/**
 * How long the rate-limit check may take. A counter update is milliseconds; a database that does not answer must
 * not hold every command (help included) behind it, so after this the command runs unlimited (and it is logged).
 */
const RATE_LIMIT_DEADLINE_MS = 1000;

async function checkRateLimit(command: string, origin: InvocationOrigin, services: Services, log: Services['logger']): Promise<DispatchOutcome | undefined> {
  if (!services.rateLimiter) return undefined;
  const now = services.now();
  try {
    const decision = await withDeadline(services.rateLimiter.check(origin, now), RATE_LIMIT_DEADLINE_MS, 'the rate-limit store');
    if (decision.allowed) return undefined;
    services.observer?.rateLimitWaited(decision.scope, decision.retryAfterSeconds);
    log.info({ scope: decision.scope, retryAfterSeconds: decision.retryAfterSeconds }, 'rate limited');
    return { command, outcome: 'rate_limited', reply: rateLimitedReply(decision, now) };
  } catch (error) {
    // The limits protect us from floods; a database hiccup in them should not turn every answer into an error.
    log.warn({ err: error }, 'rate limit check failed; allowing the command');
    return undefined;
  }
}

async function answerParsed(parsed: ParsedText, rawText: string, origin: InvocationOrigin, services: Services): Promise<DispatchOutcome> {
  if (parsed.kind === 'unknown') {
    const word = neutralizeMentions(truncate(parsed.word, 40));
    const hint = parsed.suggestion ? `Did you mean \`/rustvsgo ${parsed.suggestion}\`?` : 'Ask a question in plain words, e.g. `/rustvsgo Rust or Go for an edge gateway?`';
    return {
      command: 'unknown',
      outcome: 'user_error',
      reply: reply({
        title: `Unknown command "${word}"`,
        summary: hint,
        sections: [{ body: 'See `/rustvsgo help` for every command. To search the facts: `/rustvsgo lookup <topic>`.' }],
        tone: 'warning',
      }),
    };
  }
  if (parsed.kind === 'invalid') {
    return {
      command: parsed.path,
      outcome: 'user_error',
      reply: reply({
        title: `That \`${parsed.path}\` needs a fix`,
        summary: parsed.problems.map((p) => neutralizeMentions(p)).join('\n'),
        sections: [{ heading: 'Usage', body: `\`${usageLine(parsed.path, parsed.spec)}\`` }, ...examplesSection(parsed.spec)],
        tone: 'warning',
      }),
    };
  }
  const { isChannelAdmin: _port, ...known } = origin;
  // Access is decided only for commands that need it, so everyday commands never cost the platform a lookup.
  const canManage = parsed.spec.access === 'manage' ? await mayManageSettings(origin, services.config) : false;
  const invocation: Invocation = { ...known, command: parsed.path, args: parsed.args, rawText, canManage };
  const outcome = await withFormIfAllowed(await run(parsed.spec, invocation, services), parsed.spec, invocation, origin, services);
  return withShareAction(outcome, parsed.spec, invocation);
}

/**
 * A settings form is offered only to someone who may save it, under the same SETTINGS_ACCESS rule as the text
 * forms: `team` (which anyone may run, to read the profile) asks here, so a user who may not change the profile
 * gets the profile as text instead of a form whose every submission would be refused.
 */
async function withFormIfAllowed(
  outcome: DispatchOutcome,
  spec: LeafCommand,
  invocation: Invocation,
  origin: InvocationOrigin,
  services: Services,
): Promise<DispatchOutcome> {
  if (!outcome.reply.form) return outcome;
  const allowed = invocation.forms === true && (spec.access === 'manage' ? invocation.canManage : await mayManageSettings(origin, services.config));
  if (allowed) return outcome;
  const { form: _dropped, ...text } = outcome.reply;
  return { ...outcome, reply: text };
}

/**
 * The one place "Share in channel" is added: to a successful answer shown only to its asker, for a command that
 * reads (re-running a settings change would change it again). The action carries the command that produced it.
 */
function withShareAction(outcome: DispatchOutcome, spec: LeafCommand, invocation: Invocation): DispatchOutcome {
  const { reply: shown } = outcome;
  const shareable = outcome.outcome === 'ok' && shown.tone !== 'error' && shown.visibility === 'ephemeral' && spec.access !== 'manage' && invocation.mode === 'command';
  if (!shareable || shown.actions.some((a) => a.kind === 'share')) return outcome;
  const share = { kind: 'share' as const, label: 'Share in channel', command: canonicalCommand(invocation) };
  return { ...outcome, reply: { ...shown, actions: [share, ...shown.actions] } };
}

/** The text that re-runs this invocation as a command: without "/rustvsgo", and naming the command ("ask ..."). */
function canonicalCommand(invocation: Invocation): string {
  const text = stripInvocationPrefix(invocation.rawText);
  const namesCommand = (text.split(/\s+/)[0] ?? '').toLowerCase() === invocation.command.split(' ')[0];
  return namesCommand ? text : `${invocation.command} ${text}`.trim();
}

function examplesSection(spec: LeafCommand) {
  return spec.examples.length ? [{ heading: 'Example', body: `\`/rustvsgo ${spec.examples[0]}\`` }] : [];
}

async function run(spec: LeafCommand, invocation: Invocation, services: Services): Promise<DispatchOutcome> {
  const log = services.logger.child({ requestId: invocation.requestId, command: invocation.command, platform: invocation.platform });
  if (spec.access === 'manage' && !invocation.canManage) {
    return {
      command: invocation.command,
      outcome: 'denied',
      reply: reply({
        title: 'You cannot change this channel’s settings',
        summary: 'Ask someone allowed to manage this channel’s rustvsgo settings to run it.',
        tone: 'warning',
      }),
    };
  }
  try {
    const result = reply(await spec.handle(invocation.args, { invocation, services }));
    log.debug('command handled');
    return { command: invocation.command, outcome: 'ok', reply: result };
  } catch (error) {
    if (error instanceof UserError) {
      return {
        command: invocation.command,
        outcome: 'user_error',
        reply: reply({ title: neutralizeMentions(error.message), summary: error.hint, tone: 'warning' }),
      };
    }
    log.error({ err: error }, 'command failed');
    const apology = isStoreTimeout(error) ? storeUnavailableReply(invocation.requestId) : apologyReply(invocation.requestId);
    return { command: invocation.command, outcome: 'failed', reply: apology };
  }
}

/** The database did not answer in time: say so, and that commands which need no saved settings still work. */
function storeUnavailableReply(requestId: string): Reply {
  return reply({
    title: 'Sorry, our database is not answering right now',
    summary: `This command needs saved channel settings, and the database did not answer in time. Please try again in a few minutes; \`/rustvsgo help\`, \`lookup\`, \`compare\` and \`sources\` still work. Error id \`${requestId}\`.`,
    tone: 'error',
  });
}

export function apologyReply(requestId: string): Reply {
  return reply({
    title: 'Sorry, something went wrong on our side',
    summary: `Please try again in a moment. If it keeps happening, quote error id \`${requestId}\`.`,
    tone: 'error',
  });
}
