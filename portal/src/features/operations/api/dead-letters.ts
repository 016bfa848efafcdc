/** The outbox's dead letters: mails and events delivery gave up on, and their replay (channel admins). */
import type { DeadLetter as DeadLetterSchema, DeadLetterReplay as ReplaySchema } from '@shared/schemas/outbox.js';
import type { Region as RegionSchema } from '@shared/schemas/setup.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as z from 'zod';
import { api, queryString } from '../../../lib/api-client.js';

export type DeadLetter = z.infer<typeof DeadLetterSchema>;
export type DeadLetterReplay = z.infer<typeof ReplaySchema>;
export type Region = z.infer<typeof RegionSchema>;

/** A region's manager or director address that bounced or drew a complaint (the mail-feedback function's flag). */
export interface FlaggedAddress {
  region: Region;
  role: 'partnerManager' | 'regionalDirector';
  email: string;
  issue: NonNullable<Region['partnerManagerMailIssue']>;
}

/** A channel has tens of regions: read them all (at most 20 pages of 100) and keep the flagged addresses. */
export function useFlaggedAddresses() {
  return useQuery({
    queryKey: ['regions', 'mail-issues'],
    queryFn: async ({ signal }) => {
      const flagged: FlaggedAddress[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const { items, nextCursor } = await api.get<{ items: Region[]; nextCursor?: string }>(
          `/regions${queryString({ cursor, limit: 100 })}`,
          signal,
        );
        for (const region of items) {
          if (region.partnerManagerMailIssue)
            flagged.push({ region, role: 'partnerManager', email: region.partnerManagerEmail, issue: region.partnerManagerMailIssue });
          if (region.regionalDirectorMailIssue)
            flagged.push({
              region,
              role: 'regionalDirector',
              email: region.regionalDirectorEmail,
              issue: region.regionalDirectorMailIssue,
            });
        }
        cursor = nextCursor;
        if (!cursor) break;
      }
      return flagged;
    },
  });
}

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
