// One measured figure of `npm run bench`, always reported next to a baseline measured in the same run.
export interface BenchResult {
  /** What was measured, e.g. "advisor answer latency p99". */
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with, e.g. "tokenize the same questions". */
  baselineName: string;
  baselineValue: number;
  /** value / baselineValue (for throughput, higher is better; for latency or memory, lower is better). */
  ratio: number;
  /** The target, in words, if any (e.g. "p99 < 5 ms"). */
  target?: string;
  /** Whether the target was met (undefined when there is no target). */
  met?: boolean;
}

export function benchResult(r: Omit<BenchResult, 'ratio'>): BenchResult {
  const ratio = r.baselineValue === 0 ? Number.POSITIVE_INFINITY : r.value / r.baselineValue;
  return { ...r, ratio: Math.round(ratio * 100) / 100 };
}
