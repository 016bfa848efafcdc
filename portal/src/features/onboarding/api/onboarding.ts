/** The onboarding API: the agreement in force and its acceptance, a dealer's users, partner applications. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';

export interface CurrentAgreement {
  version: string;
  title: string;
  body: string;
  material: boolean;
  effectiveFrom: string;
  accepted: boolean;
  acceptedAt?: string;
  blocking: boolean;
}

export interface DealerUser {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'user';
  status: 'active' | 'disabled';
  invitedAt: string;
  invitedBy: string;
  disabledAt?: string;
}

export interface Application {
  id: string;
  status: 'submitted' | 'approved' | 'declined';
  company: { name: string; country: string; city: string; vatId?: string; website?: string };
  contact: { name: string; email: string };
  message?: string;
  language: string;
  submittedAt: string;
  declineReason?: string;
  dealerId?: string;
}

export const useCurrentAgreement = () =>
  useQuery({ queryKey: ['agreement', 'current'], queryFn: ({ signal }) => api.get<CurrentAgreement>('/agreements/current', signal) });

export function useAcceptAgreement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: string) => api.post(`/agreements/${encodeURIComponent(version)}/accept`, undefined),
    onSuccess: () => client.invalidateQueries({ queryKey: ['agreement'] }),
  });
}

const usersPath = (dealerId: string) => `/dealers/${encodeURIComponent(dealerId)}/users`;

export const useDealerUsers = (dealerId: string) =>
  useQuery({
    queryKey: ['dealer-users', dealerId],
    queryFn: ({ signal }) => api.get<{ items: DealerUser[] }>(`${usersPath(dealerId)}?limit=100`, signal).then((page) => page.items),
  });

export function useInviteUser(dealerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name: string; admin: boolean }) => api.post<DealerUser>(usersPath(dealerId), input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['dealer-users', dealerId] }),
  });
}

export function useDisableUser(dealerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.post<DealerUser>(`${usersPath(dealerId)}/${encodeURIComponent(userId)}/disable`, undefined),
    onSuccess: () => client.invalidateQueries({ queryKey: ['dealer-users', dealerId] }),
  });
}

export const useApplications = (status: string) =>
  useQuery({
    queryKey: ['applications', status],
    queryFn: ({ signal }) =>
      api.get<{ items: Application[] }>(`/partner-applications${queryString({ status, limit: 100 })}`, signal).then((page) => page.items),
  });

export function useDecideApplication() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: Record<string, string> }) =>
      api.post<Application>(`/partner-applications/${encodeURIComponent(id)}/decision`, decision),
    onSuccess: () => client.invalidateQueries({ queryKey: ['applications'] }),
  });
}

export const submitApplication = (input: unknown) => api.post<{ status: string; message: string }>('/partner-applications', input);
