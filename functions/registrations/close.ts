import { applyOutcome, applyWithdrawal } from '../../shared/domain/registration-changes.js';
import { toApiRegistration } from '../../shared/domain/registration.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { changeRegistration } from '../../shared/registrations/change.js';
import type { Outcome } from '../../shared/schemas/registration.js';

type Params = { id: string };

export const withdraw = httpRoute<undefined, Record<string, never>, Params>(
  'POST /registrations/{id}/withdraw',
  async ({ caller, params }) => {
    const withdrawn = await changeRegistration({
      id: params.id,
      caller,
      action: 'withdrawn',
      now: () => new Date(),
      compute: (registration, now) => applyWithdrawal({ registration, now }),
    });
    return { status: 200, body: toApiRegistration(withdrawn), headers: { etag: `"${withdrawn.version}"` } };
  },
);

export const outcome = httpRoute<Outcome, Record<string, never>, Params>(
  'POST /registrations/{id}/outcome',
  async ({ caller, params, body }) => {
    const closed = await changeRegistration({
      id: params.id,
      caller,
      action: body.result === 'won' ? 'won' : 'lost',
      ...(body.result === 'lost' ? { detail: body.lostReason } : {}),
      now: () => new Date(),
      compute: (registration, now) => applyOutcome({ registration, outcome: body, now }),
    });
    return { status: 200, body: toApiRegistration(closed), headers: { etag: `"${closed.version}"` } };
  },
);
