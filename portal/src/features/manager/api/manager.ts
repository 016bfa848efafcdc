/** What the manufacturer side's pages read and change (TanStack Query), keyed so a change refreshes what shows it. */
import type { BusinessReview } from '@shared/schemas/business-reviews.js';
import type { Conflict } from '@shared/schemas/rules.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Page, Registration } from '../../registrations/api/types.js';

export type { BusinessReview, Conflict };

export function useReviewQueue() {
  return useQuery({ queryKey: ['reviews'], queryFn: ({ signal }) => api.get<Page<Registration>>('/reviews?limit=100', signal) });
}

export function useProgram() {
  return useQuery({
    queryKey: ['program'],
    queryFn: ({ signal }) =>
      api.get<{ reviewTargetHours: number; reviewLimitHours: number; reportingCurrency: string }>('/program', signal),
    staleTime: 300_000,
  });
}

export const decide = (id: string, decision: 'approve' | 'reject', reason: string) =>
  api.post<Registration>(`/registrations/${encodeURIComponent(id)}/decision`, { decision, reason });

export function useConflicts(state: 'open' | 'resolved') {
  return useQuery({
    queryKey: ['conflicts', state],
    queryFn: ({ signal }) => api.get<Page<Conflict>>(`/conflicts?state=${state}&limit=100`, signal),
  });
}

export function useConflict(id: string) {
  return useQuery({
    queryKey: ['conflict', id],
    queryFn: ({ signal }) => api.get<Conflict>(`/conflicts/${encodeURIComponent(id)}`, signal),
  });
}

export function useConflictAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: { kind: 'escalate'; note?: string } | { kind: 'resolve'; winner: string; basis: string; note: string }) =>
      action.kind === 'escalate'
        ? api.post<Conflict>(`/conflicts/${encodeURIComponent(id)}/escalate`, action.note ? { note: action.note } : {})
        : api.post<Conflict>(`/conflicts/${encodeURIComponent(id)}/resolve`, {
            winner: action.winner,
            basis: action.basis,
            note: action.note,
          }),
    onSuccess: (conflict) => {
      client.setQueryData(['conflict', id], conflict);
      void client.invalidateQueries({ queryKey: ['conflicts'] });
    },
  });
}

const reviewPath = (dealerId: string, quarter: string) => `/dealers/${encodeURIComponent(dealerId)}/business-reviews/${quarter}`;

export function useBusinessReview(dealerId: string, quarter: string) {
  return useQuery({
    queryKey: ['business-review', dealerId, quarter],
    queryFn: ({ signal }) => api.get<BusinessReview>(reviewPath(dealerId, quarter), signal),
  });
}

export function useHoldReview(dealerId: string, quarter: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { heldOn: string; commitments: { text: string; owner: string; due: string }[] }) =>
      api.post<BusinessReview>(reviewPath(dealerId, quarter), body),
    onSuccess: (review) => client.setQueryData(['business-review', dealerId, quarter], review),
  });
}

/** The quarter a date falls in (`YYYY-Qn`). */
export const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
