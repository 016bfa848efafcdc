/** The dealer's registrations: queries and changes (TanStack Query), keyed so a change refreshes what shows it. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, queryString } from '../../../lib/api-client.js';
import type {
  ExtensionRequest,
  HistoryEvent,
  Outcome,
  Page,
  Registration,
  RegistrationInput,
  RegistrationStatus,
  RegistrationUpdate,
} from './types.js';

export interface ListFilter {
  status?: RegistrationStatus | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit?: number;
}

export const registrationKeys = {
  all: ['registrations'] as const,
  list: (filter: ListFilter) => ['registrations', 'list', filter] as const,
  one: (id: string) => ['registrations', 'one', id] as const,
  history: (id: string) => ['registrations', 'history', id] as const,
};

const listPath = (filter: ListFilter) =>
  `/registrations${queryString({ status: filter.status, q: filter.q, cursor: filter.cursor, limit: filter.limit ?? 25 })}`;

export function useRegistrations(filter: ListFilter) {
  return useQuery({
    queryKey: registrationKeys.list(filter),
    queryFn: ({ signal }) => api.get<Page<Registration>>(listPath(filter), signal),
    placeholderData: keepPreviousData,
  });
}

/** Every registration in one status (a few pages at most for a dealer's open deals). */
export async function allInStatus(status: RegistrationStatus, signal?: AbortSignal, maxPages = 10): Promise<Registration[]> {
  const items: Registration[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await api.get<Page<Registration>>(listPath({ status, cursor, limit: 100 }), signal);
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export function useOpenRegistrations() {
  return useQuery({
    queryKey: ['registrations', 'open'],
    queryFn: async ({ signal }) => {
      const [submitted, inConflict, approved] = await Promise.all(
        (['submitted', 'in_conflict', 'approved'] as const).map((status) => allInStatus(status, signal)),
      );
      return { submitted: submitted ?? [], in_conflict: inConflict ?? [], approved: approved ?? [] };
    },
  });
}

export function useRegistration(id: string) {
  return useQuery({
    queryKey: registrationKeys.one(id),
    queryFn: ({ signal }) => api.get<Registration>(`/registrations/${encodeURIComponent(id)}`, signal),
  });
}

export function useHistory(id: string) {
  return useQuery({
    queryKey: registrationKeys.history(id),
    queryFn: ({ signal }) => api.get<Page<HistoryEvent>>(`/registrations/${encodeURIComponent(id)}/history?limit=100`, signal),
  });
}

/** The dealer's own registrations whose customer name contains `name`: a warning before registering twice. */
export function useOwnCustomerMatches(name: string) {
  const q = name.trim();
  return useQuery({
    queryKey: registrationKeys.list({ q, limit: 5 }),
    queryFn: ({ signal }) => api.get<Page<Registration>>(listPath({ q, limit: 5 }), signal),
    enabled: q.length >= 3,
    staleTime: 60_000,
  });
}

function useChange<TInput>(id: string, send: (input: TInput) => Promise<Registration>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (registration) => {
      client.setQueryData(registrationKeys.one(id), registration);
      void client.invalidateQueries({ queryKey: registrationKeys.all });
    },
  });
}

export function useSubmitRegistration() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: RegistrationInput; idempotencyKey: string }) =>
      api.post<Registration>('/registrations', input, { 'Idempotency-Key': idempotencyKey }),
    onSuccess: (registration) => {
      client.setQueryData(registrationKeys.one(registration.id), registration);
      void client.invalidateQueries({ queryKey: registrationKeys.all });
    },
  });
}

export const useUpdateRegistration = (id: string) =>
  useChange(id, ({ update, version }: { update: RegistrationUpdate; version: number }) =>
    api.patch<Registration>(`/registrations/${encodeURIComponent(id)}`, update, { 'If-Match': `"${version}"` }),
  );

export const useRequestExtension = (id: string) =>
  useChange(id, (request: ExtensionRequest) => api.post<Registration>(`/registrations/${encodeURIComponent(id)}/extensions`, request));

export const useReportOutcome = (id: string) =>
  useChange(id, (outcome: Outcome) => api.post<Registration>(`/registrations/${encodeURIComponent(id)}/outcome`, outcome));

export const useWithdraw = (id: string) =>
  useChange(id, () => apiRequest<Registration>('POST', `/registrations/${encodeURIComponent(id)}/withdraw`).then((r) => r.data));
