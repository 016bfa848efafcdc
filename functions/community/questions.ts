import { communityRoutes } from '../../shared/api/community.js';
import { answer as answerQuestion, ask as askQuestion, questions, thread } from '../../shared/community/posts.js';
import { httpRoute } from '../../shared/http/route-handler.js';

export const list = httpRoute(communityRoutes.list, async ({ caller, query }) => ({ status: 200, body: await questions(caller, query) }));

export const ask = httpRoute(communityRoutes.ask, async ({ caller, body }) => {
  const question = await askQuestion(caller, body, new Date());
  return { status: 201, body: question, headers: { location: `/community/questions/${question.id}` } };
});

export const get = httpRoute(communityRoutes.get, async ({ caller, params }) => ({
  status: 200,
  body: await thread(caller, params.questionId),
}));

export const answer = httpRoute(communityRoutes.answer, async ({ caller, params, body }) => ({
  status: 201,
  body: await answerQuestion(caller, params.questionId, body, new Date()),
}));
