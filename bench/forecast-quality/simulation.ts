/**
 * 24 months (and a tail for late reports) of a dealer network's registrations, reviews, stage and date updates,
 * extension requests, expiries and outcomes, day by day. Every change is computed by the product's own pure domain
 * functions (`newRegistration`, `applyDecision`, `applyUpdate`, `applyExtensionRequest`/`Decision`,
 * `applyExpiryStep`, `applyOutcome`, `applyWithdrawal`) and moves the forecast aggregates through
 * `aggregateUpdates` — the very list of `ADD` updates the repository writes in each transaction — into an
 * in-memory table. What each deal truly is (its value, whether and when it is won) is known here only.
 */

import { isOpen } from '../../shared/domain/lifecycle.js';
import type { StoredRegistration } from '../../shared/domain/registration.js';
import {
  applyDecision,
  applyExpiryStep,
  applyExtensionDecision,
  applyExtensionRequest,
  applyOutcome,
  applyUpdate,
  applyWithdrawal,
  newRegistration,
} from '../../shared/domain/registration-changes.js';
import { aggregateUpdates } from '../../shared/forecast/aggregate-items.js';
import type { RegistrationUpdate } from '../../shared/schemas/registration.js';
import { MemoryTable } from './memory-table.js';
import type { Network, SimDealer, SimProduct } from './network.js';
import { chance, logNormal, pickOne, pickWeighted, poisson, type Random, seededRandom, uniform } from './random.js';

export const SIMULATION_START = '2025-01-01';
export const SIMULATED_MONTHS = 24;
/** Days simulated after the last month, so that wins closed in it are reported. */
const TAIL_DAYS = 31;

const DAY_MS = 86_400_000;
const STAGES = ['early', 'mid', 'late'] as const;
type Stage = (typeof STAGES)[number];

/** Registrations per month relative to the average: quiet summers and a strong autumn. */
const SEASONALITY = [0.85, 0.95, 1.1, 1.05, 1.0, 0.95, 0.7, 0.75, 1.1, 1.2, 1.2, 0.85] as const;

const CURRENCY_OF_COUNTRY: Record<string, string> = { CH: 'CHF', SE: 'SEK', DK: 'DKK', NO: 'NOK' };

/** What the simulator knows of a deal and the product never sees. */
export interface DealTruth {
  registrationId: string;
  dealerId: string;
  regionId: string;
  productLine: string;
  /** Registered with this chance of being won (the dealer's skill × the product's factor). */
  winChance: number;
  wins: boolean;
  /** Day (from the start) on which the customer decides. */
  decisionDay: number;
  /** True value in the registration's currency, minor units. */
  value: number;
  /** Still alive (will be won) but its protection ran out first. */
  expiredAlive?: boolean;
}

export interface MonthEnd {
  /** Index of the month from the start, 0-based. */
  index: number;
  month: string;
  table: MemoryTable;
  /** The product's state of every registration still open. */
  open: StoredRegistration[];
  at: Date;
}

interface Deal {
  truth: DealTruth;
  dealer: SimDealer;
  registration: StoredRegistration;
  /** The stage the deal truly is at. */
  trueStage: Stage;
  /** The dealer reports stages at all for this deal. */
  givesStage: boolean;
  random: Random;
}

type Event = { deal: Deal; run: (deal: Deal, now: Date, day: number) => void };

export const dayDate = (day: number) => new Date(Date.parse(`${SIMULATION_START}T00:00:00Z`) + day * DAY_MS);
const isoDate = (day: number) => dayDate(day).toISOString().slice(0, 10);
const dayOf = (isoDateOrTime: string) => Math.floor((Date.parse(isoDateOrTime.slice(0, 10)) - Date.parse(SIMULATION_START)) / DAY_MS);

export class Simulation {
  readonly table = new MemoryTable();
  readonly truths = new Map<string, DealTruth>();
  /** Final product state of every registration. */
  readonly registrations = new Map<string, StoredRegistration>();
  private readonly deals = new Map<string, Deal>();
  private readonly agenda = new Map<number, Event[]>();
  private readonly random: Random;
  private readonly lineOf: Map<string, string>;
  private serial = 0;
  readonly days: number;

