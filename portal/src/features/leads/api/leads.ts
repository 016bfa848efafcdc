/** The leads API: a dealer's inbox and answers, the managers' desk and routing by hand, admins' new leads. */
import type { DealerLead, Lead, LeadConversion, LeadInput, LeadStatus } from '@shared/schemas/leads.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';
import type { Registration } from '../../registrations/api/types.js';

export type { DealerLead, Lead, LeadStatus };
export type AnyLead = Lead | DealerLead;

interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface LeadFilter {
  status?: LeadStatus | undefined;
  cursor?: string | undefined;
  limit?: number;
}

export const leadKeys = {
  all: ['leads'] as const,
  list: (filter: LeadFilter) => ['leads', 'list', filter] as const,
  one: (id: string) => ['leads', 'one', id] as const,
};

const leadPath = (id: string) => `/leads/${encodeURIComponent(id)}`;

export function useLeads<T extends AnyLead = AnyLead>(filter: LeadFilter) {
  return useQuery({
    queryKey: leadKeys.list(filter),
    queryFn: ({ signal }) =>
      api.get<Page<T>>(`/leads${queryString({ status: filter.status, cursor: filter.cursor, limit: filter.limit ?? 25 })}`, signal),
    placeholderData: keepPreviousData,
    // Leads arrive and move on by routing elsewhere: a list shown again is read again.
    staleTime: 0,
  });
}

export function useLead<T extends AnyLead = AnyLead>(id: string) {
  return useQuery({ queryKey: leadKeys.one(id), queryFn: ({ signal }) => api.get<T>(leadPath(id), signal) });
}

/** A change of one lead: the answer replaces the cached lead, and every list is read again. */
function useLeadChange<TInput, TAnswer extends AnyLead>(id: string, send: (input: TInput) => Promise<TAnswer>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (lead) => {
      client.setQueryData(leadKeys.one(id), lead);
      void client.invalidateQueries({ queryKey: leadKeys.all });
    },
  });
}

export const useAcceptLead = (id: string) => useLeadChange(id, () => api.post<DealerLead>(`${leadPath(id)}/accept`, undefined));

export const useDeclineLead = (id: string) =>
  useLeadChange(id, (reason: string) => api.post<DealerLead>(`${leadPath(id)}/decline`, { reason }));

export const useRouteLead = (id: string) => useLeadChange(id, (dealerId: string) => api.post<Lead>(`${leadPath(id)}/route`, { dealerId }));

export function useConvertLead(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LeadConversion) => api.post<Registration>(`${leadPath(id)}/convert`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: leadKeys.all });
      void client.invalidateQueries({ queryKey: ['registrations'] });
    },
  });
}

/** Creates one lead; the key makes a retry after a lost answer return the first lead instead of a second one. */
export const createLead = (input: LeadInput, idempotencyKey: string) =>
  api.post<Lead>('/leads', input, { 'Idempotency-Key': idempotencyKey });

export function useCreateLead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: LeadInput; idempotencyKey: string }) => createLead(input, idempotencyKey),
    onSuccess: (lead) => {
      client.setQueryData(leadKeys.one(lead.id), lead);
      void client.invalidateQueries({ queryKey: leadKeys.all });
    },
  });
}
