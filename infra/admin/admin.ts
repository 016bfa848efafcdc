/**
 * `npm run -s admin -- create-user --email <addr> --role <role> [--name <name>] [--dealer <id> [--dealer-admin]]
 * [--regions <a,b>] [--user-pool-id <id>] [--temporary-password <pw>]`: creates a user in a deployed stage's user
 * pool through Cognito's admin API — the same user-directory code the API's invitations use — with its group and
 * tenant attributes; Cognito mails the invitation with a temporary password. The pool is `--user-pool-id`, else
 * `USER_POOL_ID` (the data stack's `UserPoolId` output); credentials and region come from the usual AWS settings.
 *
 * `npm run -s admin -- rebuild-forecast-cells [--table <name>]`: recomputes the forecast's aggregate cells from the
 * registrations (`rebuild-forecast-cells.ts`), once, for a table whose cells predate the registration month in
 * them. The table is `--table`, else `TABLE_NAME` (the data stack's `TableName` output).
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../shared/api/routes.js';
import { Email, Slug } from '../../shared/schemas/common.js';
import { cognitoUserDirectory } from '../../shared/users/cognito-user-directory.js';
import { UserExists } from '../../shared/users/user-directory.js';
import { rebuildForecastCells } from './rebuild-forecast-cells.js';

const USAGE = `Usage: npm run -s admin -- create-user --email <addr> --role <${ROLES.join('|')}> [--name <name>]
  [--dealer <dealerId> [--dealer-admin]] [--regions <regionId,...>] [--user-pool-id <id>] [--temporary-password <pw>]
       npm run -s admin -- rebuild-forecast-cells [--table <name>]`;

const fail = (message: string): never => {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    dealer: { type: 'string' },
    'dealer-admin': { type: 'boolean' },
    regions: { type: 'string' },
    'user-pool-id': { type: 'string' },
    'temporary-password': { type: 'string' },
    table: { type: 'string' },
  },
});

if (positionals[0] === 'rebuild-forecast-cells') {
  const table = values.table ?? process.env.TABLE_NAME;
  if (!table) fail('Give --table, or set TABLE_NAME (the data stack output TableName).');
  process.env.TABLE_NAME = table;
  try {
    console.log(JSON.stringify(await rebuildForecastCells()));
    process.exit(0);
  } catch (error) {
    console.error(`Could not rebuild the forecast cells: ${(error as Error).name}: ${(error as Error).message}`);
    process.exit(1);
  }
}
if (positionals[0] !== 'create-user') fail(positionals[0] ? `Unknown command ${positionals[0]}.` : 'Give a command.');
const email = Email.safeParse(values.email ?? '');
if (!email.success) fail('Give a valid --email.');
const role = values.role as Role;
if (!ROLES.includes(role)) fail('Give a --role.');
const regions = (values.regions ?? '')
  .split(',')
  .map((r) => r.trim())
  .filter(Boolean);
if (role === 'dealer' && !Slug.safeParse(values.dealer ?? '').success) fail('A dealer user needs --dealer <dealerId>.');
if (role !== 'dealer' && (values.dealer || values['dealer-admin'])) fail('--dealer and --dealer-admin are for --role dealer only.');
if ((role === 'partner_manager' || role === 'regional_director') && regions.length === 0) fail('A manager needs --regions <regionId,...>.');
if (regions.some((r) => !Slug.safeParse(r).success)) fail('--regions takes region ids separated by commas.');
const userPoolId = values['user-pool-id'] ?? process.env.USER_POOL_ID;
if (!userPoolId) fail('Give --user-pool-id, or set USER_POOL_ID (the data stack output UserPoolId).');

try {
  const user = await cognitoUserDirectory(userPoolId as string).invite({
    email: email.data as string,
    name: values.name ?? (email.data as string),
    role,
    ...(role === 'dealer'
      ? { dealerId: values.dealer as string, dealerRole: values['dealer-admin'] ? ('admin' as const) : ('user' as const) }
      : {}),
    ...(role === 'partner_manager' || role === 'regional_director' ? { regions } : {}),
    ...(values['temporary-password'] ? { temporaryPassword: values['temporary-password'] } : {}),
  });
  console.log(
    JSON.stringify({
      userId: user.id,
      email: user.email,
      role,
      ...(user.dealerId ? { dealerId: user.dealerId } : {}),
      ...(regions.length ? { regions } : {}),
    }),
  );
  console.error('Created. Cognito mails the invitation with a temporary password; the first sign-in sets a new one and enrols MFA.');
} catch (error) {
  if (error instanceof UserExists) fail(`${email.data} already has an account in ${userPoolId}.`);
  console.error(`Could not create the user: ${(error as Error).name}: ${(error as Error).message}`);
  process.exit(1);
}
