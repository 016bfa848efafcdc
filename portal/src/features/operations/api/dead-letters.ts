/** The outbox's dead letters: mails and events delivery gave up on, and their replay (channel admins). */
import type { DeadLetter as DeadLetterSchema, DeadLetterReplay as ReplaySchema } from '@shared/schemas/outbox.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as z from 'zod';
import { api, queryString } from '../../../lib/api-client.js';

export type DeadLetter = z.infer<typeof DeadLetterSchema>;
export type DeadLetterReplay = z.infer<typeof ReplaySchema>;

const deadLetterKeys = { all: ['dead-letters'] as const, page: (cursor: string | undefined) => ['dead-letters', cursor ?? ''] as const };

export function useDeadLetters(cursor: string | undefined) {
  return useQuery({
    queryKey: deadLetterKeys.page(cursor),
    queryFn: ({ signal }) =>
      api.get<{ items: DeadLetter[]; nextCursor?: string }>(`/outbox/dead-letters${queryString({ cursor, limit: 25 })}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReplay() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<DeadLetterReplay>(`/outbox/dead-letters/${encodeURIComponent(id)}/replay`, undefined),
    onSuccess: () => client.invalidateQueries({ queryKey: deadLetterKeys.all }),
  });
}
