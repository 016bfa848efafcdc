/** A seeded generator and the few distributions the dealer-network simulation draws from. */

export type Random = () => number;

/** mulberry32: small, fast and the same on every machine for the same seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const uniform = (random: Random, min: number, max: number) => min + random() * (max - min);

export const chance = (random: Random, p: number) => random() < p;

export const pickOne = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/** A choice by relative weights. */
export function pickWeighted<T>(random: Random, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of options) {
    r -= w;
    if (r < 0) return value;
  }
  return (options[options.length - 1] as readonly [T, number])[0];
}

/** Standard normal by Box–Muller. */
export function normal(random: Random): number {
  const u = Math.max(random(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Log-normal with the given median and log-scale spread: the long tail of deal sizes and dealer volumes. */
export const logNormal = (random: Random, median: number, sigma: number) => median * Math.exp(sigma * normal(random));

/** Beta(a, b) from two gamma draws (Marsaglia–Tsang), for rates between 0 and 1. */
export function beta(random: Random, a: number, b: number): number {
  const x = gamma(random, a);
  return x / (x + gamma(random, b));
}

function gamma(random: Random, shape: number): number {
  if (shape < 1) return gamma(random, shape + 1) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(random);
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(Math.max(random(), Number.EPSILON)) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Poisson by counting exponential gaps (rates here are small). */
export function poisson(random: Random, rate: number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}
