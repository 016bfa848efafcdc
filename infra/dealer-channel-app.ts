import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DataStack } from './stacks/data-stack.js';
import { ServiceStack } from './stacks/service-stack.js';

/** The stacks of one stage. */
export interface DealerChannelStacks {
  /** Table, user pool, review-link key, mail sender, event bus: `DealerChannel-<stage>-data`. */
  readonly data: DataStack;
  /** API, route functions by area, jobs, alarms: `DealerChannel-<stage>`. */
  readonly service: ServiceStack;
}

/**
 * Adds the Dealer Channel stacks of the stage named by context `stage` (default `dev`) to the app, with cdk-nag's
 * AwsSolutions checks. Shared by `infra/app.ts` and the assertion tests, so the tests check what synthesizes.
 *
 * Context: `stage`, `mailFrom`, `deletionProtection` (`true`/`false`; default: on except in `dev`), `alarmEmail`
 * (comma-separated addresses subscribed to the alarm topic).
 */
export function defineApp(app: App): DealerChannelStacks {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`Context stage "${stage}": use [a-z][a-z0-9-]{0,19}`);
  const mailFrom = app.node.tryGetContext('mailFrom') as string | undefined;
  const protect = booleanContext(app.node.tryGetContext('deletionProtection')) ?? stage !== 'dev';
  const alarmEmails = listContext(app.node.tryGetContext('alarmEmail'));

  const data = new DataStack(app, `DealerChannel-${stage}-data`, {
    stage,
    protect,
    description: `Dealer Channel (${stage}): table, user pool, review-link key, mail sender, event bus`,
    ...(mailFrom ? { mailFrom } : {}),
  });
  const service = new ServiceStack(app, `DealerChannel-${stage}`, {
    stage,
    data,
    protect,
    alarmEmails,
    description: `Dealer Channel (${stage}): deal registration API, jobs and alarms`,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, service };
}

/** `-c deletionProtection=false` arrives as a string. */
function booleanContext(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`Context deletionProtection must be true or false, not ${JSON.stringify(value)}`);
}

/** `-c alarmEmail=a@x.example,b@x.example`. */
function listContext(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return String(value).split(',').map((item) => item.trim()).filter(Boolean);
}
