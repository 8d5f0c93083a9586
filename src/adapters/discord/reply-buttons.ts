// A Reply's actions as Discord buttons. "Show full answer" and follow-up options carry the command to re-run in
// their custom_id when it fits in 100 characters, else an id under which store.discordActions keeps it.
import type { Reply, ReplyAction } from '../../core/reply.ts';
import type { Services } from '../../core/services.ts';
import { inlineFollowUpId, inlineShowFullId, shareButtonId, storedFollowUpId, storedShowFullId } from './button-ids.ts';
import type { MessageButton } from './message-payload.ts';
import { answerButtonId, isAnswerButtonKind } from './answer-buttons.ts';

export const shareButton: MessageButton = { label: 'Share in channel', customId: shareButtonId, primary: true };

/**
 * Buttons for the reply's actions. "share" (added by dispatch where sharing makes sense) becomes Discord's own repost
 * button, which copies the message's embeds; show_full and follow_up carry their command. A command that cannot be
 * stored loses its button, not the answer.
 */
export async function replyButtons(services: Services, reply: Reply, requestId: string): Promise<MessageButton[]> {
  const buttons: MessageButton[] = [];
  for (const action of reply.actions) {
    if (action.kind === 'share') {
      buttons.push(shareButton);
      continue;
    }
    const customId = await customIdFor(services, action).catch((error: unknown) => {
      services.logger.warn({ err: error, requestId, kind: action.kind }, 'could not store a button command');
      return undefined;
    });
    if (customId) buttons.push({ label: action.label, customId, newRow: action.kind === 'follow_up' });
  }
  // Follow-up options go on a row of their own, after the answer's other buttons (votes, "Save as ADR").
  return [...buttons.filter((b) => !b.newRow), ...buttons.filter((b) => b.newRow)];
}

async function customIdFor(services: Services, action: ReplyAction): Promise<string> {
  if (isAnswerButtonKind(action.kind)) return answerButtonId(services, action.kind, action.command);
  const inline = action.kind === 'follow_up' ? inlineFollowUpId(action.command) : inlineShowFullId(action.command);
  if (inline) return inline;
  const id = await services.store.discordActions.save(action.command, services.now());
  return action.kind === 'follow_up' ? storedFollowUpId(id) : storedShowFullId(id);
}
