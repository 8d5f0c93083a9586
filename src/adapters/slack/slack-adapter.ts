// The Slack adapter: a Bolt App on the shared HTTP server (POST /slack/events, signature-checked) or over Socket
// Mode (SLACK_APP_TOKEN), for one workspace (SLACK_BOT_TOKEN) or many (OAuth, installations in the database).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, type Authorize, type webApi } from '@slack/bolt';
import type { Config } from '../../config/env.ts';
import { configuredPlatforms } from '../../config/platforms.ts';
import type { CommandSpec } from '../../core/command-spec.ts';
import type { Services } from '../../core/services.ts';
import type { HttpServer } from '../../http/server.ts';
import type { Adapter } from '../adapter.ts';
import { boltLogger } from './bolt-logger.ts';
import { databaseInstallationStore } from './installation-store.ts';
import { registerSlackListeners } from './listeners.ts';
import { guardSlackRequest, SLACK_BODY_LIMIT_BYTES } from './request-guard.ts';
import { slackBotScopes } from './scopes.ts';
import { SeenEvents } from './seen-events.ts';
import { singleWorkspaceAuthorize } from './single-workspace-authorize.ts';

const SLACK_PATHS = { events: '/slack/events', install: '/slack/install', oauthRedirect: '/slack/oauth_redirect' } as const;

export interface SlackAdapterOptions {
  config: Config;
  services: Services;
  http: HttpServer;
  commands: readonly CommandSpec[];
  /** Web API client settings on top of the defaults (tests pass retryConfig { retries: 0 }). */
  clientOptions?: webApi.WebClientOptions;
}

export interface SlackAdapter extends Adapter {
  /** The Bolt app, for tests that inject events through app.processEvent. */
  readonly app: App;
  readonly connection: 'http' | 'socket';
  readonly auth: 'single-workspace' | 'oauth';
}

class SlackConfigError extends Error {}

