// The Discord adapters the configuration asks for: the gateway client (DISCORD_TOKEN) and/or the HTTP
// interactions endpoint (DISCORD_PUBLIC_KEY + DISCORD_APPLICATION_ID). Both can run in one process.
import type { CommandSpec } from '../../core/command-spec.ts';
import type { Services } from '../../core/services.ts';
import type { HttpServer } from '../../http/server.ts';
import type { Adapter } from '../adapter.ts';
import { createDiscordGateway } from './gateway-adapter.ts';
import { createDiscordHttpEndpoint } from './http-interactions.ts';

export interface DiscordAdapterOptions {
  services: Services;
  commands: readonly CommandSpec[];
  http: HttpServer;
}

export function createDiscordAdapters({ services, commands, http }: DiscordAdapterOptions): Adapter[] {
  const { config } = services;
  const adapters: Adapter[] = [];
  if (config.DISCORD_PUBLIC_KEY && config.DISCORD_APPLICATION_ID) {
    adapters.push(createDiscordHttpEndpoint({ services, commands, http, publicKey: config.DISCORD_PUBLIC_KEY, applicationId: config.DISCORD_APPLICATION_ID }));
  }
  if (config.DISCORD_TOKEN) adapters.push(createDiscordGateway({ services, commands }));
  return adapters;
}
