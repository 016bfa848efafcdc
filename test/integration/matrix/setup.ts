/** Authorization-matrix entries of the setup area's read routes for managers: the dealer directory. */
import { call, uniqueId } from '../../support/api.js';
import { deny, type Entry, type Fixtures, type ListContent, type Side } from './entry.js';

const regionOf = (f: Fixtures, side: Side) => (side === 'other' ? f.t.otherRegionId : f.t.regionId);

/** A fresh dealer of the side's region, put by the channel admin. */
async function dealerIn(f: Fixtures, side: Side) {
  const id = uniqueId('dirdealer');
  const put = await call('PUT', `/dealers/${id}`, {
    token: f.t.tokens.admin,
    body: { name: `Directory ${id}`, regionId: regionOf(f, side), email: `${id}@dealer.example`, status: 'active' },
  });
  if (put.status !== 200) throw new Error(`fixture dealer: ${put.text}`);
  return id;
}

export const SETUP_MATRIX: Record<string, Entry> = {
  'GET /dealer-directory': {
    success: 200,
    access: { ...deny, partner_manager: 'own', regional_director: 'own', channel_admin: 'any' },
    request: async (f, side) => ({ method: 'GET', path: `/dealer-directory?regionId=${regionOf(f, side)}` }),
  },
};

export const SETUP_LIST_CONTENT: Record<string, ListContent> = {
  'GET /dealer-directory': {
    path: '/dealer-directory?limit=100',
    tokens: (f) => [f.t.tokens.manager, f.t.tokens.director],
    create: dealerIn,
    visible: ['own', 'sameRegion'],
    hidden: ['other'],
    hiddenDealers: (f) => [f.t.otherDealerId, f.t.otherRegionSecondDealerId],
  },
};
