// Reads numeric constraints from a question: latency targets ("p99 < 100 ms") and memory figures
// ("< 5 MiB overhead", "a 100 GB heap"), turning them into the same signal ids the lexicon produces.

export interface NumericSignal {
  signalId: 'latency-strict' | 'latency-loose' | 'latency-sensitive' | 'memory-tight' | 'large-heap';
  offset: number;
}

const LATENCY = /(p9\d*|p50|latency|response time|respond|tail)[^.;!?]{0,30}?(\d+(?:\.\d+)?)\s*(µs|us|microseconds?|ms|milliseconds?|s|secs?|seconds?)\b/g;
const MEMORY = /(\d+(?:\.\d+)?)\s*(kb|kib|mb|mib|gb|gib|tb|tib)\b/g;
const MEMORY_BUDGET_WORDS = /(memory|ram|overhead|footprint|limit|budget|per (pod|vm|instance|device|container|host))/;
const HEAP_WORDS = /(heap|in memory|cache|ram|working set|state|memory)/;

function toMilliseconds(value: number, unit: string): number {
  if (unit === 'µs' || unit === 'us' || unit.startsWith('micro')) return value / 1000;
  if (unit.startsWith('ms') || unit.startsWith('milli')) return value;
  return value * 1000;
}

function toMebibytes(value: number, unit: string): number {
  if (unit.startsWith('k')) return value / 1024;
  if (unit.startsWith('m')) return value;
  if (unit.startsWith('g')) return value * 1024;
  return value * 1024 * 1024;
}

/** `text` is the canonical (lowercase) question text. */
export function readNumbers(text: string): NumericSignal[] {
  const out: NumericSignal[] = [];
  for (const m of text.matchAll(LATENCY)) {
    const ms = toMilliseconds(Number(m[2]), m[3]!);
    const signalId = ms <= 10 ? 'latency-strict' : ms >= 50 ? 'latency-loose' : 'latency-sensitive';
    out.push({ signalId, offset: m.index });
  }
  for (const m of text.matchAll(MEMORY)) {
    const mib = toMebibytes(Number(m[1]), m[2]!);
    const around = text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40);
    if (mib <= 128 && MEMORY_BUDGET_WORDS.test(around)) out.push({ signalId: 'memory-tight', offset: m.index });
    else if (mib >= 10 * 1024 && HEAP_WORDS.test(around)) out.push({ signalId: 'large-heap', offset: m.index });
  }
  return out;
}
