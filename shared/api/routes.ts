/**
 * The one route table, composed of the areas' contracts. The CDK stack makes a Lambda function and an API route of
 * each entry, the local server serves the same handlers from it and the OpenAPI document is generated from it.
 * A handler imports only its own area's contract (shared/api/<area>.ts), never this table.
 */
import { businessReviewRoutes } from './business-reviews.js';
import { communityRoutes } from './community.js';
import { conflictRoutes } from './conflicts.js';
import { assetRoutes, catalogRoutes, priceListRoutes, supportRoutes } from './enablement.js';
import { fileRoutes } from './files.js';
import { forecastRoutes } from './forecast.js';
import { fundRoutes } from './funds.js';
import { apiClientRoutes, webhookRoutes } from './integrations.js';
import { leadRoutes } from './leads.js';
import { metaRoutes } from './meta.js';
import { agreementRoutes, dealerUserRoutes, partnerApplicationRoutes } from './onboarding.js';
import { deadLetterRoutes } from './outbox.js';
import { kpiInputRoutes, partnerProgramRoutes } from './partner-program.js';
import { registrationRoutes } from './registrations.js';
import { reviewLinkRoutes, reviewRoutes } from './reviews.js';
import type { RouteDefinition } from './route-contract.js';
import { directRuleRoutes, namedAccountRoutes, territoryRoutes } from './rules.js';
import { dealerDirectoryRoutes, dealerRoutes, productRoutes, programRoutes, regionRoutes } from './setup.js';
import { trainingRoutes } from './training.js';

export { ROLES, type Role } from '../domain/caller.js';
export { type RouteDefinition, routeKey } from './route-contract.js';

const routesOf = (contract: object): RouteDefinition[] =>
  Object.values(contract).filter((value): value is RouteDefinition => typeof value === 'object' && 'method' in value);

export const routes: readonly RouteDefinition[] = [
  metaRoutes,
  programRoutes,
  regionRoutes,
  dealerRoutes,
  productRoutes,
  catalogRoutes,
  territoryRoutes,
  namedAccountRoutes,
  directRuleRoutes,
  registrationRoutes,
  reviewRoutes,
  reviewLinkRoutes,
  conflictRoutes,
  forecastRoutes,
  kpiInputRoutes,
  partnerProgramRoutes,
  fileRoutes,
  apiClientRoutes,
  webhookRoutes,
  businessReviewRoutes,
  leadRoutes,
  fundRoutes,
  priceListRoutes,
  assetRoutes,
  supportRoutes,
  partnerApplicationRoutes,
  agreementRoutes,
  dealerUserRoutes,
  trainingRoutes,
  communityRoutes,
  deadLetterRoutes,
  dealerDirectoryRoutes,
].flatMap(routesOf);
