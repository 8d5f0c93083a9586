// The invite link with exactly the scopes and permissions the bot uses (docs/discord.md explains each).
import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

const inviteScopes = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

/** Read and answer in channels and threads, start a thread from a mention, and show embeds. */
const invitePermissionNames = ['ViewChannel', 'SendMessages', 'SendMessagesInThreads', 'CreatePublicThreads', 'EmbedLinks', 'ReadMessageHistory'] as const;

export const invitePermissions: bigint = invitePermissionNames.reduce((bits, name) => bits | PermissionFlagsBits[name], 0n);

export function inviteUrl(applicationId: string): string {
  const query = new URLSearchParams({ client_id: applicationId, scope: inviteScopes.join(' '), permissions: invitePermissions.toString() });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}
