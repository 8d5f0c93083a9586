// Runs the gateway client sharded with discord.js's ShardingManager (`npx tsx scripts/discord-shards.ts`):
// one child process per shard, each a normal `src/main.ts` (discord.js reads SHARDS and SHARD_COUNT from its
// environment). Shard n serves health and metrics on PORT + n so the children never fight over one port.
import { fileURLToPath } from 'node:url';
import { ShardingManager } from 'discord.js';
import { loadConfig } from '../src/config/load-config.ts';

const config = loadConfig();
if (!config.DISCORD_TOKEN) {
  process.stderr.write('discord-shards: set DISCORD_TOKEN (see docs/discord.md)\n');
  process.exit(2);
}

const manager = new ShardingManager(fileURLToPath(new URL('../src/main.ts', import.meta.url)), {
  token: config.DISCORD_TOKEN,
  // Discord's recommended count (GET /gateway/bot); sharding is required from 2,500 guilds.
  totalShards: 'auto',
  execArgv: ['--import', 'tsx'],
  respawn: true,
});

manager.on('shardCreate', (shard) => {
  // Shard#env is the environment the child is forked with (typed as unknown in discord.js).
  (shard.env as NodeJS.ProcessEnv).PORT = String(config.PORT + shard.id);
  process.stdout.write(`discord-shards: shard ${shard.id} starting (port ${config.PORT + shard.id})\n`);
});

await manager.spawn();
