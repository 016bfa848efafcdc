/** The one visibility policy: each role against each kind of resource, own and foreign, and the lists' regions. */
import { describe, expect, it } from 'vitest';
import type { Caller, Role } from '../../shared/domain/caller.js';
import { canSee, regionsInView, type Visible } from '../../shared/domain/visibility.js';

const callers: Record<Role, Caller> = {
  dealer: { role: 'dealer', subject: 'u1', dealerId: 'd1', regions: [] },
  partner_manager: { role: 'partner_manager', subject: 'u2', regions: ['north'] },
  regional_director: { role: 'regional_director', subject: 'u3', regions: ['north', 'south'] },
  finance: { role: 'finance', subject: 'u4', regions: [] },
  channel_admin: { role: 'channel_admin', subject: 'u5', regions: [] },
};

const own = { dealerIds: ['d1'], regionIds: ['north'] };
const foreign = { dealerIds: ['d2'], regionIds: ['west'] };

/** Who sees [own (dealer d1, region north), foreign (dealer d2, region west)] of each kind. */
const EXPECTED: Record<Visible, Record<Role, [boolean, boolean]>> = {
  registration: {
    dealer: [true, false],
    partner_manager: [true, false],
    regional_director: [true, false],
    finance: [false, false],
    channel_admin: [true, true],
  },
  dealer: {
    dealer: [true, false],
    partner_manager: [true, false],
    regional_director: [true, false],
    finance: [true, true],
    channel_admin: [true, true],
  },
  conflict: {
    dealer: [false, false],
    partner_manager: [true, false],
    regional_director: [true, false],
    finance: [false, false],
    channel_admin: [true, true],
  },
  funds: {
    dealer: [true, false],
    partner_manager: [true, false],
    regional_director: [true, false],
    finance: [true, true],
    channel_admin: [true, true],
  },
  lead: {
    dealer: [true, false],
    partner_manager: [true, false],
    regional_director: [true, false],
    finance: [false, false],
    channel_admin: [true, true],
  },
};

const cases = Object.entries(EXPECTED).flatMap(([kind, byRole]) =>
  Object.entries(byRole).map(([role, [ownSeen, foreignSeen]]) => ({ kind: kind as Visible, role: role as Role, ownSeen, foreignSeen })),
);

describe('canSee', () => {
  it.each(cases)('$role sees its own $kind: $ownSeen, another’s: $foreignSeen', ({ kind, role, ownSeen, foreignSeen }) => {
    expect(canSee(callers[role], kind, own)).toBe(ownSeen);
    expect(canSee(callers[role], kind, foreign)).toBe(foreignSeen);
  });

  it('a dealer without its dealer id sees nothing of a tenant', () => {
    expect(canSee({ role: 'dealer', subject: 'u', regions: [] }, 'registration', { dealerIds: [], regionIds: ['north'] })).toBe(false);
  });
});

describe('regionsInView', () => {
  it('lists the whole network for the roles that see it, else the caller’s regions', () => {
    expect(regionsInView(callers.channel_admin, 'conflict')).toBeUndefined();
    expect(regionsInView(callers.finance, 'funds')).toBeUndefined();
    expect(regionsInView(callers.regional_director, 'lead')).toEqual(['north', 'south']);
    expect(regionsInView(callers.finance, 'lead')).toEqual([]);
  });
});
