// Who may run the "manage" subcommands (team set, digest subscribe, ...) on Discord. Discord can restrict only
// a whole top-level command (default_member_permissions), so /rustvsgo stays open and this check runs per call.
import { PermissionFlagsBits } from 'discord.js';
import type { Config } from '../../config/env.ts';

export interface DiscordMemberFacts {
  /** Absent in DMs. */
  guildId?: string;
  userId: string;
  /** The member's resolved permissions in the channel (the interaction's bitfield), absent in DMs. */
  permissions?: bigint;
}

/** True when the member has Manage Channels (Administrator implies every permission). */
export function hasManageChannels(permissions: bigint | undefined): boolean {
  if (permissions === undefined) return false;
  return (permissions & (PermissionFlagsBits.ManageChannels | PermissionFlagsBits.Administrator)) !== 0n;
}

/**
 * SETTINGS_ACCESS decides: "everyone", "listed" (SETTINGS_USER_IDS) or "admins" (Manage Channels in the
 * channel). In a DM the settings are the user's own, so "admins" lets them through.
 */
export function discordCanManage(config: Pick<Config, 'SETTINGS_ACCESS' | 'SETTINGS_USER_IDS'>, member: DiscordMemberFacts): boolean {
  switch (config.SETTINGS_ACCESS) {
    case 'everyone':
      return true;
    case 'listed':
      return config.SETTINGS_USER_IDS.includes(member.userId);
    case 'admins':
      return member.guildId === undefined || hasManageChannels(member.permissions);
  }
}

/** Parses Discord's decimal permission bitfield string; anything else counts as no permissions. */
export function parsePermissions(bitfield: string | undefined | null): bigint | undefined {
  if (bitfield === undefined || bitfield === null || !/^\d+$/.test(bitfield)) return undefined;
  return BigInt(bitfield);
}
