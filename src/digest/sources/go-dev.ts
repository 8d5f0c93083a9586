// go.dev toolchain releases from /dl/?mode=json. The JSON carries versions but no dates, so the digest detects a
// new Go release by comparing with last week's snapshot, never by a date it does not have.
import { z } from 'zod';
import { HttpClient, type SourceClock, type SourceFetchObserver } from './http-client.ts';
import type { ValidatorStore } from '../../store/source-validators.ts';

export const GO_DEV_SOURCE = 'go.dev';

const releasesSchema = z.array(
  z.object({
    version: z.string().regex(/^go\d/),
    stable: z.boolean(),
  }),
);

export interface GoToolchainRelease {
  /** e.g. "go1.24.5" */
  version: string;
  stable: boolean;
  url: string;
}

export function createGoDevClient(options: { baseUrl: string; clock?: SourceClock; validators?: ValidatorStore; timeoutMs?: number; deadline?: AbortSignal; observer?: SourceFetchObserver }): HttpClient {
  return new HttpClient({ source: GO_DEV_SOURCE, baseUrl: options.baseUrl, clock: options.clock, validators: options.validators, timeoutMs: options.timeoutMs, deadline: options.deadline, observer: options.observer });
}

/** Current stable toolchains (the latest minor of each of the two newest major releases). */
export async function goToolchainReleases(client: HttpClient): Promise<GoToolchainRelease[]> {
  const { data } = await client.getJson('/dl/?mode=json', releasesSchema, { conditional: true });
  return data
    .filter((release) => release.stable)
    .map((release) => ({ version: release.version, stable: release.stable, url: `https://go.dev/dl/#${release.version}` }));
}
