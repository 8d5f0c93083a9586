// Slack payloads as Slack sends them (Events API envelopes, block_actions), for signed requests and processEvent.
export function appMentionEnvelope(fields: { text: string; eventId: string; ts?: string; threadTs?: string; user?: string; teamId?: string; channel?: string }) {
  return {
    token: 'deprecated',
    team_id: fields.teamId ?? 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: fields.eventId,
    event_time: 1_764_237_600,
    authorizations: [{ team_id: fields.teamId ?? 'T1', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    event: {
      type: 'app_mention',
      user: fields.user ?? 'U1',
      text: fields.text,
      ts: fields.ts ?? '1764237600.000100',
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
      channel: fields.channel ?? 'C1',
      event_ts: fields.ts ?? '1764237600.000100',
    },
  };
}

export function blockAction(fields: {
  actionId: string;
  value: string;
  responseUrl?: string;
  messageTs?: string;
  threadTs?: string;
  user?: string;
  channel?: string;
}) {
  return {
    type: 'block_actions',
    user: { id: fields.user ?? 'U1', username: 'alice', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'deprecated',
    team: { id: 'T1', domain: 'test' },
    channel: { id: fields.channel ?? 'C1', name: 'backend' },
    container: { type: 'message', message_ts: fields.messageTs ?? '1764237600.000200', channel_id: fields.channel ?? 'C1', is_ephemeral: !fields.messageTs },
    trigger_id: '1.2.3',
    ...(fields.messageTs ? { message: { type: 'message', ts: fields.messageTs, ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}), text: 'x' } } : {}),
    ...(fields.responseUrl ? { response_url: fields.responseUrl } : {}),
    actions: [{ type: 'button', action_id: fields.actionId, block_id: 'b1', value: fields.value, text: { type: 'plain_text', text: 'x' }, action_ts: '1764237601.1' }],
  };
}
