/**
 * A dealer's users: invited into the user directory (Cognito in AWS, the local provider's store locally) with the
 * dealer's id and role set by the API only, recorded in the table, disabled at the directory.
 */

import { dealerUsers } from '../db/dealer-user-repository.js';
import { dealers } from '../db/setup-repository.js';
import type { Caller } from '../domain/caller.js';
import { assertManagesDealer } from '../domain/dealer-admin.js';
import { IllegalTransition, NotFound, StateConflict } from '../domain/errors.js';
import type { DealerUser, DealerUserInput } from '../schemas/onboarding.js';
import { type DirectoryUser, type UserDirectory, UserExists, userDirectory } from '../users/user-directory.js';

const addressTaken = () =>
  new StateConflict('This email address already has an account with another dealer or the manufacturer; invite another address.');

/**
 * Invites (or, for a retry, finds) the user in the directory as a user of `dealerId` and records it. An address
 * that already belongs to another dealer's or the manufacturer's account is refused (409).
 */
export async function enrolDealerUser(args: {
  dealerId: string;
  input: DealerUserInput;
  invitedBy: string;
  now: Date;
  directory?: UserDirectory;
  language?: 'en' | 'de' | 'nl';
}): Promise<{ user: DealerUser; created: boolean }> {
  const directory = args.directory ?? (await userDirectory());
  const { dealerId, input } = args;
  const dealerRole = input.admin ? 'admin' : 'user';
  let account: DirectoryUser | undefined = await directory.findByEmail(input.email);
  let created = false;
  if (!account) {
    try {
      account = await directory.invite({
        email: input.email,
        name: input.name,
        role: 'dealer',
        dealerId,
        dealerRole,
        ...(args.language ? { language: args.language } : {}),
      });
      created = true;
    } catch (error) {
      if (!(error instanceof UserExists)) throw error;
      account = await directory.findByEmail(input.email);
    }
  }
  if (!account || account.dealerId !== dealerId) throw addressTaken();
  const user = await dealerUsers.record({
    id: account.id,
    dealerId,
    email: input.email.toLowerCase(),
    name: input.name,
    role: account.dealerRole ?? dealerRole,
    status: account.enabled ? 'active' : 'disabled',
    invitedAt: args.now.toISOString(),
    invitedBy: args.invitedBy,
  });
  return { user, created };
}

async function dealerOf(caller: Caller, dealerId: string) {
  assertManagesDealer(caller, dealerId);
  if (!(await dealers.get(dealerId))) throw new NotFound(`There is no dealer ${dealerId}.`);
}

export async function inviteDealerUser(args: { caller: Caller; dealerId: string; input: DealerUserInput; now: Date }) {
  await dealerOf(args.caller, args.dealerId);
  return enrolDealerUser({
    dealerId: args.dealerId,
    input: args.input,
    invitedBy: args.caller.email ?? args.caller.subject,
    now: args.now,
  });
}

export async function listDealerUsers(args: { caller: Caller; dealerId: string; page: { limit: number; cursor?: string | undefined } }) {
  await dealerOf(args.caller, args.dealerId);
  return dealerUsers.list(args.dealerId, args.page);
}

/** Disables the user at the directory (no sign-in or token refresh from now on) and records who did it. */
export async function disableDealerUser(args: { caller: Caller; dealerId: string; userId: string; now: Date }): Promise<DealerUser> {
  const { caller, dealerId, userId } = args;
  assertManagesDealer(caller, dealerId);
  const user = await dealerUsers.get(dealerId, userId);
  if (!user) throw new NotFound(`There is no user ${userId} of dealer ${dealerId}.`);
  if (caller.role === 'dealer' && caller.subject === userId) {
    throw new IllegalTransition('You cannot disable your own account; ask another admin of your dealer or the channel team.');
  }
  if (user.status === 'disabled') return user;
  await (await userDirectory()).disable(userId);
  return dealerUsers.markDisabled(dealerId, userId, caller.email ?? caller.subject, args.now.toISOString());
}
