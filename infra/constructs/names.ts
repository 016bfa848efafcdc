import type { RouteDefinition } from '../../shared/api/routes.js';

/** `partner_manager` → `PartnerManager`, `/registrations/{id}` → `RegistrationsId`. */
export const pascalCase = (s: string): string =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

/**
 * The construct id of a route's function and API route, derived from its route key so that logical ids stay stable
 * when the route table is reordered: `POST /registrations` → `PostRegistrations`, `GET /registrations/{id}` →
 * `GetRegistrationsId`.
 */
export const routeConstructId = (route: Pick<RouteDefinition, 'method' | 'path'>): string =>
  pascalCase(route.method.toLowerCase()) + pascalCase(route.path);

/**
 * The area of a route: the folder of its module under `functions/` (`functions/registrations/submit.ts` →
 * `registrations`). Each area's route functions form one nested stack.
 */
export const routeArea = (route: Pick<RouteDefinition, 'entry'>): string => {
  const match = /^functions\/([^/]+)\//.exec(route.entry);
  if (!match) throw new Error(`Route entry ${route.entry} is not under functions/<area>/`);
  return match[1]!;
};