  constructor(private readonly network: Network) {
    this.random = seededRandom(network.seed * 7919 + 17);
    this.lineOf = new Map(network.products.map((p) => [p.sku, p.productLine]));
    const end = new Date(Date.UTC(2025, SIMULATED_MONTHS, 1));
    this.days = Math.round((end.getTime() - dayDate(0).getTime()) / DAY_MS) + TAIL_DAYS;
  }

  /** Runs the whole simulation; `onMonthEnd` sees the product's aggregates after each of the 24 months. */
  run(onMonthEnd: (state: MonthEnd) => void = () => undefined) {
    for (let day = 0; day < this.days; day++) {
      const date = dayDate(day);
      this.registerNewDeals(day, date);
      const events = this.agenda.get(day) ?? [];
      this.agenda.delete(day);
      // Events scheduled for today while today runs go to the end of today's list.
      for (let i = 0; i < events.length; i++) {
        const event = events[i] as Event;
        if (isOpen(event.deal.registration.status)) event.run(event.deal, new Date(date.getTime() + (10 * 3600 + i) * 1000), day);
      }
      const next = dayDate(day + 1);
      if (next.getUTCDate() === 1) {
        const index = (date.getUTCFullYear() - 2025) * 12 + date.getUTCMonth();
        if (index < SIMULATED_MONTHS) {
          onMonthEnd({
            index,
            month: date.toISOString().slice(0, 7),
            table: this.table,
            open: [...this.deals.values()].map((d) => d.registration).filter((r) => isOpen(r.status)),
            at: new Date(next.getTime() - 1000),
          });
        }
      }
    }
    for (const deal of this.deals.values()) this.registrations.set(deal.truth.registrationId, deal.registration);
  }

  private schedule(day: number, deal: Deal, run: Event['run']) {
    if (day >= this.days) return;
    const list = this.agenda.get(day) ?? [];
    list.push({ deal, run });
    this.agenda.set(day, list);
  }

  /** Applies a product change to the deal and its aggregates, as a registration transaction would. */
  private change(deal: Deal, next: StoredRegistration) {
    this.table.apply(aggregateUpdates(deal.registration, next));
    deal.registration = next;
  }

  private registerNewDeals(day: number, date: Date) {
    if (day >= this.days - TAIL_DAYS) return;
    const season = SEASONALITY[date.getUTCMonth()] as number;
    const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    for (const dealer of this.network.dealers) {
      const count = poisson(this.random, (dealer.monthlyDeals * season) / daysInMonth);
      for (let i = 0; i < count; i++) this.register(dealer, day, new Date(date.getTime() + (9 * 3600 + (this.serial % 3600)) * 1000));
    }
  }

