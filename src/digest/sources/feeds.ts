// Blog and newsletter feeds (Rust blog, Go blog, This Week in Rust): Atom or RSS 2.0, sniffed from the root
// element, parsed with fast-xml-parser. Posts are identified by id/guid (falling back to link, never title);
// the feed-level <updated> changes on every site build and is ignored.
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { HttpClient, SourceError, type SourceClock, type SourceFetchObserver } from './http-client.ts';
import type { ValidatorStore } from '../../store/source-validators.ts';

const FEEDS_SOURCE = 'feeds';

export interface FeedPost {
  id: string;
  title: string;
  url: string;
  /** ISO timestamp. */
  published: string;
}

const textSchema = z.union([z.string(), z.number().transform(String), z.object({ '#text': z.union([z.string(), z.number().transform(String)]) }).transform((node) => node['#text'])]);
const linkSchema = z.object({ '@_href': z.string(), '@_rel': z.string().optional() });

const atomSchema = z.object({
  feed: z.object({
    entry: z
      .array(
        z.object({
          id: textSchema.optional(),
          title: textSchema.optional(),
          link: z.array(linkSchema).default([]),
          published: textSchema.optional(),
          updated: textSchema.optional(),
        }),
      )
      .default([]),
  }),
});

const rssSchema = z.object({
  rss: z.object({
    channel: z.object({
      item: z
        .array(
          z.object({
            guid: textSchema.optional(),
            title: textSchema.optional(),
            link: textSchema.optional(),
            pubDate: textSchema.optional(),
          }),
        )
        .default([]),
    }),
  }),
});

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep <content>/<description> HTML as text; we only read ids, titles, links and dates.
  isArray: (_name, jpath) => ['feed.entry', 'rss.channel.item', 'feed.entry.link'].includes(String(jpath)),
  parseTagValue: false,
  trimValues: true,
});

function isoDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Posts of an Atom or RSS document, newest first; entries without a date or link are skipped. */
export function parseFeed(xml: string, source = FEEDS_SOURCE): FeedPost[] {
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch {
    throw new SourceError(source, 'malformed', 'feed is not well-formed XML');
  }
  const posts: FeedPost[] = [];
  if (document && typeof document === 'object' && 'feed' in document) {
    const parsed = atomSchema.safeParse(document);
    if (!parsed.success) throw new SourceError(source, 'malformed', 'Atom feed has an unexpected shape');
    for (const entry of parsed.data.feed.entry) {
      const link = entry.link.find((candidate) => (candidate['@_rel'] ?? 'alternate') === 'alternate') ?? entry.link[0];
      const url = link?.['@_href'];
      const published = isoDate(entry.published ?? entry.updated);
      if (!url || !published) continue;
      posts.push({ id: entry.id ?? url, title: entry.title ?? url, url, published });
    }
  } else if (document && typeof document === 'object' && 'rss' in document) {
    const parsed = rssSchema.safeParse(document);
    if (!parsed.success) throw new SourceError(source, 'malformed', 'RSS feed has an unexpected shape');
    for (const item of parsed.data.rss.channel.item) {
      const published = isoDate(item.pubDate);
      if (!item.link || !published) continue;
      posts.push({ id: item.guid ?? item.link, title: item.title ?? item.link, url: item.link, published });
    }
  } else {
    throw new SourceError(source, 'malformed', 'document is neither an Atom nor an RSS feed');
  }
  return posts.sort((a, b) => b.published.localeCompare(a.published));
}

export function createFeedClient(options: { source: string; url: string; clock?: SourceClock; validators?: ValidatorStore; timeoutMs?: number; deadline?: AbortSignal; observer?: SourceFetchObserver }): HttpClient {
  return new HttpClient({ source: options.source, baseUrl: options.url, clock: options.clock, validators: options.validators, timeoutMs: options.timeoutMs, deadline: options.deadline, observer: options.observer });
}

export async function fetchFeed(client: HttpClient): Promise<FeedPost[]> {
  const { text, remember } = await client.getText('', { conditional: true, accept: 'application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.8' });
  const posts = parseFeed(text, client.source);
  // Only a feed that parsed is worth reusing on a 304.
  await remember();
  return posts;
}
