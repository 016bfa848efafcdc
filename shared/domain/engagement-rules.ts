/**
 * The rules of engagement fixed in advance by channel admins (SPEC §3): territories, named accounts and what
 * the direct team keeps. Pure: the caller loads the rules of the customer's country.
 */

import type { RegistrationInput } from '../schemas/registration.js';
import type { DirectRules, NamedAccount, Territory } from '../schemas/rules.js';

export type RuleKind = 'territory' | 'named_account' | 'direct_segment' | 'direct_product_line';

/** Why a registration needs a manager's eye. Internal: never shown to the dealer. */
export interface RuleFlag {
  rule: RuleKind;
  detail: string;
}

export interface EngagementRules {
  territories: Territory[];
  namedAccounts: NamedAccount[];
  directRules: DirectRules;
}

type Customer = RegistrationInput['customer'];

const postalForm = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

function territoryFlags(dealerId: string, customer: Customer, territories: Territory[]): RuleFlag[] {
  return territories
    .filter((t) => t.country === customer.country && t.dealerId !== dealerId)
    .filter((t) => {
      if (!t.postalPrefixes?.length) return true;
      // Without a postal code the registration cannot show it lies outside the territory: a manager decides.
      if (!customer.postalCode) return true;
      const code = postalForm(customer.postalCode);
      return t.postalPrefixes.some((prefix) => code.startsWith(postalForm(prefix)));
    })
    .map((t) => ({
      rule: 'territory',
      detail: `in territory ${t.id} (${t.country}${t.postalPrefixes?.length ? ` ${t.postalPrefixes.join(', ')}` : ''}) of dealer ${t.dealerId}`,
    }));
}

function namedAccountFlags(
  dealerId: string,
  customer: Customer,
  accounts: NamedAccount[],
  sameCustomer: (a: NamedAccount['customer'], b: Customer) => boolean,
): RuleFlag[] {
  return accounts
    .filter((a) => !('dealerId' in a.owner && a.owner.dealerId === dealerId))
    .filter((a) => sameCustomer(a.customer, customer))
    .map((a) => ({
      rule: 'named_account',
      detail: `named account ${a.id} of ${'direct' in a.owner ? 'the direct team' : `dealer ${a.owner.dealerId}`}`,
    }));
}

function directFlags(customer: Customer, productLines: string[], direct: DirectRules): RuleFlag[] {
  const flags: RuleFlag[] = [];
  if (customer.segment && direct.segments.includes(customer.segment)) {
    flags.push({ rule: 'direct_segment', detail: `segment ${customer.segment} is kept by the direct team` });
  }
  for (const line of productLines.filter((l) => direct.productLines.includes(l))) {
    flags.push({ rule: 'direct_product_line', detail: `product line ${line} is kept by the direct team` });
  }
  return flags;
}

export function engagementFlags(args: {
  dealerId: string;
  customer: Customer;
  productLines: string[];
  rules: EngagementRules;
  sameCustomer: (a: NamedAccount['customer'], b: Customer) => boolean;
}): RuleFlag[] {
  return [
    ...territoryFlags(args.dealerId, args.customer, args.rules.territories),
    ...namedAccountFlags(args.dealerId, args.customer, args.rules.namedAccounts, args.sameCustomer),
    ...directFlags(args.customer, args.productLines, args.rules.directRules),
  ];
}
