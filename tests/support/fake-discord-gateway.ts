// A loopback stand-in for Discord's gateway (WebSocket, JSON encoding, no compression), enough for discord.js to
// log in sharded: HELLO, IDENTIFY with [shard, count], READY with the guilds of that shard (guild_id >> 22 mod
// count, Discord's rule), GUILD_CREATE for each, heartbeat ACKs, and MESSAGE_CREATE dispatched to the one shard
// that owns the message's guild. The WebSocket framing is written here (text frames only) so the test needs no
// package beyond the project's own.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface FakeGuild {
  id: string;
  channelId: string;
}

interface IdentifiedShard {
  shard: [number, number];
  token: string;
}

export interface FakeDiscordGateway {
  /** ws:// URL to return from GET /gateway/bot. */
  url: string;
  /** Every IDENTIFY received, in order. */
  readonly identified: IdentifiedShard[];
  /** Resolves once `count` shards are identified and have had their guilds. */
  ready(count: number): Promise<void>;
  /** Sends a message in a guild's channel to the shard that owns the guild; returns that shard's id. */
  sendMessage(guild: FakeGuild, message: { id: string; content: string; authorId: string; mentions: { id: string; username: string }[] }): number;
  close(): Promise<void>;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

function encodeText(text: string): Buffer {
  const payload = Buffer.from(text);
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x81, length]) : length < 65_536 ? Buffer.from([0x81, 126, length >> 8, length & 0xff]) : Buffer.alloc(10);
  if (length >= 65_536) {
    header[0] = 0x81;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

/** Splits client frames (always masked) off the front of `buffer`; returns the complete ones and the rest. */
function decodeFrames(buffer: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let offset = 0;
  while (buffer.length - offset >= 2) {
    const opcode = buffer[offset]! & 0x0f;
    let length = buffer[offset + 1]! & 0x7f;
    let cursor = offset + 2;
    if (length === 126) {
      if (buffer.length < cursor + 2) break;
      length = buffer.readUInt16BE(cursor);
      cursor += 2;
    } else if (length === 127) {
      if (buffer.length < cursor + 8) break;
      length = Number(buffer.readBigUInt64BE(cursor));
      cursor += 8;
    }
    if (buffer.length < cursor + 4 + length) break;
    const mask = buffer.subarray(cursor, cursor + 4);
    const payload = Buffer.from(buffer.subarray(cursor + 4, cursor + 4 + length));
    for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
    frames.push({ opcode, payload });
    offset = cursor + 4 + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

export async function startFakeDiscordGateway(options: { botId: string; guilds: FakeGuild[] }): Promise<FakeDiscordGateway> {
  const identified: IdentifiedShard[] = [];
  const shards = new Map<number, { socket: Duplex; sequence: number; count: number }>();
  const readyWaiters: { count: number; resolve: () => void }[] = [];
  const sockets = new Set<Duplex>();

  const send = (socket: Duplex, payload: unknown) => socket.write(encodeText(JSON.stringify(payload)));
  const dispatch = (shardId: number, type: string, data: unknown) => {
    const shard = shards.get(shardId);
    if (!shard) throw new Error(`fake gateway: shard ${shardId} is not connected`);
    shard.sequence += 1;
    send(shard.socket, { op: 0, t: type, s: shard.sequence, d: data });
  };

  function onIdentify(socket: Duplex, data: { token: string; shard?: [number, number] }): void {
    const [shardId, count] = data.shard ?? [0, 1];
    identified.push({ shard: [shardId, count], token: data.token });
    shards.set(shardId, { socket, sequence: 0, count });
    const mine = options.guilds.filter((g) => shardOf(g.id, count) === shardId);
    dispatch(shardId, 'READY', {
      v: 10,
      user: { id: options.botId, username: 'rustvsgo', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
      guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
      session_id: `session-${shardId}`,
      resume_gateway_url: url,
      shard: [shardId, count],
      application: { id: options.botId, flags: 0 },
    });
    for (const guild of mine) {
      dispatch(shardId, 'GUILD_CREATE', {
        id: guild.id,
        name: `guild ${guild.id}`,
        icon: null,
        owner_id: '1',
        roles: [{ id: guild.id, name: '@everyone', permissions: '274877975552', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
        emojis: [],
        features: [],
        channels: [{ id: guild.channelId, type: 0, guild_id: guild.id, name: 'general', position: 0, permission_overwrites: [] }],
        threads: [],
        members: [],
        member_count: 2,
        joined_at: '2026-01-01T00:00:00.000Z',
        large: false,
        unavailable: false,
      });
    }
    const connected = shards.size;
    for (const waiter of [...readyWaiters]) {
      if (connected >= waiter.count) {
        readyWaiters.splice(readyWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  const server: Server = createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', (req, socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${GUID}`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    send(socket, { op: 10, d: { heartbeat_interval: 41_250 } });
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = decodeFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const frame of frames) {
        if (frame.opcode === 0x8) {
          socket.end(Buffer.from([0x88, 0]));
          continue;
        }
        if (frame.opcode !== 0x1) continue;
        const payload = JSON.parse(frame.payload.toString('utf8')) as { op: number; d: unknown };
        if (payload.op === 1) send(socket, { op: 11 });
        else if (payload.op === 2) onIdentify(socket, payload.d as { token: string; shard?: [number, number] });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    identified,
    ready(count) {
      if (shards.size >= count) return Promise.resolve();
      return new Promise((resolve) => readyWaiters.push({ count, resolve }));
    },
    sendMessage(guild, message) {
      const [anyShard] = [...shards.values()];
      const shardId = shardOf(guild.id, anyShard?.count ?? 1);
      dispatch(shardId, 'MESSAGE_CREATE', {
        id: message.id,
        channel_id: guild.channelId,
        guild_id: guild.id,
        author: { id: message.authorId, username: 'asker', discriminator: '0', global_name: null, avatar: null },
        member: { roles: [], joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
        content: message.content,
        timestamp: '2026-11-27T10:00:00.000Z',
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: message.mentions.map((m) => ({ ...m, discriminator: '0', global_name: null, avatar: null, bot: m.id === options.botId })),
        mention_roles: [],
        attachments: [],
        embeds: [],
        pinned: false,
        type: 0,
        flags: 0,
      });
      return shardId;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
