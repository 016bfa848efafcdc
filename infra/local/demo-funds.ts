/**
 * Demo co-marketing funds through the real use cases: the current quarter's budget per tier, allocated to every
 * demo dealer by the funds schedule's own step (after the history's tier runs, so by the tier each holds), and two
 * requests of Alpine Maschinen — one waiting in Petra Maier's funds queue, one approved for less than asked whose
 * activity ends today, so Anna Berger can claim it with an upload at once.
 */
import { program } from '../../shared/db/setup-repository.js';
import type { Caller } from '../../shared/domain/caller.js';
import { periodOf } from '../../shared/domain/funds.js';
import { openPeriod } from '../../shared/funds/allocations.js';
import { putBudget } from '../../shared/funds/budgets.js';
import { decideFundRequest, submitFundRequest } from '../../shared/funds/requests.js';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const DAY_MS = 86_400_000;

const anna: Caller = {
  role: 'dealer',
  subject: 'demo-anna-berger',
  email: 'anna.berger@alpine.example',
  dealerId: 'dealer-alpine',
  dealerAdmin: true,
  regions: [],
};
const petra: Caller = { role: 'partner_manager', subject: 'demo-petra-maier', email: 'pm.dach@manufacturer.example', regions: ['dach'] };

export async function seedDemoFunds(now = new Date()): Promise<{ period: string; allocated: number }> {
  const today = now.toISOString().slice(0, 10);
  const budget = { byTier: { gold: eur(2_500_000), silver: eur(1_000_000), bronze: eur(400_000) }, costSharePercent: 50, claimDays: 60 };
  await putBudget(periodOf(today), budget, await program.get(), now);
  const opened = await openPeriod(now);
  await submitFundRequest({
    caller: anna,
    input: {
      activity: 'Open house with live demos of the MX-200',
      description: 'Two days of demos for customers in Upper Bavaria, with a catered lunch and printed brochures.',
      startsOn: today,
      endsOn: new Date(now.getTime() + 7 * DAY_MS).toISOString().slice(0, 10),
      cost: eur(640_000),
      requested: eur(320_000),
    },
    now,
  });
  const fair = await submitFundRequest({
    caller: anna,
    input: {
      activity: 'Booth at the regional machinery fair',
      description: 'Shared booth with the MX-200 and LT-300 running, flyers and a raffle.',
      startsOn: today,
      endsOn: today,
      cost: eur(1_200_000),
      requested: eur(600_000),
    },
    now,
  });
  await decideFundRequest({
    caller: petra,
    id: fair.request.id,
    decision: { decision: 'approve', approved: eur(500_000), reason: 'Booth share capped at 5,000 €' },
    now,
  });
  return opened;
}
