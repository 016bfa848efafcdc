/** `GET /support`: whom a dealer calls — by its tier, its region and the program (SPEC §4). */
import { dealers, program, regions } from '../db/setup-repository.js';
import type { Caller } from '../domain/caller.js';
import { SUPPORT_KIND } from '../domain/enablement.js';
import { NotFound } from '../domain/errors.js';
import type { SupportContact } from '../schemas/enablement.js';
import { defaultProgram, type Program } from '../schemas/setup.js';
import { viewerOf } from './viewer.js';

const optional = <K extends string>(key: K, value: string | undefined) => (value ? ({ [key]: value } as Record<K, string>) : {});

export async function supportContact(caller: Caller): Promise<SupportContact> {
  const viewer = await viewerOf(caller);
  const dealer = await dealers.get(caller.dealerId as string);
  if (viewer === 'manufacturer' || !dealer) throw new NotFound('There is no support contact for this caller.');
  const tier = viewer.tier;
  const kind = SUPPORT_KIND[tier];
  if (kind === 'self_service') {
    const desk: Program['support'] = (await program.get()).support ?? defaultProgram().support;
    return { tier, kind, email: desk.email, ...optional('phone', desk.phone), ...optional('hours', desk.hours) };
  }
  if (kind === 'dedicated_partner_manager' && dealer.partnerManager) {
    const manager = dealer.partnerManager;
    return { tier, kind, name: manager.name, email: manager.email, ...optional('phone', manager.phone) };
  }
  const region = await regions.get(dealer.regionId);
  if (!region) throw new NotFound('There is no support contact for this caller.');
  return {
    tier,
    kind,
    email: region.partnerManagerEmail,
    ...optional('name', region.partnerManagerName),
    ...optional('phone', region.partnerManagerPhone),
  };
}
