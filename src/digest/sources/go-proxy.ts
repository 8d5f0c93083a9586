// Go module proxy client (GOPROXY protocol): tagged versions from @v/list, a version's date from .info, and
// @latest. Module paths and versions are case-escaped ("BurntSushi" -> "!burnt!sushi") as the protocol requires.
import { z } from 'zod';
import { HttpClient, type SourceClock, type SourceFetchObserver } from './http-client.ts';
import type { ValidatorStore } from '../../store/source-validators.ts';

export const GO_PROXY_SOURCE = 'proxy.golang.org';

const versionInfoSchema = z.object({
  Version: z.string().min(1),
  Time: z.string().optional(),
});

export interface GoVersionInfo {
  version: string;
  time: string | undefined;
}

export function createGoProxyClient(options: { baseUrl: string; clock?: SourceClock; validators?: ValidatorStore; timeoutMs?: number; deadline?: AbortSignal; observer?: SourceFetchObserver }): HttpClient {
  return new HttpClient({ source: GO_PROXY_SOURCE, baseUrl: options.baseUrl, clock: options.clock, validators: options.validators, timeoutMs: options.timeoutMs, deadline: options.deadline, observer: options.observer });
}

/** Every uppercase letter becomes "!" + its lowercase form (go.dev/ref/mod#goproxy-protocol). */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (letter) => `!${letter.toLowerCase()}`);
}

const semverPattern = /^v(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function isCanonicalSemver(version: string): boolean {
  return semverPattern.test(version);
}

export function isPrerelease(version: string): boolean {
  return semverPattern.exec(version)?.[4] !== undefined;
}

/** Semantic-version order for "vX.Y.Z[-pre]" strings; unparseable versions sort first. */
export function compareSemver(a: string, b: string): number {
  const left = semverPattern.exec(a);
  const right = semverPattern.exec(b);
  if (!left || !right) return left ? 1 : right ? -1 : a.localeCompare(b);
  for (let i = 1; i <= 3; i += 1) {
    const diff = Number(left[i]) - Number(right[i]);
    if (diff !== 0) return diff;
  }
  const [preA, preB] = [left[4], right[4]];
  if (preA === undefined || preB === undefined) return preA === preB ? 0 : preA === undefined ? 1 : -1;
  const partsA = preA.split('.');
  const partsB = preB.split('.');
  for (let i = 0; i < Math.max(partsA.length, partsB.length); i += 1) {
    const [x, y] = [partsA[i], partsB[i]];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const [nx, ny] = [/^\d+$/.test(x) ? Number(x) : NaN, /^\d+$/.test(y) ? Number(y) : NaN];
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return nx - ny;
    } else if (x !== y) {
      return Number.isNaN(nx) ? (Number.isNaN(ny) ? x.localeCompare(y) : 1) : -1;
    }
  }
  return 0;
}

/** Tagged versions of a module, lowest first (the proxy lists them in no particular order). */
export async function goModuleVersions(client: HttpClient, modulePath: string): Promise<string[]> {
  const { text, remember } = await client.getText(`/${escapeModulePath(modulePath)}/@v/list`, { conditional: true });
  const versions = text
    .split('\n')
    .map((line) => line.trim())
    .filter(isCanonicalSemver)
    .sort(compareSemver);
  // A list is plain lines, so any text "parses"; it is remembered once read whole.
  await remember();
  return versions;
}

export async function goVersionInfo(client: HttpClient, modulePath: string, version: string): Promise<GoVersionInfo> {
  const { data } = await client.getJson(`/${escapeModulePath(modulePath)}/@v/${escapeModulePath(version)}.info`, versionInfoSchema, { conditional: true });
  return { version: data.Version, time: data.Time ? new Date(data.Time).toISOString() : undefined };
}

export async function goLatest(client: HttpClient, modulePath: string): Promise<GoVersionInfo> {
  const { data } = await client.getJson(`/${escapeModulePath(modulePath)}/@latest`, versionInfoSchema);
  return { version: data.Version, time: data.Time ? new Date(data.Time).toISOString() : undefined };
}

/** Highest stable version in a list, else the highest prerelease (the go command's preference). */
export function highestVersion(versions: string[]): string | undefined {
  const sorted = [...versions].sort(compareSemver);
  const stable = sorted.filter((version) => !isPrerelease(version));
  return stable.at(-1) ?? sorted.at(-1);
}
