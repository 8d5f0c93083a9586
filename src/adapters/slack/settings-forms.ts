// Settings through Slack modals: opening the team profile and digest modals (from `/rustvsgo team`, `/rustvsgo
// digest subscribe` and the App Home's buttons) and saving their submissions. A submission is dispatched as the
// `team set` / `digest subscribe` / `digest unsubscribe` it amounts to, through the same core path as the text
// forms, so rate limits and SETTINGS_ACCESS (the isChannelAdmin port) apply identically. Whatever is wrong (a
// field, a refusal, our failure) is shown on the form (`response_action: "errors"`); a save closes it, confirms
// in the channel (ephemeral) and redraws the Home tab when it was opened from there.
import type { App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { CommandSpec } from '../../core/command-spec.ts';
import { apologyReply, dispatchStructured, dispatchText, type DispatchOutcome } from '../../core/dispatch.ts';
import type { InvocationOrigin } from '../../core/invocation.ts';
import { reply, type Reply } from '../../core/reply.ts';
import { newRequestId } from '../../core/request-id.ts';
import { neutralizeMentions, truncate } from '../../core/safe-text.ts';
import type { Services } from '../../core/services.ts';
import type { SettingsForm } from '../../core/settings-form.ts';
import { HOME_EDIT_DIGEST_ACTION, HOME_EDIT_TEAM_ACTION, publishHome } from './app-home.ts';
import { renderBlockKit } from './render-block-kit.ts';
import { slackAdminPort } from './settings-access.ts';
import {
  DIGEST_BLOCKS,
  DIGEST_MODAL_CALLBACK_ID,
  digestModal,
  formTargetSchema,
  messageModal,
  readDigestSubmission,
  readTeamSubmission,
  TEAM_BLOCKS,
  TEAM_MODAL_CALLBACK_ID,
  teamProfileModal,
  viewStateSchema,
  type FormReading,
  type FormTarget,
} from './settings-modals.ts';

type WebClient = App['client'];

/**
 * How long a submission may take before the modal is acknowledged anyway. Slack closes the request after 3 s; a
 * save is a few milliseconds, but under SETTINGS_ACCESS=admins it waits for users.info. A save that outlasts this
 * closes the form and its result follows as an ephemeral message.
 */
const SUBMIT_ACK_BUDGET_MS = 2000;
const ERROR_TEXT_MAX = 300;
const CHANNEL_ID = /^[A-Z0-9]{2,32}$/;

const submissionSchema = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z.object({ id: z.string().min(1) }).nullable().optional(),
  view: z.object({ private_metadata: z.string(), state: z.object({ values: viewStateSchema }) }),
});
type Submission = z.infer<typeof submissionSchema>;

const homeButtonSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z.object({ id: z.string().min(1) }).nullable().optional(),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().regex(CHANNEL_ID) })).min(1),
});

export interface SettingsFormDeps {
  services: Services;
  commands: readonly CommandSpec[];
  /** Registers work still running after the ack, so stop() can wait for it. */
  track: (work: Promise<unknown>) => void;
}

/** Opens the modal for a form a command answered with, on the interaction's trigger (valid for 3 s, once). */
export async function openSettingsForm(client: WebClient, services: Services, triggerId: string, form: SettingsForm, target: FormTarget): Promise<void> {
  const view = form.kind === 'team_profile' ? teamProfileModal(form, target, services.knowledge.criteria) : digestModal(form, target);
  await client.views.open({ trigger_id: triggerId, view });
}

function readTarget(privateMetadata: string): FormTarget | undefined {
  try {
    return formTargetSchema.safeParse(JSON.parse(privateMetadata)).data;
  } catch {
    return undefined;
  }
}

