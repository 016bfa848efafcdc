import { trainingRoutes } from '../../shared/api/training.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { moduleFor, modulesFor, putModule } from '../../shared/training/modules.js';

export const put = httpRoute(trainingRoutes.putModule, async ({ params, body }) => ({
  status: 200,
  body: await putModule(params.moduleId, body, new Date()),
}));

export const get = httpRoute(trainingRoutes.getModule, async ({ caller, params }) => ({
  status: 200,
  body: await moduleFor(caller, params.moduleId, new Date()),
}));

export const list = httpRoute(trainingRoutes.listModules, async ({ caller, query }) => ({
  status: 200,
  body: await modulesFor(caller, query, new Date()),
}));
