/**
 * Generated registration bodies: reproducible (seeded), each for a distinct customer, spread over the dealer's
 * countries, the catalogue, 24 months of expected close dates, every stage and several currencies.
 */
import type { RegistrationInput } from '../shared/schemas/registration.js';
import type { Dealer } from '../shared/schemas/setup.js';
import { type Channel, regionOf } from './channel.js';
import { type Random, seededRandom } from './forecast-quality/random.js';

export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** An id in the shape of the submit path's (`reg_` and 24 base-62 characters). */
const registrationId = (random: Random) => `reg_${Array.from({ length: 24 }, () => pick(random, [...BASE62])).join('')}`;

/**
 * A one-word company name unique to `serial`. Consonants only, so no transliteration fold (ae, ue, ij…) can make
 * two names equal; seven letters, below the length from which names match fuzzily; the multiplier scatters
 * consecutive serials over the near-duplicate blocks (country + first four letters).
 */
const LETTERS = 'bcdfghklmnprstvwxz';
const NAME_LENGTH = 7;
const NAME_SPACE = LETTERS.length ** NAME_LENGTH;
function companyName(serial: number): string {
  let n = (serial * 7919) % NAME_SPACE;
  let word = '';
  for (let i = 0; i < NAME_LENGTH; i++) {
    word += LETTERS[n % LETTERS.length];
    n = Math.floor(n / LETTERS.length);
  }
  return `${word[0]?.toUpperCase()}${word.slice(1)} GmbH`;
}

/** `YYYY-MM` of the month `offset` months after `date`'s. */
export function monthAfter(date: Date, offset: number): string {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
}

export const HORIZON_MONTHS = 24;

/** A day of the `HORIZON_MONTHS` months from `today`'s month, never before today. */
function closeDate(random: Random, today: Date): string {
  const offset = Math.floor(random() * HORIZON_MONTHS);
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth() + offset;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = between(random, offset === 0 ? today.getUTCDate() : 1, lastDay);
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}

function currency(random: Random, country: string): string {
  const r = random();
  if (r < 0.1) return 'USD';
  if (r < 0.15) return 'GBP';
  return country === 'CH' ? 'CHF' : 'EUR';
}

const CITIES = ['Stuttgart', 'Linz', 'Basel', 'Eindhoven', 'Gent', 'Esch-sur-Alzette', 'Augsburg', 'Graz'];
const STAGES = ['early', 'mid', 'late', undefined] as const;

function dealInput(random: Random, serial: number, countries: readonly string[], skus: readonly string[], today: Date): RegistrationInput {
  const country = pick(random, countries);
  const first = pick(random, skus);
  const second =
    random() < 0.3
      ? pick(
          random,
          skus.filter((s) => s !== first),
        )
      : undefined;
  const stage = pick(random, STAGES);
  return {
    customer: { name: companyName(serial), country, city: pick(random, CITIES), postalCode: String(between(random, 1000, 99999)) },
    contact: { name: 'Eva Müller', email: `buyer-${serial}@customer.example`, phone: '+49 711 123456', role: 'Head of production' },
    products: [first, ...(second ? [second] : [])].map((sku) => ({ sku, quantity: between(random, 1, 5) })),
    expectedValue: { amount: between(random, 500_000, 200_000_000), currency: currency(random, country) },
    expectedCloseDate: closeDate(random, today),
    ...(stage ? { stage } : {}),
    competitors: ['Acme Machines'],
    nextSteps: 'Demo at the customer site',
  };
}

/** Deals for a channel's dealers, numbered from one counter so that no two share a customer. */
export class DealSource {
  readonly random: Random;
  private readonly today = new Date();
  private readonly skus: string[];
  private serial = 0;

  constructor(
    private readonly channel: Channel,
    seed: number,
  ) {
    this.random = seededRandom(seed);
    this.skus = channel.products.map((p) => p.sku);
  }

  /** A registration body for a new customer in one of `dealer`'s countries. */
  input(dealer: Dealer): RegistrationInput {
    return dealInput(this.random, this.serial++, regionOf(this.channel, dealer).countries, this.skus, this.today);
  }

  id(): string {
    return registrationId(this.random);
  }
}
