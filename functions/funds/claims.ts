import { fundRoutes } from '../../shared/api/funds.js';
import { visibleFundClaim } from '../../shared/funds/access.js';
import { claimsCsv, decideClaim, listClaims, markPaid, submitClaim, toApiFundClaim } from '../../shared/funds/claims.js';
import { proofDownloads } from '../../shared/funds/proof-files.js';
import { httpRoute } from '../../shared/http/route-handler.js';

export const submit = httpRoute(fundRoutes.submitClaim, async ({ caller, params, body }) => {
  const claim = await submitClaim({ caller, requestId: params.id, input: body, now: new Date() });
  return { status: 201, body: claim, headers: { location: `/fund-claims/${claim.id}` } };
});

export const list = httpRoute(fundRoutes.listClaims, async ({ caller, query }) => {
  if (query.format === 'json') return { status: 200, body: await listClaims(caller, query) };
  return {
    status: 200,
    body: await claimsCsv(caller, query.status),
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="fund-claims-${query.status}.csv"` },
  };
});

export const read = httpRoute(fundRoutes.getClaim, async ({ caller, params }) => ({
  status: 200,
  body: toApiFundClaim(await visibleFundClaim(caller, params.id)),
}));

export const proof = httpRoute(fundRoutes.claimProof, async ({ caller, params }) => ({
  status: 200,
  body: await proofDownloads(caller, params.id, new Date()),
}));

export const decide = httpRoute(fundRoutes.decideClaim, async ({ caller, params, body }) => ({
  status: 200,
  body: await decideClaim({ caller, id: params.id, decision: body, now: new Date() }),
}));

export const paid = httpRoute(fundRoutes.markPaid, async ({ caller, params, body }) => ({
  status: 200,
  body: await markPaid({ caller, id: params.id, payment: body, now: new Date() }),
}));
