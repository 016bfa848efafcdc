/** A dealer admin's integrations: API clients (POST/GET/DELETE /api-clients) and webhooks (/webhooks). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api-client.js';

export interface ApiClient {
  clientId: string;
  name: string;
  scopes: string[];
  status: 'active' | 'revoked';
  createdAt: string;
  revokedAt?: string;
  tokenUrl: string;
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  description?: string;
  createdAt: string;
  secretRotatedAt?: string;
  previousSecretValidUntil?: string;
}

export interface WebhookDelivery {
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  createdAt: string;
  nextAttemptAt?: string;
  deliveredAt?: string;
  attempts: { at: string; statusCode?: number; error?: string; durationMs: number }[];
}

const page = <T>(path: string, signal?: AbortSignal) => api.get<{ items: T[] }>(path, signal).then((p) => p.items);

export function useApiClients() {
  return useQuery({ queryKey: ['api-clients'], queryFn: ({ signal }) => page<ApiClient>('/api-clients?limit=100', signal) });
}

export function useCreateApiClient() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; scopes: string[] }) => api.post<ApiClient & { clientSecret: string }>('/api-clients', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-clients'] }),
  });
}

export function useRevokeApiClient() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (clientId: string) => apiRequest<void>('DELETE', `/api-clients/${encodeURIComponent(clientId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-clients'] }),
  });
}

export function useWebhooks() {
  return useQuery({ queryKey: ['webhooks'], queryFn: ({ signal }) => page<Webhook>('/webhooks?limit=100', signal) });
}

export function useCreateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { url: string; events: string[] }) => api.post<Webhook & { secret: string }>('/webhooks', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

export function useRotateSecret() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Webhook & { secret: string }>(`/webhooks/${encodeURIComponent(id)}/secret`, undefined),
    onSuccess: () => client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

export function useDeleteWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>('DELETE', `/webhooks/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

export function useDeliveries(id: string) {
  return useQuery({
    queryKey: ['webhooks', id, 'deliveries'],
    queryFn: ({ signal }) => page<WebhookDelivery>(`/webhooks/${encodeURIComponent(id)}/deliveries?limit=25`, signal),
    refetchInterval: 5_000,
  });
}
