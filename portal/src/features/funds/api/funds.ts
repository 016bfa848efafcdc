/** The co-marketing funds API: balances, requests, claims with their proof, payouts and budgets. */
import type {
  Budget as BudgetSchema,
  FundClaim as ClaimSchema,
  Funds as FundsSchema,
  ProofDownload as ProofSchema,
  FundRequest as RequestSchema,
} from '@shared/schemas/funds.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as z from 'zod';
import { ApiError, api, apiRequest, queryString } from '../../../lib/api-client.js';

export type Funds = z.infer<typeof FundsSchema>;
export type FundRequest = z.infer<typeof RequestSchema>;
export type FundClaim = z.infer<typeof ClaimSchema>;
export type ProofDownload = z.infer<typeof ProofSchema>;
export type Budget = z.infer<typeof BudgetSchema>;
export type Page<T> = { items: T[]; nextCursor?: string };

const fundKeys = {
  all: ['funds'] as const,
  balances: (period?: string, dealerId?: string) => ['funds', 'balances', period ?? 'current', dealerId ?? 'own'] as const,
  requests: (status: string | undefined, cursor: string | undefined) => ['funds', 'requests', status ?? 'default', cursor ?? ''] as const,
  request: (id: string) => ['funds', 'request', id] as const,
  claims: (status: string, cursor: string | undefined, limit: number) => ['funds', 'claims', status, cursor ?? '', limit] as const,
  proof: (claimId: string) => ['funds', 'proof', claimId] as const,
  budget: (period: string) => ['funds', 'budget', period] as const,
};

/** The quarter `YYYY-Qn` of today (UTC), the period the funds page shows. */
export function currentPeriod(now = new Date()) {
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

/** A dealer's own balances (no `dealerId`) or, for the manufacturer's roles, a named dealer's. */
export const useFunds = (options: { period?: string; dealerId?: string } = {}) =>
  useQuery({
    queryKey: fundKeys.balances(options.period, options.dealerId),
    queryFn: ({ signal }) => api.get<Funds>(`/funds${queryString({ period: options.period, dealerId: options.dealerId })}`, signal),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });

/** The dealer's own requests, or a manager's queue (default: the submitted ones). */
export const useFundRequests = (status?: string, cursor?: string) =>
  useQuery({
    queryKey: fundKeys.requests(status, cursor),
    queryFn: ({ signal }) => api.get<Page<FundRequest>>(`/fund-requests${queryString({ status, cursor, limit: 25 })}`, signal),
  });

export const useFundRequest = (id: string) =>
  useQuery({
    queryKey: fundKeys.request(id),
    queryFn: ({ signal }) => api.get<FundRequest>(`/fund-requests/${encodeURIComponent(id)}`, signal),
  });

export const useFundClaims = (status: string, cursor?: string, limit = 25) =>
  useQuery({
    queryKey: fundKeys.claims(status, cursor, limit),
    queryFn: ({ signal }) => api.get<Page<FundClaim>>(`/fund-claims${queryString({ status, cursor, limit })}`, signal),
  });

/** Fresh download links each time they are asked for: they are valid 5 minutes. */
export const useClaimProof = (claimId: string, enabled: boolean) =>
  useQuery({
    queryKey: fundKeys.proof(claimId),
    queryFn: ({ signal }) => api.get<Page<ProofDownload>>(`/fund-claims/${encodeURIComponent(claimId)}/proof`, signal),
    enabled,
    staleTime: 60_000,
  });

/** Every write changes balances: the whole funds cache is read again. */
function useFundsMutation<I, O>(mutationFn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: fundKeys.all }) });
}

export const useSubmitRequest = () =>
  useFundsMutation((input: { body: unknown; idempotencyKey: string }) =>
    api.post<FundRequest>('/fund-requests', input.body, { 'idempotency-key': input.idempotencyKey }),
  );

export const useDecideRequest = () =>
  useFundsMutation((input: { id: string; decision: unknown }) =>
    api.post<FundRequest>(`/fund-requests/${encodeURIComponent(input.id)}/decision`, input.decision),
  );

export const useSubmitClaim = () =>
  useFundsMutation((input: { requestId: string; body: unknown }) =>
    api.post<FundClaim>(`/fund-requests/${encodeURIComponent(input.requestId)}/claims`, input.body),
  );

export const useDecideClaim = () =>
  useFundsMutation((input: { id: string; decision: unknown }) =>
    api.post<FundClaim>(`/fund-claims/${encodeURIComponent(input.id)}/decision`, input.decision),
  );

export const useMarkPaid = () =>
  useFundsMutation((input: { id: string; paidOn: string; reference: string }) =>
    api.post<FundClaim>(`/fund-claims/${encodeURIComponent(input.id)}/paid`, { paidOn: input.paidOn, reference: input.reference }),
  );

/** A period's budget; `null` when none is set yet (404). */
export const useBudget = (period: string) =>
  useQuery({
    queryKey: fundKeys.budget(period),
    queryFn: ({ signal }) =>
      api.get<Budget>(`/funds/budgets/${encodeURIComponent(period)}`, signal).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
  });

export const usePutBudget = () =>
  useFundsMutation((input: { period: string; body: unknown }) =>
    apiRequest<Budget>('PUT', `/funds/budgets/${encodeURIComponent(input.period)}`, { body: input.body }).then((r) => r.data),
  );
