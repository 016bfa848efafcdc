import { reviewRoutes } from '../../shared/api/reviews.js';
import { registrations } from '../../shared/db/registration-repository.js';
import { actorOf } from '../../shared/domain/caller.js';
import { toApiRegistration } from '../../shared/domain/registration.js';
import { httpRoute } from '../../shared/http/route-handler.js';

export const handler = httpRoute(reviewRoutes.queue, async ({ caller, query }) => {
  const page = await registrations.reviewQueue(caller.regions, {
    limit: query.limit,
    cursor: query.cursor,
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
      nextCursor: page.nextCursor,
    },
  };
});
