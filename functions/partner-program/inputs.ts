/** Bulk KPI inputs for channel admins: one handler per kind, all parsing and validation in the use case. */
import { kpiInputRoutes } from '../../shared/api/partner-program.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { importInputs } from '../../shared/partner-program/inputs.js';
import type { InputKind } from '../../shared/schemas/partner-program.js';

const upload = (kind: InputKind) =>
  httpRoute(kpiInputRoutes[kind], async ({ body }) => ({
    status: 200,
    body: await importInputs(kind, body, new Date()),
  }));

export const revenue = upload('revenue');
export const training = upload('training');
export const marketing = upload('marketing');
export const support = upload('support');
export const satisfaction = upload('satisfaction');