  private register(dealer: SimDealer, day: number, now: Date) {
    const random = seededRandom(Math.floor(this.random() * 2 ** 32));
    const serial = this.serial++;
    const region = this.network.regions.find((r) => r.id === dealer.regionId);
    if (!region) throw new Error(`no region ${dealer.regionId}`);
    const country = pickOne(random, region.countries);
    const product = pickWeighted<SimProduct>(
      random,
      this.network.products.map((p) => [p, p.productLine === 'custom' ? 0.6 : 1] as const),
    );
    const quantity = 1 + Math.floor(random() * random() * 4);
    const currency = chance(random, 0.05) ? 'USD' : (CURRENCY_OF_COUNTRY[country] ?? 'EUR');
    const rate = currency === 'EUR' ? 1 : (this.network.program.fxRates[currency] as number);
    const value = Math.round((logNormal(random, product.medianPrice, product.sizeSpread) * quantity) / rate / 100) * 100;
    const winChance = Math.min(0.92, Math.max(0.03, dealer.skill * product.winFactor));
    const cycle = Math.round(30 + logNormal(random, 100, 0.45));
    const trueStage: Stage = pickWeighted(random, [
      ['early', 0.75],
      ['mid', 0.2],
      ['late', 0.05],
    ] as const);
    const givesStage = !chance(random, dealer.noStage);
    const registeredValue = Math.max(100, Math.round((value * (1 + dealer.valueOptimism * uniform(random, 0.4, 1.6))) / 100) * 100);
    const statedDay = Math.max(day + 21, day + cycle - Math.round(dealer.slipDays * uniform(random, 0.3, 1.7)));
    const id = `reg_sim${String(serial).padStart(21, '0')}`;
    const truth: DealTruth = {
      registrationId: id,
      dealerId: dealer.id,
      regionId: dealer.regionId,
      productLine: product.productLine,
      winChance,
      wins: chance(random, winChance),
      decisionDay: day + cycle,
      value,
    };
    const reported = givesStage ? this.reportedStage(random, dealer, trueStage) : undefined;
    const registration = newRegistration({
      id,
      dealerId: dealer.id,
      regionId: dealer.regionId,
      input: {
        customer: { name: `Simulated customer ${serial}`, country, city: 'Simcity' },
        contact: { name: 'Buyer', email: `buyer-${serial}@customer.example` },
        products: [{ sku: product.sku, quantity }],
        expectedValue: { amount: registeredValue, currency },
        expectedCloseDate: isoDate(statedDay),
        ...(reported ? { stage: reported } : {}),
      },
      catalog: { productLineOf: (sku) => this.lineOf.get(sku) },
      program: this.network.program,
      now,
    });
    const deal: Deal = { truth, dealer, registration: undefined as unknown as StoredRegistration, trueStage, givesStage, random };
    this.change(deal, registration);
    this.truths.set(id, truth);
    this.deals.set(id, deal);
    this.schedule(day + 1 + Math.floor(random() * 3), deal, (d, at) => this.review(d, at));
    this.planStages(deal, day, cycle);
    this.schedule(statedDay + 1, deal, (d, at, today) => this.statedDatePassed(d, at, today));
    this.schedule(truth.decisionDay - Math.floor(uniform(random, 5, 30)), deal, (d, at, today) => this.closeIsNear(d, at, today));
    this.schedule(truth.decisionDay + Math.floor(random() * 12 * (1.2 - dealer.discipline)), deal, (d, at) => this.decide(d, at));
  }

  /** The stage a dealer reports for a true stage: sometimes one step later than it is. */
  private reportedStage(random: Random, dealer: SimDealer, truth: Stage): Stage {
    const index = STAGES.indexOf(truth);
    return chance(random, dealer.stageOptimism) ? (STAGES[Math.min(2, index + 1)] as Stage) : truth;
  }

  /** Winners grow to mid and late; losers often stall early and rarely get late. */
  private planStages(deal: Deal, day: number, cycle: number) {
    const { random, truth } = deal;
    const steps: [Stage, number][] = truth.wins
      ? [
          ['mid', 0.35],
          ['late', 0.7],
        ]
      : chance(random, 0.5)
        ? chance(random, 0.3)
          ? [
              ['mid', 0.4],
              ['late', 0.75],
            ]
          : [['mid', 0.4]]
        : [];
    for (const [stage, share] of steps) {
      if (STAGES.indexOf(stage) <= STAGES.indexOf(deal.trueStage)) continue;
      const at = day + Math.round(cycle * share * uniform(random, 0.8, 1.2));
      this.schedule(at, deal, (d, now) => {
        if (STAGES.indexOf(stage) <= STAGES.indexOf(d.trueStage)) return;
        d.trueStage = stage;
        if (!d.givesStage || !chance(d.random, d.dealer.discipline)) return;
        const reported = this.reportedStage(d.random, d.dealer, stage);
        const current = d.registration.stage as Stage | undefined;
        if (current && STAGES.indexOf(current) >= STAGES.indexOf(reported)) return;
        this.update(d, now, { stage: reported });
      });
    }
  }

  private update(deal: Deal, now: Date, update: RegistrationUpdate) {
    this.change(
      deal,
      applyUpdate({
        registration: deal.registration,
        update,
        catalog: { productLineOf: (s) => this.lineOf.get(s) },
        program: this.network.program,
        now,
      }),
    );
  }

  private review(deal: Deal, now: Date) {
    if (deal.registration.status !== 'submitted') return;
    const approve = !chance(deal.random, 0.05);
    this.change(
      deal,
      applyDecision({
        registration: deal.registration,
        decision: approve ? { decision: 'approve' } : { decision: 'reject', reason: 'Customer already served directly' },
        program: this.network.program,
        now,
      }),
    );
    if (!approve) return;
    this.planExpiry(deal, dayOf(deal.registration.protectedUntil as string));
  }

