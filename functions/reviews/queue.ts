import { registrations } from '../../shared/db/registration-repository.js';
import { toApiRegistration } from '../../shared/domain/registration.js';
import { InvalidInput } from '../../shared/domain/errors.js';
import { reviewRoutes } from '../../shared/api/reviews.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { actorOf } from '../../shared/domain/caller.js';

/** The cursor is the queue position of the last item shown: `<submittedAt>#<id>`. */
const decodePosition = (cursor: string | undefined) => {
  if (cursor === undefined) return undefined;
  const position = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#reg_[0-9A-Za-z]+$/.test(position)) {
    throw new InvalidInput([{ path: 'cursor', message: 'is not a cursor this list gave out' }]);
  }
  return position;
};

export const handler = httpRoute(
  reviewRoutes.queue,
  async ({ caller, query }) => {
    const page = await registrations.reviewQueue(caller.regions, {
      limit: query.limit,
      after: decodePosition(query.cursor),
    });
    const at = new Date().toISOString();
    await registrations.recordReads(
      page.items.map((r) => r.id),
      { at, action: 'listed_for_review', actor: actorOf(caller) },
    );
    return {
      status: 200,
      body: {
        items: page.items.map((r) => toApiRegistration(r, 'manufacturer')),
        nextCursor: page.after ? Buffer.from(page.after).toString('base64url') : undefined,
      },
    };
  },
);
