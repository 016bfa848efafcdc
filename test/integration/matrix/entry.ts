/** The authorization matrix's vocabulary, shared by its main file and the areas' entry files (matrix/<area>.ts). */
import type { Role } from '../../../shared/api/routes.js';
import type { Tenant } from '../../support/api.js';

/** own: succeeds on the caller's own tenant or region, 404 on another's; any: succeeds on both; deny: 403. */
export type Access = 'own' | 'any' | 'deny';
export type Request = { method: string; path: string; body?: unknown; rawBody?: string; headers?: Record<string, string> };
/** own: the caller's dealer or region; sameRegion: another dealer of the same region; other: another region. */
export type Side = 'own' | 'sameRegion' | 'other';

export interface Fixtures {
  t: Tenant;
  /** Tokens of the other tenant's own people (to prepare its resources). */
  otherManager: string;
}

export interface Entry {
  success: number;
  access?: Partial<Record<Role, Access>>;
  /** Builds the request against a fresh resource of the given side; must succeed for an allowed caller (`role`). */
  request: (f: Fixtures, side: Side, role?: Role) => Promise<Request>;
}

export interface ListContent {
  path: string;
  /** Callers who list it, all of the own side. */
  tokens: (f: Fixtures) => string[];
  create: (f: Fixtures, side: Side) => Promise<string>;
  /** Sides whose items the callers must see, and sides whose items they must never see. */
  visible: Side[];
  hidden: Side[];
  /** Dealers whose ids must not appear anywhere in the answers. */
  hiddenDealers: (f: Fixtures) => string[];
}

export const deny: Record<Role, Access> = {
  dealer: 'deny',
  partner_manager: 'deny',
  regional_director: 'deny',
  finance: 'deny',
  channel_admin: 'deny',
};

export const dealerToken = (f: Fixtures, side: Side) =>
  ({ own: f.t.tokens.dealer, sameRegion: f.t.tokens.sameRegionDealer, other: f.t.tokens.otherDealer })[side];
export const dealerOf = (f: Fixtures, side: Side) =>
  ({ own: f.t.dealerId, sameRegion: f.t.sameRegionDealerId, other: f.t.otherDealerId })[side];
export const managerToken = (f: Fixtures, side: Side) => (side === 'other' ? f.otherManager : f.t.tokens.manager);