  /** The expiry job's daily steps that matter: each warning day and the day the protection ends. */
  private planExpiry(deal: Deal, endDay: number) {
    for (const days of [...this.network.program.expiryWarningDays, 0]) {
      this.schedule(endDay - days, deal, (d, now, today) => {
        if (dayOf(d.registration.protectedUntil as string) !== endDay) return;
        const step = applyExpiryStep({ registration: d.registration, now: new Date(dayDate(today).getTime() + 24 * 3600_000 - 60_000) });
        if (!step) return;
        this.change(d, step.next);
        if (step.expired && d.truth.wins) d.truth.expiredAlive = true;
        if (!step.expired && days === Math.max(...this.network.program.expiryWarningDays)) this.maybeExtend(d, now, today);
      });
    }
  }

  /** At the first expiry warning a dealer asks for more time for a live deal, if it is disciplined enough. */
  private maybeExtend(deal: Deal, now: Date, today: number) {
    const { random, dealer, truth } = deal;
    const alive = truth.decisionDay >= today;
    if (deal.registration.extension || !chance(random, alive ? 0.5 + 0.5 * dealer.discipline : 0.1)) return;
    this.change(
      deal,
      applyExtensionRequest({
        registration: deal.registration,
        request: { days: this.network.program.extensionMaxDays, reason: 'Customer decision moved' },
        program: this.network.program,
        now,
      }),
    );
    this.schedule(today + 2, deal, (d, at) => {
      const approve = chance(d.random, 0.9);
      this.change(
        d,
        applyExtensionDecision({
          registration: d.registration,
          decision: approve ? { decision: 'approve' } : { decision: 'reject', reason: 'No progress shown' },
          program: this.network.program,
          now: at,
        }),
      );
      if (approve) this.planExpiry(d, dayOf(d.registration.protectedUntil as string));
    });
  }

  /** The stated close date passed with the deal open: a disciplined dealer moves it out, a sloppy one leaves it. */
  private statedDatePassed(deal: Deal, now: Date, today: number) {
    if (deal.registration.expectedCloseDate >= isoDate(today)) return;
    const { random, dealer } = deal;
    if (!chance(random, dealer.discipline)) return;
    const moved = today + Math.round(uniform(random, 20, 75));
    this.update(deal, now, { expectedCloseDate: isoDate(moved) });
    this.schedule(moved + 1, deal, (d, at, day) => this.statedDatePassed(d, at, day));
  }

  /** Shortly before the customer decides, a disciplined dealer knows the date (and, for a winner, the price). */
  private closeIsNear(deal: Deal, now: Date, today: number) {
    const { random, dealer, truth } = deal;
    if (!chance(random, dealer.discipline * 0.8)) return;
    const update: RegistrationUpdate = { expectedCloseDate: isoDate(Math.max(today, truth.decisionDay)) };
    if (truth.wins && chance(random, 0.5)) update.expectedValue = { ...deal.registration.expectedValue, amount: truth.value };
    if (update.expectedCloseDate === deal.registration.expectedCloseDate && !update.expectedValue) return;
    this.update(deal, now, update);
  }

  /** The customer decided: a win is always reported (it earns the dealer its margin); a loss only by the disciplined. */
  private decide(deal: Deal, now: Date) {
    const { random, dealer, truth } = deal;
    if (deal.registration.status !== 'approved') return;
    const closedOn = isoDate(truth.decisionDay);
    if (truth.wins) {
      const actualValue = { amount: truth.value, currency: deal.registration.expectedValue.currency };
      this.change(
        deal,
        applyOutcome({
          registration: deal.registration,
          outcome: { result: 'won', closedOn, actualValue },
          program: this.network.program,
          now,
        }),
      );
    } else if (chance(random, dealer.discipline)) {
      this.change(
        deal,
        chance(random, 0.8)
          ? applyOutcome({
              registration: deal.registration,
              outcome: { result: 'lost', closedOn, lostReason: 'Price' },
              program: this.network.program,
              now,
            })
          : applyWithdrawal({ registration: deal.registration, now }),
      );
    }
  }
}
