import { conflicts, toApiConflict } from '../../shared/db/conflict-repository.js';
import { InvalidInput } from '../../shared/domain/errors.js';
import { conflictRoutes } from '../../shared/api/conflicts.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { visibleConflict } from '../../shared/registrations/settle-conflict.js';

const decodePosition = (cursor: string | undefined) => {
  if (cursor === undefined) return undefined;
  const position = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#cf_[0-9A-Za-z]+$/.test(position)) {
    throw new InvalidInput([{ path: 'cursor', message: 'is not a cursor this list gave out' }]);
  }
  return position;
};

export const list = httpRoute(
  conflictRoutes.list,
  async ({ caller, query }) => {
    const page = await conflicts.list(caller.role === 'channel_admin' ? undefined : caller.regions, {
      limit: query.limit,
      after: decodePosition(query.cursor),
      state: query.state,
    });
    return {
      status: 200,
      body: {
        items: page.items.map(toApiConflict),
        nextCursor: page.after ? Buffer.from(page.after).toString('base64url') : undefined,
      },
    };
  },
);

export const conflict = httpRoute(
  conflictRoutes.read,
  async ({ caller, params }) => ({ status: 200, body: toApiConflict(await visibleConflict(caller, params.id)) }),
);
