/**
 * The navigation of each role. A new area adds its pages here (and its routes in `routes.tsx`); the layout shows
 * what the signed-in role may use.
 */
import type { Role, Session } from '../lib/auth.js';
import { paths } from './paths.js';

export interface NavigationItem {
  to: string;
  /** i18n key of the label. */
  label: string;
  end?: boolean;
  /** Only for the dealer's admin (the API refuses plain dealer users these pages' actions). */
  dealerAdmin?: boolean;
}

const home: NavigationItem = { to: paths.home, label: 'nav.home', end: true };
/** The quarter before today's: the one a business review usually looks back on. */
function lastQuarter(now = new Date()) {
  const q = Math.floor(now.getUTCMonth() / 3);
  return q === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${q}`;
}
const managerPages: NavigationItem[] = [
  { to: paths.queue, label: 'manager.nav.queue' },
  { to: paths.conflicts, label: 'manager.nav.conflicts' },
  { to: paths.dealers, label: 'manager.nav.dealer' },
  { to: paths.leads, label: 'leads.nav.desk' },
];
const community: NavigationItem = { to: paths.community, label: 'nav.community' };

export const NAVIGATION: Record<Role, readonly NavigationItem[]> = {
  dealer: [
    home,
    { to: paths.registrations, label: 'nav.registrations', end: true },
    { to: paths.register, label: 'nav.register' },
    { to: paths.leads, label: 'leads.nav.inbox' },
    { to: paths.scorecard, label: 'nav.scorecard' },
    { to: paths.ownBusinessReview(lastQuarter()), label: 'manager.nav.review' },
    { to: paths.apiClients, label: 'nav.apiClients', dealerAdmin: true },
    { to: paths.webhooks, label: 'nav.webhooks', dealerAdmin: true },
    { to: paths.agreement, label: 'onboarding.nav.agreement' },
    { to: paths.users, label: 'onboarding.nav.users', dealerAdmin: true },
    { to: paths.training, label: 'nav.training' },
    { to: paths.funds, label: 'funds.nav.funds', end: true },
    community,
    { to: paths.products, label: 'enablement.nav.products' },
    { to: paths.priceList, label: 'enablement.nav.priceList' },
  ],
  partner_manager: [home, ...managerPages, { to: paths.fundQueue, label: 'funds.nav.queue' }, community],
  regional_director: [home, ...managerPages, { to: paths.fundQueue, label: 'funds.nav.queue' }, community],
  finance: [
    home,
    { to: paths.forecast, label: 'manager.nav.forecast' },
    { to: paths.fundPayouts, label: 'funds.nav.payouts' },
    { to: paths.fundBudgets, label: 'funds.nav.budgets' },
    community,
  ],
  channel_admin: [
    home,
    { to: paths.conflicts, label: 'manager.nav.conflicts' },
    { to: paths.dealers, label: 'manager.nav.dealer' },
    { to: paths.kpiUploads, label: 'manager.nav.kpiUploads' },
    { to: paths.applications, label: 'onboarding.nav.applications' },
    { to: paths.leads, label: 'leads.nav.desk', end: true },
    { to: paths.newLead, label: 'leads.nav.create' },
    { to: paths.deadLetters, label: 'operations.nav.deadLetters' },
    { to: paths.fundBudgets, label: 'funds.nav.budgets' },
    { to: paths.program, label: 'setup.nav.program' },
    { to: paths.regions, label: 'setup.nav.regions' },
    { to: paths.setupProducts, label: 'setup.nav.products' },
    { to: paths.territories, label: 'setup.nav.territories' },
    { to: paths.namedAccounts, label: 'setup.nav.namedAccounts' },
    { to: paths.directRules, label: 'setup.nav.direct' },
    community,
    { to: paths.assetsAdmin, label: 'enablement.nav.assets' },
    { to: paths.priceListsAdmin, label: 'enablement.nav.priceLists' },
  ],
};

/** The pages the signed-in user may use: its role's, without the dealer admin's for a plain dealer user. */
export function navigationOf(session: Pick<Session, 'role' | 'dealerAdmin'>): readonly NavigationItem[] {
  return NAVIGATION[session.role].filter((item) => !item.dealerAdmin || session.dealerAdmin);
}