/** A reply as one line of plain text, for a form's error message (no markup, nothing that pings). */
function errorText(shown: Reply): string {
  const line = [shown.title, shown.summary].filter(Boolean).join('. ');
  const plain = line.replace(/\[([^\]\n]+)\]\([^)\s]+\)/g, '$1').replace(/\*\*/g, '').replace(/`/g, '');
  return truncate(neutralizeMentions(plain), ERROR_TEXT_MAX);
}

function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Resolves with the work's result, or with `undefined` once `ms` have passed (the work carries on). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function registerSettingsForms(app: App, deps: SettingsFormDeps): void {
  const { services, commands } = deps;
  const render = (shown: Reply) => renderBlockKit({ ...shown, actions: [] }, { kbVersion: services.knowledge.version });

  const originOf = (userId: string, workspaceId: string, channelId: string, requestId: string, client: WebClient): InvocationOrigin => ({
    platform: 'slack',
    workspaceId,
    channelId,
    userId,
    locale: 'en',
    requestId,
    mode: 'command',
    ...slackAdminPort((user) => client.users.info({ user }), userId),
  });

  /**
   * After the form closed: the outcome to the submitter in the channel (chat.postEphemeral; through the slash
   * command's response URL when the bot is not in the channel), and the Home tab redrawn if it was opened there.
   */
  async function afterClose(outcome: DispatchOutcome, submission: Submission, target: FormTarget, workspaceId: string, client: WebClient) {
    const { title, summary, tone } = outcome.reply;
    const message = render(reply({ title, ...(summary ? { summary } : {}), tone }));
    try {
      await client.chat.postEphemeral({ channel: target.channelId, user: submission.user.id, ...message });
    } catch (error) {
      const code = slackErrorCode(error);
      if (!target.responseUrl || (code !== 'not_in_channel' && code !== 'channel_not_found')) throw error;
      const answered = await fetch(target.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...message }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!answered.ok) throw new Error(`Slack response URL answered HTTP ${answered.status}`);
    }
    if (target.openedFrom === 'home') await publishHome(client, services, workspaceId, submission.user.id);
  }

  function onSubmit(read: (state: Submission['view']['state']['values']) => FormReading, firstBlock: string) {
    return async ({ ack, body, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & { client: WebClient }) => {
      const requestId = newRequestId();
      const log = services.logger.child({ requestId, platform: 'slack' });
      const showError = (text: string) => ack({ response_action: 'errors', errors: { [firstBlock]: text } });
      const parsed = submissionSchema.safeParse(body);
      const target = parsed.success ? readTarget(parsed.data.view.private_metadata) : undefined;
      if (!parsed.success || !target) {
        log.warn('settings modal submission without a usable payload');
        await showError('This form could not be read. Close it and open it again.');
        return;
      }
      const submission = parsed.data;
      const reading = read(submission.view.state.values);
      if (!reading.ok) {
        await ack({ response_action: 'errors', errors: reading.errors });
        return;
      }
      const workspaceId = submission.team?.id ?? submission.user.team_id ?? 'unknown';
      const origin = originOf(submission.user.id, workspaceId, target.channelId, requestId, client);
      const saving = dispatchStructured(reading.command, reading.args, reading.text, origin, services, commands);
      const closeThenTell = (outcome: DispatchOutcome) =>
        deps.track(afterClose(outcome, submission, target, workspaceId, client).catch((error: unknown) => log.error({ err: error }, 'could not confirm a settings change')));
      let outcome: DispatchOutcome | undefined;
      try {
        outcome = await within(saving, SUBMIT_ACK_BUDGET_MS);
      } catch (error) {
        log.error({ err: error }, 'settings modal submission failed');
        await showError(errorText(apologyReply(requestId)));
        return;
      }
      if (!outcome) {
        // Slow (users.info, a busy database): close the form now; the result follows in the channel.
        await ack();
        deps.track(
          saving.then(closeThenTell, async (error: unknown) => {
            log.error({ err: error }, 'settings modal submission failed');
            closeThenTell({ command: reading.command, outcome: 'failed', reply: apologyReply(requestId) });
          }),
        );
        return;
      }
      if (outcome.outcome !== 'ok') {
        await showError(errorText(outcome.reply));
        return;
      }
      await ack();
      closeThenTell(outcome);
    };
  }

  app.view(TEAM_MODAL_CALLBACK_ID, onSubmit(readTeamSubmission, TEAM_BLOCKS.rust));
  app.view(DIGEST_MODAL_CALLBACK_ID, onSubmit(readDigestSubmission, DIGEST_BLOCKS.enabled));

  // The App Home's per-channel buttons: the same command as typed, with a form where the user may change it, and
  // otherwise its text answer (the profile, a refusal) in a modal, since a Home tab has no channel to answer in.
  for (const [actionId, command] of [
    [HOME_EDIT_TEAM_ACTION, 'team'],
    [HOME_EDIT_DIGEST_ACTION, 'digest subscribe'],
  ] as const) {
    app.action(actionId, async ({ ack, body, client }) => {
      await ack();
      const requestId = newRequestId();
      const log = services.logger.child({ requestId, platform: 'slack' });
      const parsed = homeButtonSchema.safeParse(body);
      if (!parsed.success) {
        log.warn('App Home settings button without a usable payload');
        return;
      }
      const press = parsed.data;
      const channelId = press.actions[0]!.value;
      const workspaceId = press.team?.id ?? press.user.team_id ?? 'unknown';
      const showInModal = (shown: Reply) => client.views.open({ trigger_id: press.trigger_id, view: messageModal(render(shown).blocks) });
      deps.track(
        (async () => {
          const origin = { ...originOf(press.user.id, workspaceId, channelId, requestId, client), forms: true };
          const outcome = await dispatchText(command, origin, services, commands);
          if (outcome.reply.form) await openSettingsForm(client, services, press.trigger_id, outcome.reply.form, { channelId, openedFrom: 'home' });
          else await showInModal(outcome.reply);
        })().catch(async (error: unknown) => {
          log.error({ err: error }, 'App Home settings button failed');
          await Promise.resolve()
            .then(() => showInModal(apologyReply(requestId)))
            .catch((e: unknown) => log.warn({ err: e }, 'could not show the apology'));
        }),
      );
    });
  }
}
