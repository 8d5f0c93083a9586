// Builds the set of source clients a collection uses from configuration: base URLs from the environment (the
// real services by default, a local fake server in tests), one shared validator store and clock.
import type { Config } from '../config/env.ts';
import type { Language } from '../knowledge/watchlist.ts';
import { createCratesIoClient } from './sources/crates-io.ts';
import { createFeedClient } from './sources/feeds.ts';
import { createGithubClient } from './sources/github.ts';
import { createGoDevClient } from './sources/go-dev.ts';
import { createGoProxyClient } from './sources/go-proxy.ts';
import type { HttpClient, SourceClock, SourceFetchObserver } from './sources/http-client.ts';
import type { ValidatorStore } from '../store/source-validators.ts';
import { createOsvClient } from './sources/osv.ts';

interface FeedClient {
  feedId: string;
  language: Language;
  name: string;
  client: HttpClient;
}

export interface SourceClients {
  github: HttpClient;
  cratesIo: HttpClient;
  goProxy: HttpClient;
  goDev: HttpClient;
  osv: HttpClient;
  feeds: FeedClient[];
}

export type SourceConfig = Pick<
  Config,
  'GITHUB_API_URL' | 'GITHUB_TOKEN' | 'CRATES_IO_URL' | 'GOPROXY_URL' | 'GO_DEV_URL' | 'OSV_API_URL' | 'RUST_BLOG_FEED_URL' | 'GO_BLOG_FEED_URL' | 'TWIR_FEED_URL' | 'SOURCE_TIMEOUT_MS'
>;

export function createSourceClients(config: SourceConfig, options: { clock?: SourceClock; validators?: ValidatorStore; deadline?: AbortSignal; observer?: SourceFetchObserver } = {}): SourceClients {
  const common = { clock: options.clock, validators: options.validators, timeoutMs: config.SOURCE_TIMEOUT_MS, deadline: options.deadline, observer: options.observer };
  return {
    github: createGithubClient({ ...common, baseUrl: config.GITHUB_API_URL, token: config.GITHUB_TOKEN }),
    cratesIo: createCratesIoClient({ ...common, baseUrl: config.CRATES_IO_URL }),
    goProxy: createGoProxyClient({ ...common, baseUrl: config.GOPROXY_URL }),
    goDev: createGoDevClient({ ...common, baseUrl: config.GO_DEV_URL }),
    osv: createOsvClient({ ...common, baseUrl: config.OSV_API_URL }),
    feeds: [
      { feedId: 'rust-blog', language: 'rust', name: 'Rust blog', client: createFeedClient({ ...common, source: 'rust-blog', url: config.RUST_BLOG_FEED_URL }) },
      { feedId: 'go-blog', language: 'go', name: 'Go blog', client: createFeedClient({ ...common, source: 'go-blog', url: config.GO_BLOG_FEED_URL }) },
      { feedId: 'this-week-in-rust', language: 'rust', name: 'This Week in Rust', client: createFeedClient({ ...common, source: 'this-week-in-rust', url: config.TWIR_FEED_URL }) },
    ],
  };
}
