/** The people of the demo data, one or more per role, as the local sign-in page lists them. */
import type { Role } from '../../shared/api/routes.js';
import type { TokenRequest } from './local-issuer.js';

export interface DemoUser extends TokenRequest {
  /** Stable subject, so a user's portal logins and history entries stay theirs across restarts. */
  subject: string;
  name: string;
  email: string;
  /** What the sign-in page says about the user. */
  description: string;
}

const user = (
  role: Role,
  subject: string,
  name: string,
  email: string,
  description: string,
  extra: Partial<TokenRequest> = {},
): DemoUser => ({
  role,
  subject,
  name,
  email,
  description,
  ...extra,
});

export const DEMO_USERS: readonly DemoUser[] = [
  user('dealer', 'demo-anna-berger', 'Anna Berger', 'anna.berger@alpine.example', 'Alpine Maschinen GmbH (DACH), dealer admin', {
    dealerId: 'dealer-alpine',
    dealerRole: 'admin',
  }),
  user('dealer', 'demo-tobias-keller', 'Tobias Keller', 'tobias.keller@alpine.example', 'Alpine Maschinen GmbH (DACH), sales', {
    dealerId: 'dealer-alpine',
    dealerRole: 'user',
  }),
  user('dealer', 'demo-lena-schmitt', 'Lena Schmitt', 'lena.schmitt@rhein.example', 'Rhein Technik AG (DACH), dealer admin', {
    dealerId: 'dealer-rhein',
    dealerRole: 'admin',
  }),
  user('dealer', 'demo-daan-devries', 'Daan de Vries', 'daan.devries@polder.example', 'Polder Machines B.V. (Benelux), dealer admin', {
    dealerId: 'dealer-polder',
    dealerRole: 'admin',
  }),
  user('partner_manager', 'demo-petra-maier', 'Petra Maier', 'pm.dach@manufacturer.example', 'Partner manager, DACH', {
    regions: ['dach'],
  }),
  user('partner_manager', 'demo-joost-bakker', 'Joost Bakker', 'pm.benelux@manufacturer.example', 'Partner manager, Benelux', {
    regions: ['benelux'],
  }),
  user(
    'regional_director',
    'demo-claudia-wolf',
    'Claudia Wolf',
    'director.dach@manufacturer.example',
    'Regional director, DACH and Benelux',
    {
      regions: ['dach', 'benelux'],
    },
  ),
  user('finance', 'demo-frank-richter', 'Frank Richter', 'finance@manufacturer.example', 'Finance'),
  user('channel_admin', 'demo-sofia-lang', 'Sofia Lang', 'channel.admin@manufacturer.example', 'Channel admin'),
];
