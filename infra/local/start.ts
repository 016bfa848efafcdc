/**
 * `npm start`: builds the portal, then runs the local stack with demo data until Ctrl-C. `npm start -- --reset`
 * starts from an empty database; `--no-build` serves the portal as last built.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { schedules } from '../../shared/api/schedules.js';
import { persistentIssuer, persistentSecret } from './local-issuer.js';
import { startLocalStack } from './local-stack.js';
import { buildPortal } from './portal-build.js';
import { DATA_DIR, localPorts } from './ports.js';

const ports = localPorts();
console.log(`Dealer Channel portal: http://localhost:${ports.portalPort}  (building the portal and starting the stack...)`);

if (process.argv.includes('--reset')) {
  rmSync(path.join(DATA_DIR, 'dynamodb'), { recursive: true, force: true });
  rmSync(path.join(DATA_DIR, 's3'), { recursive: true, force: true });
  console.log('Reset: the local database and files start empty.');
}

if (!process.argv.includes('--no-build')) await buildPortal();

const issuer = await persistentIssuer(DATA_DIR);
const stack = await startLocalStack({
  ...ports,
  portal: { port: ports.portalPort, oidcPort: ports.oidcPort },
  issuer,
  reviewTokenSecret: persistentSecret(DATA_DIR),
  runSchedules: true,
  dataDir: DATA_DIR,
  s3Dir: path.join(DATA_DIR, 's3'),
  seed: async () => {
    const { seedDemoData } = await import('./demo-data.js');
    if (!(await seedDemoData())) return;
    const started = Date.now();
    const { seedDemoHistory } = await import('./demo-history.js');
    const history = await seedDemoHistory();
    const { seedDemoFunds } = await import('./demo-funds.js');
    const funds = await seedDemoFunds();
    console.log(
      `Seeded demo data: program, regions dach and benelux, three dealers, six products with a price list and sales assets, a year of history ` +
        `(${history.registrations} registrations, ${history.kpiRows} KPI input rows, tier runs), co-marketing funds of ${funds.period} for ${funds.allocated} dealers in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  },
});

console.log(`
Dealer Channel local stack is running.
  Portal         ${stack.portalUrl}   (sign in as any demo user on the sign-in page)
  Sign-in        ${stack.oidcUrl}   (local OpenID provider)
  API            ${stack.apiUrl}   (OpenAPI: ${stack.apiUrl}/openapi.json)
  Mail viewer    ${stack.sesUrl}   (captured mail as JSON: ${stack.sesUrl}/store)
  S3 (s3rver)    ${stack.s3Url}   (files in .data/s3)
  DynamoDB Local ${stack.dynamoDbUrl}   (data in .data/dynamodb; npm start -- --reset to start clean)

Get a token for a demo dealer:
  TOKEN=$(npm run -s token -- --role dealer --dealer dealer-alpine)

Register an opportunity:
  curl -s -X POST ${stack.apiUrl}/registrations -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
    -d '{"customer":{"name":"Müller Maschinenbau GmbH","country":"DE","city":"Stuttgart"},"contact":{"name":"Eva Müller","email":"eva@mueller.example"},"products":[{"sku":"MX-200","quantity":2}],"expectedValue":{"amount":40000000,"currency":"EUR"},"expectedCloseDate":"${new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10)}","stage":"mid"}'
  curl -s ${stack.apiUrl}/registrations -H "Authorization: Bearer $TOKEN"

Other roles: --role partner_manager --regions dach | --role regional_director --regions dach,benelux | --role finance | --role channel_admin
Schedules fire in-process; run one once: npm run -s job -- <${schedules.map((j) => j.name).join('|')}> [--at <ISO instant>]
Ctrl-C stops everything.
`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the local stack...`);
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));
