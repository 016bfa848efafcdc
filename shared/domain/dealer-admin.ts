/** Who may manage a dealer's users and accept its agreements: its own admin, and channel admins for any dealer. */
import type { Caller } from './caller.js';
import { Forbidden, NotFound } from './errors.js';

/** Throws unless `caller` may manage `dealerId`'s users: another dealer's are 404 (their existence stays hidden). */
export function assertManagesDealer(caller: Caller, dealerId: string): void {
  if (caller.role === 'channel_admin') return;
  if (caller.role !== 'dealer' || caller.dealerId !== dealerId) throw new NotFound(`There is no dealer ${dealerId}.`);
  if (!caller.dealerAdmin) throw new Forbidden('Only your dealer’s admin may manage its users.');
}

/** Throws unless `caller` is a dealer's admin (who accepts the partner agreement for the dealer). */
export function assertDealerAdmin(caller: Caller): void {
  if (caller.role !== 'dealer' || !caller.dealerAdmin) throw new Forbidden('Only your dealer’s admin may accept the partner agreement.');
}
