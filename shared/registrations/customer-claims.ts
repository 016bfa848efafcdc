/**
 * How a registration claims its customer: the locks that make "one pending or protected registration per
 * customer and product line" a database guarantee, and the block under which near-duplicates are looked up.
 */

import { keys } from '../db/keys.js';
import { customerIdentity } from '../domain/customer-identity.js';
import type { RegistrationInput } from '../schemas/registration.js';

type Customer = RegistrationInput['customer'];

/**
 * Exact identity keys. A VAT id is the strongest key; a name locks only without one, because namesakes with
 * different VAT ids are different customers. A domain counts within one country (group sites span countries).
 * Near-identical names that these keys miss are caught by the near-duplicate lookup.
 */
export function identityKeys(customer: Customer): string[] {
  const identity = customerIdentity(customer);
  return [
    identity.vatKey ? `VAT#${identity.vatKey}` : `NAME#${identity.country}#${identity.nameKey}`,
    ...(identity.domainKey ? [`DOMAIN#${identity.country}#${identity.domainKey}`] : []),
  ];
}

export function customerLocks(customer: Customer, productLines: string[]): string[] {
  return identityKeys(customer).flatMap((identity) => productLines.map((line) => keys.customerLock(identity, line).PK));
}

/**
 * The locks a registration should hold once its products span `productLines`: those it holds for lines it keeps,
 * plus new ones for lines it adds. Locks of dropped lines are released, so a claim never outlives its product.
 */
export function locksForLines(held: string[], customer: Customer, previousLines: string[], productLines: string[]): string[] {
  // A lock key ends with `#<product line>` (keys.customerLock), and product lines are slugs without '#'.
  const kept = held.filter((lock) => productLines.some((line) => lock.endsWith(`#${line}`)));
  const added = productLines.filter((line) => !previousLines.includes(line));
  return [...kept, ...customerLocks(customer, added)];
}

/**
 * Near-duplicates are looked for among open registrations of the same country whose normalised name has the
 * same alphabetically first word (its first four letters): spelling variants that normalisation folds, word
 * order and typos after those letters land in the same block.
 */
export function customerBlock(customer: Customer): string {
  const identity = customerIdentity(customer);
  const words = identity.nameKey.split(/\s+/).filter(Boolean).sort();
  return `${identity.country}#${(words[0] ?? '').slice(0, 4)}`;
}
