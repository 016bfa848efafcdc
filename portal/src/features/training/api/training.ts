/** Training modules with the caller's status, and quiz attempts. */
import type { AttemptResult as AttemptSchema, TrainingModule as ModuleSchema } from '@shared/schemas/training.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as z from 'zod';
import { api } from '../../../lib/api-client.js';

export type TrainingModule = z.infer<typeof ModuleSchema>;
export type AttemptResult = z.infer<typeof AttemptSchema>;

const trainingKeys = { all: ['training'] as const, one: (id: string) => ['training', id] as const };

export function useModules() {
  return useQuery({
    queryKey: trainingKeys.all,
    queryFn: ({ signal }) => api.get<{ items: TrainingModule[]; nextCursor?: string }>('/training/modules?limit=100', signal),
  });
}

export function useModule(id: string) {
  return useQuery({
    queryKey: trainingKeys.one(id),
    queryFn: ({ signal }) => api.get<TrainingModule>(`/training/modules/${encodeURIComponent(id)}`, signal),
  });
}

export function useAttempt(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (answers: number[]) => api.post<AttemptResult>(`/training/modules/${encodeURIComponent(id)}/attempts`, { answers }),
    onSuccess: (result) => {
      if (result.passed) void client.invalidateQueries({ queryKey: trainingKeys.all });
    },
  });
}
