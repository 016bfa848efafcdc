import { conflictRoutes } from '../../shared/api/conflicts.js';
import { conflicts, toApiConflict } from '../../shared/db/conflict-repository.js';
import { regionsInView } from '../../shared/domain/visibility.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { visibleConflict } from '../../shared/registrations/settle-conflict.js';

export const list = httpRoute(conflictRoutes.list, async ({ caller, query }) => {
  const page = await conflicts.list(regionsInView(caller, 'conflict'), {
    limit: query.limit,
    cursor: query.cursor,
    state: query.state,
  });
  return {
    status: 200,
    body: {
      items: page.items.map(toApiConflict),
      nextCursor: page.nextCursor,
    },
  };
});

export const conflict = httpRoute(conflictRoutes.read, async ({ caller, params }) => ({
  status: 200,
  body: toApiConflict(await visibleConflict(caller, params.id)),
}));
