// Offline fitting for the decision model: L2-regularised logistic regression by gradient descent, stratified
// k-fold cross-validation, and Platt scaling of the cross-validated logits. Used by `npm run fit` and
// `npm run eval`; never at answer time.
import { sigmoid, type Features } from './fitted-model.ts';

export interface Example {
  id: string;
  features: Features;
  /** Fixed offset (decisive context) added to the logit, not fitted. */
  offset: number;
  /** 1 = Rust, 0 = Go. */
  y: 0 | 1;
}

export interface LinearModel {
  bias: number;
  weights: Record<string, number>;
}

const ITERATIONS = 1500;
const LEARNING_RATE = 0.3;

function logitOf(m: LinearModel, e: Example): number {
  let z = m.bias + e.offset;
  for (const [k, v] of e.features) z += (m.weights[k] ?? 0) * v;
  return z;
}

/** Features whose weight may only take one sign (1: towards Rust, -1: towards Go); a step across zero stops at 0. */
export type SignConstraints = ReadonlyMap<string, 1 | -1>;

/**
 * Minimises mean log-loss + lambda/2 * |w|^2 (the bias is not penalised) by full-batch gradient descent, projected
 * onto the sign constraints after every step.
 */
export function fitLogistic(examples: readonly Example[], lambda: number, signs: SignConstraints = new Map()): LinearModel {
  const names = [...new Set(examples.flatMap((e) => [...e.features.keys()]))].sort();
  const w = new Map<string, number>(names.map((n) => [n, 0]));
  let bias = 0;
  const n = examples.length;
  for (let it = 0; it < ITERATIONS; it++) {
    const grad = new Map<string, number>(names.map((k) => [k, lambda * w.get(k)!]));
    let gb = 0;
    const model: LinearModel = { bias, weights: Object.fromEntries(w) };
    for (const e of examples) {
      const err = sigmoid(logitOf(model, e)) - e.y;
      gb += err / n;
      for (const [k, v] of e.features) grad.set(k, grad.get(k)! + (err * v) / n);
    }
    bias -= LEARNING_RATE * gb;
    for (const k of names) {
      const next = w.get(k)! - LEARNING_RATE * grad.get(k)!;
      const sign = signs.get(k);
      w.set(k, sign !== undefined && next * sign < 0 ? 0 : next);
    }
  }
  const weights: Record<string, number> = {};
  for (const [k, v] of w) if (Math.abs(v) > 1e-4) weights[k] = Math.round(v * 1e4) / 1e4;
  return { bias: Math.round(bias * 1e4) / 1e4, weights };
}

function predictLogit(m: LinearModel, e: Example): number {
  return logitOf(m, e);
}

/** Folds stratified by label: each label's examples dealt round-robin in a fixed (id-sorted) order. */
export function stratifiedFolds(examples: readonly Example[], k: number): number[] {
  const fold = new Array<number>(examples.length).fill(0);
  for (const label of [0, 1] as const) {
    const idx = examples.map((e, i) => ({ e, i })).filter((x) => x.e.y === label).sort((a, b) => (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : a.i - b.i));
    idx.forEach((x, j) => (fold[x.i] = j % k));
  }
  return fold;
}

/** Out-of-fold logits: each example predicted by a model fitted without its fold. */
export function crossValidatedLogits(examples: readonly Example[], k: number, lambda: number, signs: SignConstraints = new Map()): number[] {
  const fold = stratifiedFolds(examples, k);
  const out = new Array<number>(examples.length).fill(0);
  for (let f = 0; f < k; f++) {
    const model = fitLogistic(examples.filter((_, i) => fold[i] !== f), lambda, signs);
    examples.forEach((e, i) => {
      if (fold[i] === f) out[i] = predictLogit(model, e);
    });
  }
  return out;
}

/** Platt scaling without an offset: the a that minimises log-loss of sigmoid(a * logit) (1-D search). */
export function fitPlattA(logits: readonly number[], ys: readonly (0 | 1)[]): number {
  const loss = (a: number): number =>
    logits.reduce((s, z, i) => {
      const p = Math.min(1 - 1e-9, Math.max(1e-9, sigmoid(a * z)));
      return s - (ys[i] === 1 ? Math.log(p) : Math.log(1 - p));
    }, 0);
  let best = 1;
  let bestLoss = loss(1);
  for (let a = 0.05; a <= 3; a += 0.01) {
    const l = loss(a);
    if (l < bestLoss) {
      best = a;
      bestLoss = l;
    }
  }
  return Math.round(best * 1000) / 1000;
}
