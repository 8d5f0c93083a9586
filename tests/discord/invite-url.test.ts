// The invite URL asks for exactly the documented scopes and permissions, and docs/discord.md shows the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PermissionsBitField } from 'discord.js';
import { invitePermissions, inviteUrl } from '../../src/adapters/discord/invite-url.ts';

describe('invite URL', () => {
  it('has the bot and applications.commands scopes and the six permissions', () => {
    const url = new URL(inviteUrl('123'));
    expect(url.searchParams.get('client_id')).toBe('123');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    expect(new PermissionsBitField(BigInt(url.searchParams.get('permissions')!)).toArray().sort()).toEqual(
      ['CreatePublicThreads', 'EmbedLinks', 'ReadMessageHistory', 'SendMessages', 'SendMessagesInThreads', 'ViewChannel'].sort(),
    );
  });

  it('matches the URL in docs/discord.md', () => {
    const docs = readFileSync(new URL('../../docs/discord.md', import.meta.url), 'utf8');
    expect(docs).toContain(`scope=bot+applications.commands&permissions=${invitePermissions}`);
  });
});
