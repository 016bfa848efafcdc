import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DealerChannelStack } from './stack.js';

/**
 * Adds the Dealer Channel stack of the stage named by context `stage` (default `dev`) to the app, with cdk-nag's
 * AwsSolutions checks. Shared by `infra/app.ts` and the assertion tests, so the tests check what synthesizes.
 *
 * Context: `stage`, `mailFrom`, `deletionProtection` (`true`/`false`; default: on except in `dev`).
 */
export function defineApp(app: App): DealerChannelStack {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`Context stage "${stage}": use [a-z][a-z0-9-]{0,19}`);
  const mailFrom = app.node.tryGetContext('mailFrom') as string | undefined;
  const deletionProtection = booleanContext(app.node.tryGetContext('deletionProtection'));

  const stack = new DealerChannelStack(app, `DealerChannel-${stage}`, {
    stage,
    description: `Dealer Channel (${stage}): deal registration backend`,
    ...(mailFrom ? { mailFrom } : {}),
    ...(deletionProtection === undefined ? {} : { deletionProtection }),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}

/** `-c deletionProtection=false` arrives as a string. */
function booleanContext(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`Context deletionProtection must be true or false, not ${JSON.stringify(value)}`);
}