export function createSlackAdapter({ config, services, http, commands, clientOptions: extraClientOptions }: SlackAdapterOptions): SlackAdapter {
  const logger = boltLogger(services.logger);
  const platforms = configuredPlatforms(config);
  const connection = platforms.slackConnection;
  const oauth = platforms.slackOAuth;
  if (!oauth && !config.SLACK_BOT_TOKEN) throw new SlackConfigError('Slack needs SLACK_BOT_TOKEN, or SLACK_CLIENT_ID + SLACK_CLIENT_SECRET + SLACK_STATE_SECRET');
  if (connection === 'http' && !config.SLACK_SIGNING_SECRET) throw new SlackConfigError('Slack over HTTP needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)');
  if (oauth && config.SLACK_BOT_TOKEN) services.logger.warn('both SLACK_BOT_TOKEN and OAuth variables are set; using OAuth installations');
  if (oauth && !config.SLACK_TOKEN_ENCRYPTION_KEY) {
    services.logger.warn('SLACK_TOKEN_ENCRYPTION_KEY is not set: Slack installation tokens are stored in plain text (see docs/slack.md)');
  }

  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: config.SLACK_API_URL,
    // A handful of quick retries: the default (10 over ~30 minutes) would hold an answer far past its use.
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000 },
    timeout: 10_000,
    ...extraClientOptions,
  };
  const oauthOptions = oauth
    ? {
        clientId: config.SLACK_CLIENT_ID!,
        clientSecret: config.SLACK_CLIENT_SECRET!,
        // State is a JWT signed with this secret (plus a browser cookie), so any replica can finish an install.
        stateSecret: config.SLACK_STATE_SECRET!,
        installationStore: databaseInstallationStore(services.store.slackInstallations, services.now),
        scopes: slackBotScopes(config.SLACK_DIGEST_HISTORY_CHECK),
        installerOptions: {
          directInstall: true,
          installPath: SLACK_PATHS.install,
          redirectUriPath: SLACK_PATHS.oauthRedirect,
          clientOptions,
        },
      }
    : {};

  // HTTP mode: one receiver takes events and the OAuth pages. Socket Mode: events come over the socket, and the
  // OAuth pages (if any) are served by an events-less HTTPReceiver on the shared server, because Bolt's
  // SocketModeReceiver would open a port of its own for them.
  const httpReceiver =
    connection === 'http'
      ? new HTTPReceiver({ signingSecret: config.SLACK_SIGNING_SECRET!, endpoints: SLACK_PATHS.events, logger, bodyLimit: SLACK_BODY_LIMIT_BYTES, ...oauthOptions })
      : oauth
        ? new HTTPReceiver({ signingSecret: '', signatureVerification: false, endpoints: [], logger, ...oauthOptions })
        : undefined;
  const socketReceiver =
    connection === 'socket' ? new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN!, logger, installerOptions: { clientOptions } }) : undefined;

  // auth.test runs through the app's client (first called after the app exists, in start() or on an event).
  const single = oauth ? undefined : singleWorkspaceAuthorize(config.SLACK_BOT_TOKEN!, (token) => app.client.auth.test({ token }));
  const authorize: Authorize<boolean> | undefined =
    single ?? (connection === 'socket' ? (source) => httpReceiver!.installer!.authorize(source) : undefined);
  const app: App = new App({
    receiver: socketReceiver ?? httpReceiver!,
    ...(connection === 'socket' ? { socketMode: true } : {}),
    // With OAuth over HTTP, Bolt authorizes through the receiver's installer itself.
    ...(authorize ? { authorize } : {}),
    logger,
    clientOptions,
    convoStore: false,
  });
  app.error(async (error) => {
    services.logger.error({ err: error, platform: 'slack' }, 'slack event failed');
  });

  let started = false;
  let stopping = false;
  let socketConnected = false;
  const inFlight = new Set<Promise<unknown>>();
  registerSlackListeners(app, {
    services,
    commands,
    seenEvents: new SeenEvents(),
    ...(oauth ? { forgetInstallation: (key) => services.store.slackInstallations.delete(key) } : {}),
    track(work) {
      // Background work that fails is logged here, never left as an unhandled rejection (which ends the process).
      const settled = work.catch((error: unknown) => services.logger.error({ err: error, platform: 'slack' }, 'slack background work failed'));
      inFlight.add(settled);
      void settled.finally(() => inFlight.delete(settled));
    },
  });

  socketReceiver?.client.on('connected', () => (socketConnected = true));
  socketReceiver?.client.on('disconnected', () => (socketConnected = false));

  http.route('*', '/slack/*', async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (stopping) return plain(res, 503, 'shutting down\n');
    const events = path === SLACK_PATHS.events && connection === 'http';
    const handles = events || (oauth && (path === SLACK_PATHS.install || path === SLACK_PATHS.oauthRedirect));
    if (!handles || !httpReceiver) return plain(res, 404, 'not found\n');
    if (events && req.method === 'POST') {
      const guard = await guardSlackRequest(req, {
        signingSecret: config.SLACK_SIGNING_SECRET!,
        // The wall clock, as Slack's signatures (and Bolt's own check) use: services.now may be pinned in tests.
        now: () => new Date(),
        firstSighting: (signature, expiresAt, now) => services.store.seenSignatures.firstSighting(signature, expiresAt, now),
        onReplayCheckFailed: (error) => services.logger.warn({ err: error, platform: 'slack' }, 'replay check unavailable; request handled'),
      });
      if (!guard.ok) {
        services.logger.info({ platform: 'slack', status: guard.status, reason: guard.reason }, 'slack request refused');
        return plain(res, guard.status, guard.status === 200 ? '' : `${guard.reason}\n`);
      }
      // Bolt reuses an already-read body (rawBody) instead of reading the stream again.
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = guard.body;
    }
    try {
      httpReceiver.requestListener(req, res);
    } catch {
      // Bolt throws for a method it does not serve on a known path (e.g. POST /slack/install).
      plain(res, 405, 'method not allowed\n');
    }
  });

  return {
    name: 'slack',
    app,
    connection,
    auth: oauth ? 'oauth' : 'single-workspace',
    isReady: () => started && !stopping && (connection === 'http' || socketConnected),
    async start() {
      if (connection === 'socket') await app.start();
      started = true;
      // Learn the bot's identity now rather than on the first event; a failure is retried on the next event.
      await single?.warmUp().catch((error: unknown) => services.logger.warn({ err: error }, 'slack auth.test failed; will retry on the next event'));
      services.logger.info({ connection, auth: oauth ? 'oauth' : 'single-workspace' }, 'slack adapter started');
    },
    async stop() {
      stopping = true;
      if (connection === 'socket' && started) await app.stop().catch(() => undefined);
      await Promise.allSettled([...inFlight]);
    },
  };
}

function plain(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
}
