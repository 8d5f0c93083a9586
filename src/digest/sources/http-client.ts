// The one HTTP helper every digest source client uses: base URL, a User-Agent naming the bot, timeouts,
// conditional requests with stored validators, rate-limit waits and pacing, and zod-validated bodies.
// Failures become a SourceError whose kind tells the collector how to mark the source (never a crash).
import { z } from 'zod';
import type { Observer } from '../../core/observer.ts';
import type { StoredResponse, ValidatorStore } from '../../store/source-validators.ts';

const BOT_VERSION = '0.1.0';
export const DEFAULT_USER_AGENT = `rustvsgo/${BOT_VERSION} (+https://github.com/rustvsgo/rustvsgo)`;

/** Time as the source clients see it; tests inject a fake one so rate-limit waits and pacing take no real time. */
export interface SourceClock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

const systemClock: SourceClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function memoryValidatorStore(): ValidatorStore & { entries: Map<string, StoredResponse> } {
  const entries = new Map<string, StoredResponse>();
  return {
    entries,
    get: async (url) => entries.get(url),
    put: async (url, value) => {
      entries.set(url, value);
    },
  };
}

export type SourceErrorKind = 'unavailable' | 'rate_limited' | 'malformed' | 'not_found';

export class SourceError extends Error {
  constructor(
    readonly source: string,
    readonly kind: SourceErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(`${source}: ${message}`);
    this.name = 'SourceError';
  }
}

export interface HttpClientOptions {
  /** Short name used in errors and source status, e.g. "github". */
  source: string;
  baseUrl: string;
  userAgent?: string;
  timeoutMs?: number;
  clock?: SourceClock;
  validators?: ValidatorStore;
  /** Minimum gap between request starts (crates.io asks for at most one request a second). */
  minIntervalMs?: number;
  /** Longest wait the client accepts when told to back off; beyond it the source is marked rate-limited. */
  maxRateLimitWaitMs?: number;
  headers?: Record<string, string>;
  /** Largest body accepted, checked against Content-Length and while reading (default MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /** Aborts every request once fired: the whole collection's deadline (see collectWeek). */
  deadline?: AbortSignal;
  /** Where each request's result and each back-off is reported (the running bot's metrics). */
  observer?: SourceFetchObserver;
}

/**
 * The largest body a source may send. The biggest real answer (go.dev's /dl/?mode=json) is a few hundred KB; a
 * hostile or broken source answering 50 MB must cost neither memory nor database space (issue 14).
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface RequestOptions {
  /** Send If-None-Match / If-Modified-Since and reuse the stored body on 304. */
  conditional?: boolean;
  accept?: string;
  method?: 'GET' | 'POST';
  body?: string;
}

export interface HttpResponse {
  status: number;
  body: string;
  headers: Headers;
  /** True when the server answered 304 and the body is the stored one. */
  notModified: boolean;
  /**
   * Stores this response's validators (ETag, Last-Modified) with its body for the next conditional request. Callers
   * run it only after the body parsed: a body that failed to parse must not be reused on a later 304.
   */
  remember(): Promise<void>;
}

const nothingToRemember = async (): Promise<void> => undefined;

/** Where every source client reports each request's result and each back-off (the bot's metrics; see src/ops). */
export type SourceFetchObserver = Pick<Observer, 'sourceFetched' | 'rateLimitWaited'>;


const MAX_RATE_LIMIT_RETRIES = 2;
/** After this many connection failures in a row, a source is treated as down for the rest of the run. */
const MAX_CONSECUTIVE_CONNECTION_FAILURES = 3;
// GitHub: "If the retry-after header is not present ... wait for at least one minute".
const DEFAULT_SECONDARY_WAIT_MS = 60_000;

export class HttpClient {
  readonly source: string;
  private readonly baseUrl: string;
  private readonly clock: SourceClock;
  private readonly options: HttpClientOptions;
  private lastStartAt: number | undefined;
  /** Set when the server said the budget is spent; requests before this instant wait or fail fast. */
  private blockedUntil = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private connectionFailures = 0;

  constructor(options: HttpClientOptions) {
    this.options = options;
    this.source = options.source;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.clock = options.clock ?? systemClock;
  }

