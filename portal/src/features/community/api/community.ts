/** Community questions and answers, search and moderation. */
import type { Answer as AnswerSchema, Question as QuestionSchema, QuestionThread as ThreadSchema } from '@shared/schemas/community.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as z from 'zod';
import { api, queryString } from '../../../lib/api-client.js';

export type Question = z.infer<typeof QuestionSchema>;
export type Answer = z.infer<typeof AnswerSchema>;
export type QuestionThread = z.infer<typeof ThreadSchema>;

const communityKeys = {
  all: ['community'] as const,
  list: (q: string | undefined, cursor: string | undefined) => ['community', 'list', q ?? '', cursor ?? ''] as const,
  one: (id: string) => ['community', 'question', id] as const,
};

export function useQuestions(q: string | undefined, cursor: string | undefined) {
  return useQuery({
    queryKey: communityKeys.list(q, cursor),
    queryFn: ({ signal }) =>
      api.get<{ items: Question[]; nextCursor?: string }>(`/community/questions${queryString({ q, cursor, limit: 20 })}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useThread(id: string) {
  return useQuery({
    queryKey: communityKeys.one(id),
    queryFn: ({ signal }) => api.get<QuestionThread>(`/community/questions/${encodeURIComponent(id)}`, signal),
  });
}

export function useAsk() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { title: string; body: string; showCompany: boolean }) => api.post<Question>('/community/questions', input),
    onSuccess: () => void client.invalidateQueries({ queryKey: communityKeys.all }),
  });
}

export function useAnswer(questionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string; showCompany: boolean }) =>
      api.post<Answer>(`/community/questions/${encodeURIComponent(questionId)}/answers`, input),
    onSuccess: () => void client.invalidateQueries({ queryKey: communityKeys.all }),
  });
}

export function useHide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, id, reason }: { kind: 'questions' | 'answers'; id: string; reason: string }) =>
      api.post<unknown>(`/community/${kind}/${encodeURIComponent(id)}/hide`, { reason }),
    onSuccess: () => void client.invalidateQueries({ queryKey: communityKeys.all }),
  });
}
