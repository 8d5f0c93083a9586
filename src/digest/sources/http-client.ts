// The one HTTP helper every digest source client uses: base URL, a User-Agent naming the bot, timeouts,
// conditional requests with stored validators, rate-limit waits and pacing, and zod-validated bodies.
// Failures become a SourceError whose kind tells the collector how to mark the source (never a crash).
import { z } from 'zod';

export const BOT_VERSION = '0.1.0';
export const DEFAULT_USER_AGENT = `rustvsgo/${BOT_VERSION} (+https://github.com/rustvsgo/rustvsgo)`;

/** Time as the source clients see it; tests inject a fake one so rate-limit waits and pacing take no real time. */
export interface SourceClock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: SourceClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What a conditional request needs to remember about the last 200 for a URL: validators and the body to reuse on 304. */
export const storedResponseSchema = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  body: z.string(),
});
export type StoredResponse = z.infer<typeof storedResponseSchema>;

/** Where validators live between runs (the store's source_validators table in production). */
export interface ValidatorStore {
  get(url: string): Promise<StoredResponse | undefined>;
  put(url: string, value: StoredResponse): Promise<void>;
}

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
}

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
}

/** Where every source client reports each request's result and each back-off (metrics; see src/ops). */
export interface SourceFetchObserver {
  fetched(source: string, status: 'ok' | 'not_modified' | SourceErrorKind | 'error'): void;
  waited(source: string, seconds: number): void;
}

// Process-wide, set once at start-up: the clients are built deep inside the digest code, far from Services.
let fetchObserver: SourceFetchObserver | undefined;

export function observeSourceFetches(observer: SourceFetchObserver | undefined): void {
  fetchObserver = observer;
}

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
        fetchObserver?.fetched(this.source, response.notModified ? 'not_modified' : 'ok');
        return response;
      },
      (error: unknown) => {
        fetchObserver?.fetched(this.source, error instanceof SourceError ? error.kind : 'error');
        throw error;
      },
    );
  }

  async getJson<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<{ data: z.infer<S>; notModified: boolean }> {
    const response = await this.request(path, { accept: 'application/json', ...options });
    return { data: this.parseJson(response.body, schema, path), notModified: response.notModified };
  }

  async postJson<S extends z.ZodType>(path: string, payload: unknown, schema: S): Promise<z.infer<S>> {
    const response = await this.request(path, { method: 'POST', body: JSON.stringify(payload), accept: 'application/json' });
    return this.parseJson(response.body, schema, path);
  }

  async getText(path: string, options: RequestOptions = {}): Promise<{ text: string; notModified: boolean }> {
    const response = await this.request(path, options);
    return { text: response.body, notModified: response.notModified };
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
      const response = await this.send(url, options, stored);
      this.noteRateLimitHeaders(response.headers);

      if (response.status === 304 && stored) {
        return { status: 304, body: stored.body, headers: response.headers, notModified: true };
      }
      if (response.status >= 200 && response.status < 300) {
        const body = await response.text();
        if (options.conditional && this.options.validators) {
          const etag = response.headers.get('etag') ?? undefined;
          const lastModified = response.headers.get('last-modified') ?? undefined;
          if (etag || lastModified) await this.options.validators.put(url, { etag, lastModified, body });
        }
        return { status: response.status, body, headers: response.headers, notModified: false };
      }

      let waitMs = this.rateLimitWait(response);
      if (waitMs === undefined && response.status === 403) {
        // GitHub's secondary limit can arrive as a bare 403 whose message says so: wait at least a minute.
        const text = await response.text().catch(() => '');
        if (/secondary rate limit|rate limit exceeded/i.test(text)) waitMs = DEFAULT_SECONDARY_WAIT_MS;
      } else {
        await response.body?.cancel().catch(() => undefined);
      }
      if (waitMs !== undefined) {
        if (waitMs > (this.options.maxRateLimitWaitMs ?? 60_000) || attempt >= MAX_RATE_LIMIT_RETRIES) {
          this.blockedUntil = Math.max(this.blockedUntil, this.clock.now() + waitMs);
          throw new SourceError(this.source, 'rate_limited', `rate limited (HTTP ${response.status}) until ${new Date(this.clock.now() + waitMs).toISOString()}`, response.status);
        }
        fetchObserver?.waited(this.source, waitMs / 1000);
        await this.clock.sleep(waitMs);
        continue;
      }
      if (response.status === 404 || response.status === 410) {
        throw new SourceError(this.source, 'not_found', `${path} not found (HTTP ${response.status})`, response.status);
      }
      throw new SourceError(this.source, 'unavailable', `${path} answered HTTP ${response.status}`, response.status);
    }
  }

  private async send(url: string, options: RequestOptions, stored: StoredResponse | undefined): Promise<Response> {
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent ?? DEFAULT_USER_AGENT,
      ...this.options.headers,
    };
    if (options.accept) headers.accept = options.accept;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (stored?.etag) headers['if-none-match'] = stored.etag;
    if (stored?.lastModified) headers['if-modified-since'] = stored.lastModified;
    try {
      const response = await fetch(url, {
        method: options.method ?? 'GET',
        headers,
        body: options.body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
        redirect: 'follow',
      });
      this.connectionFailures = 0;
      return response;
    } catch (error) {
      this.connectionFailures += 1;
      const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'could not be reached';
      throw new SourceError(this.source, 'unavailable', `${url.replace(/\?.*$/, '')} ${reason}`);
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
