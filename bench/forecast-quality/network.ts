/**
 * A manufacturer's dealer network for the forecast-quality simulation: regions, a catalogue of three product lines
 * and dealers that differ in volume, skill, honesty and discipline. Everything is drawn from one seed; the traits
 * are the simulator's truth and never reach the product.
 */
import { defaultProgram, type Program } from '../../shared/schemas/setup.js';
import { beta, logNormal, pickWeighted, type Random, seededRandom, uniform } from './random.js';

export interface SimRegion {
  id: string;
  countries: string[];
  /** Share of the network's dealers. */
  weight: number;
}

export interface SimProduct {
  sku: string;
  productLine: string;
  /** Median price of one unit, in euro cents. */
  medianPrice: number;
  /** Log-scale spread of deal sizes: the custom line has the longest tail. */
  sizeSpread: number;
  /** Multiplies the dealer's win rate. */
  winFactor: number;
}

export interface SimDealer {
  id: string;
  regionId: string;
  /** New registrations per month before seasonality. */
  monthlyDeals: number;
  /** Chance that a deal it registers is won (before the product's factor). */
  skill: number;
  /** Chance that it reports a stage one step later than the truth. */
  stageOptimism: number;
  /** Registered value ÷ true value − 1, on average. */
  valueOptimism: number;
  /** Days by which its first stated close date is, on average, earlier than the true one. */
  slipDays: number;
  /** 0–1: how reliably it updates stages and dates, reports losses and asks for extensions. */
  discipline: number;
  /** Chance that it registers a deal without a stage. */
  noStage: number;
}

export interface Network {
  seed: number;
  program: Program;
  regions: SimRegion[];
  products: SimProduct[];
  dealers: SimDealer[];
}

export const REGIONS: SimRegion[] = [
  { id: 'dach', countries: ['DE', 'AT', 'CH'], weight: 0.4 },
  { id: 'benelux', countries: ['NL', 'BE', 'LU'], weight: 0.2 },
  { id: 'nordics', countries: ['SE', 'DK', 'NO', 'FI'], weight: 0.2 },
  { id: 'france', countries: ['FR'], weight: 0.2 },
];

export const PRODUCTS: SimProduct[] = [
  { sku: 'MX-200', productLine: 'milling', medianPrice: 12_000_000, sizeSpread: 0.5, winFactor: 1 },
  { sku: 'MX-500', productLine: 'milling', medianPrice: 31_000_000, sizeSpread: 0.5, winFactor: 0.9 },
  { sku: 'LT-300', productLine: 'turning', medianPrice: 8_000_000, sizeSpread: 0.4, winFactor: 1.1 },
  { sku: 'LT-500', productLine: 'turning', medianPrice: 19_000_000, sizeSpread: 0.5, winFactor: 1 },
  { sku: 'CB-900', productLine: 'custom', medianPrice: 40_000_000, sizeSpread: 1.0, winFactor: 0.75 },
];

/** The program the simulated manufacturer runs: SPEC defaults, a longer protection, rates for its currencies. */
export function simulatedProgram(): Program {
  return {
    ...defaultProgram(),
    protectionDays: 180,
    extensionMaxDays: 90,
    fxRates: { CHF: 1.04, SEK: 0.087, DKK: 0.134, NOK: 0.085, USD: 0.92 },
  };
}

function dealer(random: Random, index: number): SimDealer {
  const region = pickWeighted(
    random,
    REGIONS.map((r) => [r, r.weight] as const),
  );
  // Discipline and honesty are related: a sloppy dealer tends to be an optimistic one too.
  const discipline = beta(random, 2.2, 1.6);
  const sloppiness = 1 - discipline;
  return {
    id: `sim-dealer-${String(index + 1).padStart(3, '0')}`,
    regionId: region.id,
    monthlyDeals: Math.min(12, logNormal(random, 1.6, 0.7)),
    skill: 0.08 + 0.62 * beta(random, 2.2, 3),
    stageOptimism: Math.min(0.8, beta(random, 1.2, 4) + 0.3 * sloppiness * random()),
    valueOptimism: Math.max(-0.05, uniform(random, -0.05, 0.25) + 0.25 * sloppiness * random()),
    slipDays: uniform(random, 0, 40) + 70 * sloppiness * random(),
    discipline,
    noStage: random() < 0.2 ? uniform(random, 0.3, 0.9) : 0.02,
  };
}

export function generateNetwork(seed: number, dealerCount: number): Network {
  if (!Number.isInteger(dealerCount) || dealerCount < 1 || dealerCount > 2_000) throw new Error('dealerCount must be 1–2000');
  const random = seededRandom(seed);
  return {
    seed,
    program: simulatedProgram(),
    regions: REGIONS,
    products: PRODUCTS,
    dealers: Array.from({ length: dealerCount }, (_, i) => dealer(random, i)),
  };
}
