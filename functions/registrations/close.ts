import { registrationRoutes } from '../../shared/api/registrations.js';
import { program } from '../../shared/db/setup-repository.js';
import { tiers } from '../../shared/db/tier-repository.js';
import { applyOutcome, applyWithdrawal } from '../../shared/domain/registration-changes.js';
import { earnedOnWin, STARTING_TIER } from '../../shared/domain/tier-ranking.js';
import { registrationResult } from '../../shared/http/registration-result.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { changeRegistration } from '../../shared/registrations/change.js';
import { tierSettingsOf } from '../../shared/schemas/setup.js';

export const withdraw = httpRoute(registrationRoutes.withdraw, async ({ caller, params }) => {
  const { registration } = await changeRegistration({
    id: params.id,
    caller,
    now: () => new Date(),
    compute: (current, now) => ({
      next: applyWithdrawal({ registration: current, now }),
      action: 'withdrawn',
      happening: { kind: 'withdrawn' },
    }),
  });
  return registrationResult(registration, caller);
});

export const outcome = httpRoute(registrationRoutes.outcome, async ({ caller, params, body }) => {
  const [settings, standing] = await Promise.all([
    program.get(),
    body.result === 'won' && caller.dealerId ? tiers.current(caller.dealerId) : undefined,
  ]);
  const earned = earnedOnWin(standing?.tier ?? STARTING_TIER, tierSettingsOf(settings));
  const { registration } = await changeRegistration({
    id: params.id,
    caller,
    now: () => new Date(),
    compute: (current, now) => ({
      next: applyOutcome({ registration: current, outcome: body, program: settings, now, earned }),
      action: body.result,
      detail: body.result === 'lost' ? body.lostReason : undefined,
      happening: { kind: 'closed' },
    }),
  });
  return registrationResult(registration, caller);
});