  url(path: string): string {
    if (path === '') return this.baseUrl;
    return `${this.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  /** Requests run one after another per client, which is what makes pacing and back-off meaningful. */
  request(path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const run = this.queue.then(() => this.requestNow(path, options));
    this.queue = run.catch(() => undefined);
    return run.then(
      (response) => {
        this.options.observer?.sourceFetched(this.source, response.notModified ? 'not_modified' : 'ok');
        return response;
      },
      (error: unknown) => {
        this.options.observer?.sourceFetched(this.source, error instanceof SourceError ? error.kind : 'error');
        throw error;
      },
    );
  }

  async getJson<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<{ data: z.infer<S>; notModified: boolean }> {
    const response = await this.request(path, { accept: 'application/json', ...options });
    const data = this.parseJson(response.body, schema, path);
    await response.remember();
    return { data, notModified: response.notModified };
  }

  async postJson<S extends z.ZodType>(path: string, payload: unknown, schema: S): Promise<z.infer<S>> {
    const response = await this.request(path, { method: 'POST', body: JSON.stringify(payload), accept: 'application/json' });
    return this.parseJson(response.body, schema, path);
  }

  /** The body as text; the caller parses it and then calls remember() (see HttpResponse.remember). */
  async getText(path: string, options: RequestOptions = {}): Promise<{ text: string; notModified: boolean; remember(): Promise<void> }> {
    const response = await this.request(path, options);
    return { text: response.body, notModified: response.notModified, remember: response.remember };
  }

  parseJson<S extends z.ZodType>(body: string, schema: S, path: string): z.infer<S> {
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      throw new SourceError(this.source, 'malformed', `${path} did not return JSON`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new SourceError(this.source, 'malformed', `${path} returned an unexpected shape (${first?.path.join('.') || 'root'}: ${first?.message ?? 'invalid'})`);
    }
    return parsed.data;
  }

  private async requestNow(path: string, options: RequestOptions): Promise<HttpResponse> {
    const url = this.url(path);
    if (this.connectionFailures >= MAX_CONSECUTIVE_CONNECTION_FAILURES) {
      // A source that cannot be reached is not asked again in this run: no minutes of timeouts and pacing.
      throw new SourceError(this.source, 'unavailable', `skipped ${url.replace(/\?.*$/, '')}: the source could not be reached ${this.connectionFailures} times in a row`);
    }
    const stored = options.conditional && this.options.validators ? await this.options.validators.get(url) : undefined;
    for (let attempt = 0; ; attempt += 1) {
      await this.waitForBudget();
      await this.pace();
      const { response, signal, done } = await this.send(url, options, stored);
      try {
        this.noteRateLimitHeaders(response.headers);

        if (response.status === 304 && stored) {
          this.connectionFailures = 0;
          await response.body?.cancel().catch(() => undefined);
          return { status: 304, body: stored.body, headers: response.headers, notModified: true, remember: nothingToRemember };
        }
        if (response.status >= 200 && response.status < 300) {
          const body = await this.readBody(url, response, signal);
          this.connectionFailures = 0;
          const validators = this.options.validators;
          const etag = response.headers.get('etag') ?? undefined;
          const lastModified = response.headers.get('last-modified') ?? undefined;
          const remember =
            options.conditional && validators && (etag || lastModified) ? () => validators.put(url, { etag, lastModified, body }) : nothingToRemember;
          return { status: response.status, body, headers: response.headers, notModified: false, remember };
        }
        // A refusal is an answer: the source is reachable.
        this.connectionFailures = 0;
        const result = await this.refusal(url, path, response, signal, attempt);
        if (result !== 'retry') throw result;
      } finally {
        done();
      }
    }
  }

  /** What a non-2xx answer means: wait and try again, or the SourceError to throw. */
  private async refusal(url: string, path: string, response: Response, signal: AbortSignal, attempt: number): Promise<'retry' | SourceError> {
    let waitMs = this.rateLimitWait(response);
    if (waitMs === undefined && response.status === 403) {
      // GitHub's secondary limit can arrive as a bare 403 whose message says so: wait at least a minute.
      const text = await this.readBody(url, response, signal).catch(() => '');
      if (/secondary rate limit|rate limit exceeded/i.test(text)) waitMs = DEFAULT_SECONDARY_WAIT_MS;
    } else {
      await response.body?.cancel().catch(() => undefined);
    }
    if (waitMs !== undefined) {
      if (waitMs > (this.options.maxRateLimitWaitMs ?? 60_000) || attempt >= MAX_RATE_LIMIT_RETRIES) {
        this.blockedUntil = Math.max(this.blockedUntil, this.clock.now() + waitMs);
        throw new SourceError(this.source, 'rate_limited', `rate limited (HTTP ${response.status}) until ${new Date(this.clock.now() + waitMs).toISOString()}`, response.status);
      }
      this.options.observer?.rateLimitWaited(this.source, waitMs / 1000);
      await this.clock.sleep(waitMs);
      return 'retry';
    }
    if (response.status === 404 || response.status === 410) {
      return new SourceError(this.source, 'not_found', `${path} not found (HTTP ${response.status})`, response.status);
    }
    return new SourceError(this.source, 'unavailable', `${path} answered HTTP ${response.status}`, response.status);
  }

  /**
   * Reads a 2xx body as UTF-8 text, refusing one larger than the cap (by Content-Length before reading, and by
   * counting while reading) and one that stalls past the request's time limit. A stalled body counts as a
   * connection failure toward the run's cutoff, like a connection that times out.
   */
  private async readBody(url: string, response: Response, signal: AbortSignal): Promise<string> {
    const cap = this.options.maxBodyBytes ?? MAX_BODY_BYTES;
    const shown = url.replace(/\?.*$/, '');
    const tooLarge = () => new SourceError(this.source, 'malformed', `${shown} sent a body larger than ${formatBytes(cap)}; ignored`, response.status);
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > cap) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    if (!response.body) return '';
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > cap) {
          await reader.cancel().catch(() => undefined);
          throw tooLarge();
        }
        chunks.push(value);
      }
    } catch (error) {
      if (error instanceof SourceError) throw error;
      await reader.cancel().catch(() => undefined);
      this.connectionFailures += 1;
      throw new SourceError(this.source, 'unavailable', `${shown} ${abortReason(signal, 'stopped sending the body')}`);
    }
    return new TextDecoder().decode(Buffer.concat(chunks));
  }

  /**
   * Starts the request. One time limit covers the headers and the body (a source that answers headers and then
   * trickles the body is as slow as one that never answers), and the collection's deadline, when set, cuts both.
   * `done` releases the timer once the body is read.
   */
  private async send(url: string, options: RequestOptions, stored: StoredResponse | undefined): Promise<{ response: Response; signal: AbortSignal; done: () => void }> {
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent ?? DEFAULT_USER_AGENT,
      ...this.options.headers,
    };
    if (options.accept) headers.accept = options.accept;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (stored?.etag) headers['if-none-match'] = stored.etag;
    if (stored?.lastModified) headers['if-modified-since'] = stored.lastModified;
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    const limit = new AbortController();
    const timer = setTimeout(() => limit.abort(new DOMException(`no complete answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
    const signal = this.options.deadline ? AbortSignal.any([limit.signal, this.options.deadline]) : limit.signal;
    const done = () => clearTimeout(timer);
    try {
      // Headers alone do not reset the failure count: a body that then stalls is a failure too (see readBody).
      const response = await fetch(url, { method: options.method ?? 'GET', headers, body: options.body, signal, redirect: 'follow' });
      return { response, signal, done };
    } catch (error) {
      done();
      this.connectionFailures += 1;
      throw new SourceError(this.source, 'unavailable', `${url.replace(/\?.*$/, '')} ${abortReason(signal, describeFetchFailure(error))}`);
    }
  }

