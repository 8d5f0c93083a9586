// Conditional-request validators (ETag, Last-Modified) per source URL, with the body to reuse when a source
// answers 304, so a restart does not refetch (and re-spend rate limit on) unchanged data.
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

/** What a conditional request needs to remember about the last 200 for a URL: validators and the body to reuse on 304. */
export interface StoredResponse {
  etag?: string;
  lastModified?: string;
  body: string;
}

/** Where validators live between runs (the store's source_validators table in production). */
export interface ValidatorStore {
  get(url: string): Promise<StoredResponse | undefined>;
  put(url: string, value: StoredResponse): Promise<void>;
}

export interface SourceValidatorTables {
  source_validators: {
    url: string;
    etag: string | null;
    last_modified: string | null;
    body: string;
    updated_at: number;
  };
}

export class SourceValidatorRepository implements ValidatorStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(url: string): Promise<StoredResponse | undefined> {
    const row = await this.db.selectFrom('source_validators').select(['etag', 'last_modified', 'body']).where('url', '=', url).executeTakeFirst();
    if (!row) return undefined;
    return { body: row.body, ...(row.etag ? { etag: row.etag } : {}), ...(row.last_modified ? { lastModified: row.last_modified } : {}) };
  }

  async put(url: string, value: StoredResponse): Promise<void> {
    const values = { url, etag: value.etag ?? null, last_modified: value.lastModified ?? null, body: value.body, updated_at: this.now().getTime() };
    await this.db
      .insertInto('source_validators')
      .values(values)
      .onConflict((oc) => oc.column('url').doUpdateSet({ etag: values.etag, last_modified: values.last_modified, body: values.body, updated_at: values.updated_at }))
      .execute();
  }
}
