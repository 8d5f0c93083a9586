// Discord's part in who may run the "manage" subcommands (team set, digest subscribe, ...); SETTINGS_ACCESS is decided
// in the core (src/core/settings-access.ts). Discord can restrict only a whole top-level command
// (default_member_permissions), so /rustvsgo stays open and this check runs per call.
import { PermissionFlagsBits } from 'discord.js';

export interface DiscordMemberFacts {
  /** Absent in DMs. */
  guildId?: string;
  userId: string;
  /** The member's resolved permissions in the channel (the interaction's bitfield), absent in DMs. */
  permissions?: bigint;
}

/** True when the member has Manage Channels (Administrator implies every permission). */
function hasManageChannels(permissions: bigint | undefined): boolean {
  if (permissions === undefined) return false;
  return (permissions & (PermissionFlagsBits.ManageChannels | PermissionFlagsBits.Administrator)) !== 0n;
}

/** Discord's answer to the core's "is this user an admin of this channel?": Manage Channels, or any DM (their own). */
export function isDiscordChannelAdmin(member: Omit<DiscordMemberFacts, 'userId'>): boolean {
  return member.guildId === undefined || hasManageChannels(member.permissions);
}

/** Parses Discord's decimal permission bitfield string; anything else counts as no permissions. */
export function parsePermissions(bitfield: string | undefined | null): bigint | undefined {
  if (bitfield === undefined || bitfield === null || !/^\d+$/.test(bitfield)) return undefined;
  return BigInt(bitfield);
}
