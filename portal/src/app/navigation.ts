/**
 * The navigation of each role. A new area adds its pages here (and its routes in `routes.tsx`); the layout shows
 * what the signed-in role may use.
 */
import type { Role } from '../lib/auth.js';
import { paths } from './paths.js';

export interface NavigationItem {
  to: string;
  /** i18n key of the label. */
  label: string;
  end?: boolean;
}

const home: NavigationItem = { to: paths.home, label: 'nav.home', end: true };

export const NAVIGATION: Record<Role, readonly NavigationItem[]> = {
  dealer: [
    home,
    { to: paths.registrations, label: 'nav.registrations', end: true },
    { to: paths.register, label: 'nav.register' },
    { to: paths.scorecard, label: 'nav.scorecard' },
  ],
  partner_manager: [home],
  regional_director: [home],
  finance: [home],
  channel_admin: [home],
};
