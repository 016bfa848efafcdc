/** `npm run -s token -- --role <role> [--dealer <id>] [--regions <a,b>] [--email <addr>] [--dealer-admin]`: prints a bearer token. */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../shared/api/routes.js';
import { persistentIssuer } from './local-issuer.js';
import { DATA_DIR } from './ports.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    dealer: { type: 'string' },
    regions: { type: 'string' },
    email: { type: 'string' },
    'dealer-admin': { type: 'boolean' },
    'expires-in': { type: 'string' },
  },
});

const fail = (message: string): never => {
  console.error(
    `${message}\nUsage: npm run -s token -- --role <${ROLES.join('|')}> [--dealer <id>] [--regions <a,b>] [--email <addr>] [--dealer-admin]`,
  );
  process.exit(2);
};

const role = values.role as Role | undefined;
if (!role || !ROLES.includes(role)) fail('Give a --role.');
if (role === 'dealer' && !values.dealer) fail('A dealer token needs --dealer <dealerId>.');
if ((role === 'partner_manager' || role === 'regional_director') && !values.regions) {
  fail('A manager token needs --regions <regionId,...>.');
}

const issuer = await persistentIssuer(DATA_DIR);
console.log(
  await issuer.sign({
    role: role as Role,
    ...(values.dealer ? { dealerId: values.dealer } : {}),
    ...(values.regions
      ? {
          regions: values.regions
            .split(',')
            .map((r) => r.trim())
            .filter(Boolean),
        }
      : {}),
    ...(values.email ? { email: values.email } : {}),
    ...(role === 'dealer' ? { dealerRole: values['dealer-admin'] ? ('admin' as const) : ('user' as const) } : {}),
    expiresIn: values['expires-in'] ? Number(values['expires-in']) : 12 * 3600,
  }),
);
