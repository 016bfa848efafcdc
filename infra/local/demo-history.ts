/**
 * A plausible year of history for the demo dealers, written through the real use cases with the clock set back:
 * registrations in every state (pending, in conflict, protected and about to expire, won, lost, rejected,
 * withdrawn, expired), the KPI inputs of fifteen months, and a tier run — so every portal page shows something real.
 */

import { program as programRepository } from '../../shared/db/setup-repository.js';
import { tiers } from '../../shared/db/tier-repository.js';
import type { Caller } from '../../shared/domain/caller.js';
import { applyOutcome, applyWithdrawal } from '../../shared/domain/registration-changes.js';
import { earnedOnWin, STARTING_TIER } from '../../shared/domain/tier-ranking.js';
import { scheduledJobs } from '../../shared/jobs/scheduled-jobs.js';
import { importInputs } from '../../shared/partner-program/inputs.js';
import { changeRegistration } from '../../shared/registrations/change.js';
import { decideRegistration } from '../../shared/registrations/decide.js';
import { submitRegistration } from '../../shared/registrations/submit.js';
import type { RegistrationInput } from '../../shared/schemas/registration.js';
import { tierSettingsOf } from '../../shared/schemas/setup.js';
import { DEMO_USERS } from './demo-users.js';

const DAY_MS = 86_400_000;

/** A small deterministic generator, so every fresh start seeds the same story. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
    between: (a: number, b: number) => a + Math.floor(next() * (b - a + 1)),
  };
}

const CUSTOMERS: Record<string, readonly [string, string, string][]> = {
  DE: [
    ['Müller Maschinenbau GmbH', 'Stuttgart', '70173'],
    ['Schwarzwald Präzisionsteile GmbH', 'Freiburg', '79098'],
    ['Hansa Metallbau KG', 'Hamburg', '20095'],
    ['Bayerische Antriebstechnik AG', 'München', '80331'],
    ['Rheinland Werkzeugbau GmbH', 'Köln', '50667'],
    ['Sächsische Gießerei GmbH', 'Dresden', '01067'],
    ['Weser Stahlbau GmbH', 'Bremen', '28195'],
    ['Allgäuer Feinmechanik GmbH', 'Kempten', '87435'],
    ['Pfalz Fahrzeugteile GmbH', 'Kaiserslautern', '67655'],
    ['Neckar Hydraulik GmbH', 'Heilbronn', '74072'],
    ['Elbe Apparatebau GmbH', 'Magdeburg', '39104'],
    ['Franken Drehteile GmbH & Co. KG', 'Nürnberg', '90402'],
  ],
  AT: [
    ['Steirische Fräsmanufaktur GmbH', 'Graz', '8010'],
    ['Tiroler Maschinen AG', 'Innsbruck', '6020'],
    ['Wiener Präzision GmbH', 'Wien', '1010'],
  ],
  CH: [
    ['Zürcher Feinwerk AG', 'Zürich', '8001'],
    ['Berner Gerätebau AG', 'Bern', '3011'],
  ],
  NL: [
    ['Van der Berg Metaalbewerking B.V.', 'Eindhoven', '5611'],
    ['Hollandse Machinefabriek B.V.', 'Rotterdam', '3011'],
    ['De Vries Precisietechniek B.V.', 'Enschede', '7511'],
    ['Twentse Draaierij B.V.', 'Hengelo', '7551'],
    ['Brabant Constructie B.V.', 'Tilburg', '5038'],
  ],
  BE: [
    ['Vlaamse Verspaning NV', 'Gent', '9000'],
    ['Antwerp Tooling NV', 'Antwerpen', '2000'],
  ],
};
/** Plants and branches of the same companies, so a year holds many distinct customers. */
const BRANCHES = ['Werk Nord', 'Werk Süd', 'Plant 2', 'Division Automotive', 'Division Energy', 'Service Center'];
const CONTACTS = [
  'Eva Müller',
  'Jonas Weber',
  'Lisa Schneider',
  'Paul Fischer',
  'Sanne de Jong',
  'Pieter Bakker',
  'Anna Huber',
  'Lukas Gruber',
];
const SKUS = [
  ['MX-200', 18_000_000, 60_000_000],
  ['MX-500', 45_000_000, 140_000_000],
  ['LT-300', 8_000_000, 30_000_000],
  ['CB-900', 90_000_000, 250_000_000],
] as const;
const STAGES = ['early', 'mid', 'late'] as const;
const LOST_REASONS = ['Price', 'Delivery time', 'Customer postponed the investment', 'Lost to a competitor'];

