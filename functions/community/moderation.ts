import { communityRoutes } from '../../shared/api/community.js';
import { hideAnswer as hideOneAnswer, hideQuestion as hideOneQuestion } from '../../shared/community/posts.js';
import { httpRoute } from '../../shared/http/route-handler.js';

export const hideQuestion = httpRoute(communityRoutes.hideQuestion, async ({ caller, params, body }) => ({
  status: 200,
  body: await hideOneQuestion(caller, params.questionId, body.reason, new Date()),
}));

export const hideAnswer = httpRoute(communityRoutes.hideAnswer, async ({ caller, params, body }) => ({
  status: 200,
  body: await hideOneAnswer(caller, params.answerId, body.reason, new Date()),
}));