  private async pace(): Promise<void> {
    const interval = this.options.minIntervalMs ?? 0;
    if (interval > 0 && this.lastStartAt !== undefined) {
      const wait = this.lastStartAt + interval - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
    }
    this.lastStartAt = this.clock.now();
  }

  private async waitForBudget(): Promise<void> {
    const wait = this.blockedUntil - this.clock.now();
    if (wait <= 0) return;
    if (wait > (this.options.maxRateLimitWaitMs ?? 60_000)) {
      throw new SourceError(this.source, 'rate_limited', `rate limited until ${new Date(this.blockedUntil).toISOString()}`);
    }
    await this.clock.sleep(wait);
  }

  /** A spent budget on a successful response (remaining 0) means the next request would be refused: remember the reset. */
  private noteRateLimitHeaders(headers: Headers): void {
    if (headers.get('x-ratelimit-remaining') === '0') {
      const reset = Number(headers.get('x-ratelimit-reset'));
      if (Number.isFinite(reset) && reset > 0) this.blockedUntil = Math.max(this.blockedUntil, reset * 1000);
    }
  }

  /** How long the server asked us to wait, or undefined when the response is not a rate limit. */
  private rateLimitWait(response: Response): number | undefined {
    if (response.status !== 403 && response.status !== 429) return undefined;
    const retryAfter = response.headers.get('retry-after');
    if (retryAfter !== null) {
      const seconds = Number(retryAfter);
      if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
      const date = Date.parse(retryAfter);
      if (Number.isFinite(date)) return Math.max(0, date - this.clock.now());
    }
    if (response.headers.get('x-ratelimit-remaining') === '0') {
      const reset = Number(response.headers.get('x-ratelimit-reset'));
      if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - this.clock.now());
    }
    // A 403 without rate-limit signs is a refusal (e.g. crates.io's crawler policy), not a back-off.
    return response.status === 429 ? DEFAULT_SECONDARY_WAIT_MS : undefined;
  }
}

/** Why a request stopped: the collection's deadline, the request's time limit, or what the caller saw. */
function abortReason(signal: AbortSignal, otherwise: string): string {
  if (!signal.aborted) return otherwise;
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError' && reason.message.startsWith('no complete answer')) {
    return otherwise === 'stopped sending the body' ? `timed out while sending the body (${reason.message})` : `timed out (${reason.message})`;
  }
  return `was cut off: ${reason instanceof Error ? reason.message : 'the collection deadline passed'}`;
}

/** fetch says only "fetch failed"; the cause says what happened. A redirect loop is named as one. */
function describeFetchFailure(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { message?: string; code?: string } | undefined) : undefined;
  if (cause?.message && /redirect count exceeded/i.test(cause.message)) return 'redirected too many times (a redirect loop)';
  return 'could not be reached';
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}
