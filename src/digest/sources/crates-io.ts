// crates.io API client: a crate's latest version, its versions with dates, all-time and 90-day downloads, and
// the per-day download series. crates.io asks for at most one request a second and a contactable User-Agent.
import { z } from 'zod';
import { HttpClient, type SourceClock, type SourceFetchObserver } from './http-client.ts';
import type { ValidatorStore } from '../../store/source-validators.ts';

export const CRATES_IO_SOURCE = 'crates.io';
const CRATES_IO_MIN_INTERVAL_MS = 1_000;

const crateResponseSchema = z.object({
  crate: z.object({
    name: z.string(),
    downloads: z.number().int().nonnegative(),
    recent_downloads: z.number().int().nonnegative().nullable().optional(),
    max_stable_version: z.string().nullable().optional(),
    default_version: z.string().nullable().optional(),
    max_version: z.string(),
  }),
  versions: z
    .array(
      z.object({
        num: z.string(),
        created_at: z.string(),
        yanked: z.boolean().default(false),
      }),
    )
    .nullable()
    .optional(),
});

const dailyPointSchema = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), downloads: z.number().int().nonnegative() });
const downloadsResponseSchema = z.object({
  version_downloads: z.array(dailyPointSchema.extend({ version: z.number().int() })),
  meta: z.object({ extra_downloads: z.array(dailyPointSchema).default([]) }).optional(),
});

interface CrateVersion {
  version: string;
  createdAt: string;
}

export interface CrateInfo {
  name: string;
  latestVersion: string;
  downloads: number;
  recentDownloads: number | undefined;
  /** Stable, non-yanked versions, newest first. */
  versions: CrateVersion[];
}

export interface DailyDownloads {
  date: string;
  downloads: number;
}

export function createCratesIoClient(options: { baseUrl: string; clock?: SourceClock; validators?: ValidatorStore; timeoutMs?: number; deadline?: AbortSignal; observer?: SourceFetchObserver }): HttpClient {
  return new HttpClient({
    source: CRATES_IO_SOURCE,
    baseUrl: options.baseUrl,
    clock: options.clock,
    validators: options.validators,
    timeoutMs: options.timeoutMs,
    deadline: options.deadline,
    observer: options.observer,
    minIntervalMs: CRATES_IO_MIN_INTERVAL_MS,
  });
}

function cratePath(name: string): string {
  return `/api/v1/crates/${encodeURIComponent(name)}`;
}

export async function crateInfo(client: HttpClient, name: string): Promise<CrateInfo> {
  const { data } = await client.getJson(cratePath(name), crateResponseSchema, { conditional: true });
  const versions = (data.versions ?? [])
    .filter((version) => !version.yanked && !version.num.includes('-'))
    .map((version) => ({ version: version.num, createdAt: new Date(version.created_at).toISOString() }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return {
    name: data.crate.name,
    latestVersion: data.crate.max_stable_version ?? data.crate.default_version ?? data.crate.max_version,
    downloads: data.crate.downloads,
    recentDownloads: data.crate.recent_downloads ?? undefined,
    versions,
  };
}

/** Downloads per day (all versions: the five latest listed one by one plus "extra_downloads" for the rest), oldest first. */
export async function crateDailyDownloads(client: HttpClient, name: string): Promise<DailyDownloads[]> {
  const { data } = await client.getJson(`${cratePath(name)}/downloads`, downloadsResponseSchema, { conditional: true });
  const perDay = new Map<string, number>();
  for (const point of [...data.version_downloads, ...(data.meta?.extra_downloads ?? [])]) {
    perDay.set(point.date, (perDay.get(point.date) ?? 0) + point.downloads);
  }
  return [...perDay.entries()].map(([date, downloads]) => ({ date, downloads })).sort((a, b) => a.date.localeCompare(b.date));
}

/** Sum of the days in [start, end) (dates as YYYY-MM-DD); undefined when the series has none of those days. */
export function downloadsBetween(series: DailyDownloads[], start: string, end: string): number | undefined {
  const inRange = series.filter((point) => point.date >= start && point.date < end);
  return inRange.length === 0 ? undefined : inRange.reduce((sum, point) => sum + point.downloads, 0);
}
