// A store that opens the database on first use. The terminal shell starts with one, so `help` (and any command
// that reads no settings) answers without loading Kysely, the SQLite driver or the migrations (bench/startup.ts).
// Servers open their store at start instead (src/runtime/create-services.ts), so a database that cannot be reached
// stops them before they take traffic.
//
// Every repository method returns a promise, so each repository is stood in for by an object whose methods wait for
// the store and then call the real one. A failed open is not kept: the next call tries again.
import type { DatabaseKind } from './database-url.ts';
import type { Store } from './store.ts';

type Repositories = Omit<Store, 'kind' | 'database' | 'ping' | 'close'>;

const REPOSITORY_NAMES = [
  'teamProfiles',
  'slackInstallations',
  'rateLimits',
  'sourceValidators',
  'digestSnapshots',
  'discordActions',
  'digestSubscriptions',
  'digestLedger',
  'seenSignatures',
  'feedback',
  'askedQuestions',
] as const satisfies readonly (keyof Repositories)[];

// A compile-time check that the list above names every repository: adding one to Store without it fails typecheck.
type Missing = Exclude<keyof Repositories, (typeof REPOSITORY_NAMES)[number]>;
const everyRepositoryListed: [Missing] extends [never] ? true : Missing = true;
void everyRepositoryListed;

export function deferredStore(kind: DatabaseKind, open: () => Promise<Store>): Store {
  let opening: Promise<Store> | undefined;
  let opened: Store | undefined;
  const store = (): Promise<Store> =>
    (opening ??= open().then(
      (s) => (opened = s),
      (error: unknown) => {
        opening = undefined;
        throw error;
      },
    ));

  const standIn = (name: keyof Repositories): object =>
    new Proxy(
      {},
      {
        get: (_target, method) => {
          // Not a thenable: `await store.feedback` must not call into the database.
          if (typeof method !== 'string' || method === 'then') return undefined;
          return async (...args: unknown[]) => {
            const repository = (await store())[name] as unknown as Record<string, (...a: unknown[]) => unknown>;
            const fn = repository[method];
            if (typeof fn !== 'function') throw new TypeError(`${name}.${method} is not a store method`);
            return fn.apply(repository, args);
          };
        },
      },
    );

  const repositories = Object.fromEntries(REPOSITORY_NAMES.map((name) => [name, standIn(name)])) as unknown as Repositories;
  return {
    kind,
    get database() {
      if (!opened) throw new Error('the store has not been opened yet (it opens on first use)');
      return opened.database;
    },
    ...repositories,
    ping: async () => (await store()).ping(),
    // Nothing to close when nothing was opened; an open still under way is waited for, then closed.
    close: async () => {
      if (opening) await (await opening.catch(() => undefined))?.close();
    },
  };
}
