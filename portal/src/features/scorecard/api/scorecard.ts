/** The dealer's scorecard and tier history (partner program). */

import type { Scorecard as ScorecardSchema, TierChange as TierChangeSchema } from '@shared/schemas/partner-program.js';
import { useQuery } from '@tanstack/react-query';
import type * as z from 'zod';
import { api, queryString } from '../../../lib/api-client.js';

export type Scorecard = z.infer<typeof ScorecardSchema>;
export type TierChange = z.infer<typeof TierChangeSchema>;

/** `period` absent: the current quarter to date. */
export function useScorecard(dealerId: string | undefined, period?: string) {
  return useQuery({
    queryKey: ['scorecard', dealerId, period ?? 'current'],
    queryFn: ({ signal }) =>
      api.get<Scorecard>(`/dealers/${encodeURIComponent(dealerId ?? '')}/scorecard${queryString({ period })}`, signal),
    enabled: Boolean(dealerId),
  });
}

export function useTierHistory(dealerId: string | undefined) {
  return useQuery({
    queryKey: ['tier-history', dealerId],
    queryFn: ({ signal }) =>
      api.get<{ items: TierChange[] }>(`/dealers/${encodeURIComponent(dealerId ?? '')}/tier-history?limit=20`, signal),
    enabled: Boolean(dealerId),
  });
}

/** The last four quarters and the two last years, newest first, for the period picker. */
export function recentPeriods(now = new Date()): string[] {
  const quarters: string[] = [];
  let year = now.getUTCFullYear();
  let quarter = Math.floor(now.getUTCMonth() / 3) + 1;
  for (let i = 0; i < 5; i++) {
    quarters.push(`${year}-Q${quarter}`);
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      year -= 1;
    }
  }
  return [...quarters, String(now.getUTCFullYear()), String(now.getUTCFullYear() - 1)];
}