type Fate = 'pending' | 'approved' | 'expiring' | 'won' | 'lost' | 'rejected' | 'withdrawn' | 'expired';

/** What becomes of a registration submitted `ageDays` ago. */
function fateOf(ageDays: number, roll: number): Fate {
  if (ageDays < 4) return 'pending';
  if (ageDays >= 78 && ageDays <= 88 && roll < 0.7) return 'expiring';
  if (ageDays < 75) return roll < 0.12 ? 'rejected' : roll < 0.2 ? 'withdrawn' : roll < 0.45 ? 'won' : roll < 0.55 ? 'lost' : 'approved';
  return roll < 0.1 ? 'rejected' : roll < 0.17 ? 'withdrawn' : roll < 0.62 ? 'won' : roll < 0.85 ? 'lost' : 'expired';
}

const isoDate = (at: Date) => at.toISOString().slice(0, 10);
const monthsBack = (now: Date, count: number) =>
  Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - count + i, 1)).toISOString().slice(0, 7),
  );

export interface HistoryCounts {
  registrations: number;
  kpiRows: number;
}

export async function seedDemoHistory(now = new Date()): Promise<HistoryCounts> {
  const random = generator(20_26);
  const settings = await programRepository.get();
  const dealers = DEMO_USERS.filter((u) => u.role === 'dealer' && u.dealerRole === 'admin');
  const managerOf = (regionId: string): Caller => {
    const manager = DEMO_USERS.find((u) => u.role === 'partner_manager' && u.regions?.includes(regionId));
    return { role: 'partner_manager', subject: manager?.subject ?? 'demo-manager', email: manager?.email ?? '', regions: [regionId] };
  };
  let registrations = 0;
  const pendingByDealer = new Map<string, RegistrationInput[]>();

  for (const user of dealers) {
    const dealerId = user.dealerId as string;
    const regionId = dealerId === 'dealer-polder' ? 'benelux' : 'dach';
    const countries = regionId === 'benelux' ? ['NL', 'NL', 'NL', 'BE'] : ['DE', 'DE', 'DE', 'AT', 'CH'];
    const caller: Caller = { role: 'dealer', subject: user.subject, email: user.email, dealerId, regions: [] };
    const manager = managerOf(regionId);
    const used = new Set<string>();
    for (let i = 0; i < 40; i++) {
      // A few fresh ones waiting for review, two protections about to end, the rest spread over the year.
      const ageDays = i < 3 ? random.between(0, 3) : i < 5 ? 82 : random.between(5, 360);
      const submittedAt = new Date(now.getTime() - ageDays * DAY_MS - random.between(1, 8) * 3_600_000);
      const country = random.pick(countries);
      const [base, city, postalCode] = random.pick(CUSTOMERS[country] ?? []);
      const name = i % 3 === 0 ? base : `${random.pick(BRANCHES)} ${base}`;
      // Each dealer registers a customer once; the two DACH dealers share some, which makes real conflicts.
      if (used.has(name)) continue;
      used.add(name);
      const [sku, low, high] = random.pick(SKUS);
      const input: RegistrationInput = {
        customer: { name, country, city, postalCode },
        contact: {
          name: random.pick(CONTACTS),
          email: `purchasing@${
            name
              .split(' ')[0]
              ?.toLowerCase()
              .replace(/[^a-z]/g, '') || 'customer'
          }.example`,
        },
        products: [{ sku, quantity: random.between(1, 4) }],
        expectedValue: { amount: Math.round(random.between(low, high) / 100_000) * 100_000, currency: 'EUR' },
        expectedCloseDate: isoDate(new Date(submittedAt.getTime() + random.between(30, 150) * DAY_MS)),
        stage: random.pick(STAGES),
        nextSteps: 'Demo at the customer site',
      };
      const { registration } = await submitRegistration({ caller, input, now: submittedAt });
      registrations += 1;
      if (registration.status !== 'submitted') continue;
      const fate = fateOf(ageDays, random.next());
      if (fate === 'pending') {
        pendingByDealer.set(dealerId, [...(pendingByDealer.get(dealerId) ?? []), input]);
        continue;
      }
      const decidedAt = new Date(submittedAt.getTime() + random.between(4, 40) * 3_600_000);
      const decidedAtForExpiry =
        fate === 'expiring' ? new Date(now.getTime() - (settings.protectionDays - random.between(2, 12)) * DAY_MS) : decidedAt;
      await decideRegistration({
        id: registration.id,
        caller: manager,
        purpose: 'review',
        decision:
          fate === 'rejected'
            ? { decision: 'reject', reason: 'Already in a direct negotiation with the customer' }
            : { decision: 'approve', reason: 'First to register' },
        channel: 'api',
        now: () => decidedAtForExpiry,
      });
      if (fate === 'rejected' || fate === 'approved' || fate === 'expiring' || fate === 'expired') continue;
      const closedAt = new Date(Math.min(now.getTime() - DAY_MS, decidedAt.getTime() + random.between(10, 80) * DAY_MS));
      const standing = await tiers.current(dealerId);
      const earned = earnedOnWin(standing?.tier ?? STARTING_TIER, tierSettingsOf(settings));
      await changeRegistration({
        id: registration.id,
        caller,
        now: () => closedAt,
        compute: (current, at) =>
          fate === 'withdrawn'
            ? { next: applyWithdrawal({ registration: current, now: at }), action: 'withdrawn', happening: { kind: 'withdrawn' } }
            : fate === 'won'
              ? {
                  next: applyOutcome({
                    registration: current,
                    outcome: { result: 'won', closedOn: isoDate(at) },
                    program: settings,
                    now: at,
                    earned,
                  }),
                  action: 'won',
                  happening: { kind: 'closed' },
                }
              : {
                  next: applyOutcome({
                    registration: current,
                    outcome: { result: 'lost', closedOn: isoDate(at), lostReason: random.pick(LOST_REASONS) },
                    program: settings,
                    now: at,
                    earned,
                  }),
                  action: 'lost',
                  detail: 'Lost',
                  happening: { kind: 'closed' },
                },
      });
    }
  }

  // Rhein Technik registers two customers Alpine already has under review: it sees only the conflict notice.
  const rhein = dealers.find((u) => u.dealerId === 'dealer-rhein');
  for (const input of (pendingByDealer.get('dealer-alpine') ?? []).slice(0, 2)) {
    if (!rhein) break;
    const caller: Caller = { role: 'dealer', subject: rhein.subject, email: rhein.email, dealerId: 'dealer-rhein', regions: [] };
    await submitRegistration({
      caller,
      input: { ...input, expectedValue: { amount: input.expectedValue.amount + 5_000_000, currency: 'EUR' } },
      now,
    });
    registrations += 1;
  }

  // Fifteen months of KPI inputs (ERP revenue, training, marketing, support, satisfaction) for the tier run.
  const months = monthsBack(now, 15);
  const scale: Record<string, number> = { 'dealer-alpine': 1.4, 'dealer-rhein': 0.8, 'dealer-polder': 1 };
  const rows = {
    revenue: [] as unknown[],
    training: [] as unknown[],
    marketing: [] as unknown[],
    support: [] as unknown[],
    satisfaction: [] as unknown[],
  };
  for (const user of dealers) {
    const dealerId = user.dealerId as string;
    const factor = scale[dealerId] ?? 1;
    months.forEach((month, index) => {
      const growth = 1 + index * 0.015 * factor;
      rows.revenue.push({
        dealerId,
        month,
        productLine: 'milling',
        amount: Math.round(factor * growth * random.between(6_000_000, 12_000_000)) * 100,
        currency: 'EUR',
      });
      rows.revenue.push({
        dealerId,
        month,
        productLine: 'turning',
        amount: Math.round(factor * random.between(1_500_000, 4_000_000)) * 100,
        currency: 'EUR',
      });
      for (const [n, moduleId] of ['safety', 'mx-series', 'service'].entries()) {
        rows.training.push({ dealerId, month, userId: `${dealerId}-user-${n}`, moduleId, completed: random.next() < 0.45 + factor * 0.25 });
      }
      rows.marketing.push({ dealerId, month, campaignId: `campaign-${month}`, participated: random.next() < 0.4 + factor * 0.3 });
      rows.support.push({ dealerId, month, tickets: random.between(0, 6) });
      rows.satisfaction.push({ dealerId, month, responses: random.between(3, 12), score: random.between(62, 92) });
    });
  }
  let kpiRows = 0;
  for (const [kind, items] of Object.entries(rows) as [keyof typeof rows, unknown[]][]) {
    await importInputs(kind, { format: 'json', text: JSON.stringify({ items }) }, now);
    kpiRows += items.length;
  }

  // The last two quarterly tier runs, as the schedule would have made them, then today's expiry sweep.
  await scheduledJobs.tiers(new Date(now.getTime() - 92 * DAY_MS));
  await scheduledJobs.tiers(now);
  await scheduledJobs.protections(now);
  return { registrations, kpiRows };
}
