// OSV.dev client: one querybatch for every watched crate and module, then the full record of each id not seen
// before (querybatch returns only id + modified). The same issue published as GHSA, RUSTSEC, GO and CVE is one
// advisory (alias groups); informational RustSec notices (unmaintained, unsound) are flagged, not counted as vulns.
import { z } from 'zod';
import { HttpClient, SourceError, type SourceClock, type SourceFetchObserver } from './http-client.ts';
import type { ValidatorStore } from '../../store/source-validators.ts';

export const OSV_SOURCE = 'osv.dev';

type OsvEcosystem = 'crates.io' | 'Go';

export interface OsvPackage {
  name: string;
  ecosystem: OsvEcosystem;
}

const batchResponseSchema = z.object({
  results: z.array(
    z.object({
      // proto3 JSON omits empty lists: a package with no hits comes back as {}.
      vulns: z.array(z.object({ id: z.string(), modified: z.string().optional() })).default([]),
    }),
  ),
});

export const vulnerabilitySchema = z.object({
  id: z.string(),
  summary: z.string().optional(),
  details: z.string().optional(),
  aliases: z.array(z.string()).default([]),
  published: z.string().optional(),
  modified: z.string().optional(),
  withdrawn: z.string().optional(),
  affected: z
    .array(
      z.object({
        package: z.object({ name: z.string(), ecosystem: z.string() }).optional(),
        database_specific: z.object({ informational: z.string().nullable().optional() }).passthrough().optional(),
      }),
    )
    .default([]),
});
export type OsvVulnerability = z.infer<typeof vulnerabilitySchema>;

/** One real-world issue, whatever databases published it. */
export interface Advisory {
  /** The ecosystem database id when there is one (RUSTSEC-/GO-), else GHSA-, else the first id. */
  id: string;
  /** Every other id of the same issue, sorted. */
  aliases: string[];
  summary: string;
  published: string | undefined;
  /** RustSec's informational kind ("unmaintained", "unsound", "notice"); such notices are not vulnerabilities. */
  informational: string | undefined;
  url: string;
}

export function createOsvClient(options: { baseUrl: string; clock?: SourceClock; validators?: ValidatorStore; timeoutMs?: number; deadline?: AbortSignal; observer?: SourceFetchObserver }): HttpClient {
  return new HttpClient({ source: OSV_SOURCE, baseUrl: options.baseUrl, clock: options.clock, validators: options.validators, timeoutMs: options.timeoutMs, deadline: options.deadline, observer: options.observer });
}

export interface OsvHit {
  id: string;
  /** ISO timestamp of the record's last change; a record is never published after it was last modified. */
  modified: string | undefined;
}

/** Vulnerability hits per package, in the order of `packages` (results line up with queries by index). */
export async function osvQueryBatch(client: HttpClient, packages: OsvPackage[]): Promise<OsvHit[][]> {
  if (packages.length === 0) return [];
  const data = await client.postJson('/v1/querybatch', { queries: packages.map((pkg) => ({ package: { name: pkg.name, ecosystem: pkg.ecosystem } })) }, batchResponseSchema);
  if (data.results.length !== packages.length) {
    throw new SourceError(OSV_SOURCE, 'malformed', `querybatch returned ${data.results.length} results for ${packages.length} queries`);
  }
  return data.results.map((result) => {
    const hits = new Map<string, OsvHit>();
    for (const vuln of result.vulns) hits.set(vuln.id, { id: vuln.id, modified: vuln.modified ? new Date(vuln.modified).toISOString() : undefined });
    return [...hits.values()];
  });
}

export async function osvVulnerability(client: HttpClient, id: string): Promise<OsvVulnerability> {
  const { data } = await client.getJson(`/v1/vulns/${encodeURIComponent(id)}`, vulnerabilitySchema, { conditional: true });
  return data;
}

const idPreference = [/^RUSTSEC-/, /^GO-/, /^GHSA-/, /^CVE-/];

function preferredId(ids: string[]): string {
  for (const pattern of idPreference) {
    const match = ids.filter((id) => pattern.test(id)).sort()[0];
    if (match) return match;
  }
  return [...ids].sort()[0] ?? '';
}

function advisoryUrl(id: string): string {
  if (id.startsWith('RUSTSEC-')) return `https://rustsec.org/advisories/${id}.html`;
  if (id.startsWith('GO-')) return `https://pkg.go.dev/vuln/${id}`;
  if (id.startsWith('GHSA-')) return `https://github.com/advisories/${id}`;
  return `https://osv.dev/vulnerability/${id}`;
}

/**
 * Merges records that name each other as aliases (transitively) into one advisory each.
 * `ids` are the ids OSV returned for a package; `records` holds their full records (missing ones count as bare ids).
 */
export function groupAdvisories(ids: string[], records: Map<string, OsvVulnerability>): Advisory[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(id, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(rb, ra);
  };
  const live = ids.filter((id) => !records.get(id)?.withdrawn);
  for (const id of live) {
    parent.set(id, parent.get(id) ?? id);
    for (const alias of records.get(id)?.aliases ?? []) {
      parent.set(alias, parent.get(alias) ?? alias);
      union(id, alias);
    }
  }
  const groups = new Map<string, Set<string>>();
  for (const id of parent.keys()) {
    const root = find(id);
    groups.set(root, (groups.get(root) ?? new Set()).add(id));
  }
  const advisories: Advisory[] = [];
  for (const members of groups.values()) {
    const all = [...members];
    const id = preferredId(all);
    const groupRecords = all.map((member) => records.get(member)).filter((record): record is OsvVulnerability => record !== undefined);
    const main = records.get(id) ?? groupRecords[0];
    const informational = groupRecords
      .flatMap((record) => record.affected.map((affected) => affected.database_specific?.informational))
      .find((value): value is string => typeof value === 'string' && value.length > 0);
    const published = groupRecords.map((record) => record.published).filter((value): value is string => !!value).sort()[0];
    advisories.push({
      id,
      aliases: all.filter((member) => member !== id).sort(),
      summary: main?.summary ?? groupRecords.find((record) => record.summary)?.summary ?? id,
      published: published ? new Date(published).toISOString() : undefined,
      informational,
      url: advisoryUrl(id),
    });
  }
  return advisories.sort((a, b) => a.id.localeCompare(b.id));
}

/** Vulnerabilities proper: informational notices are kept out of the count. */
export function countVulnerabilities(advisories: Advisory[]): number {
  return advisories.filter((advisory) => advisory.informational === undefined).length;
}
