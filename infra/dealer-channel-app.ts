import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Annotations, type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { REPO_ROOT } from './repo-root.js';
import { DataStack, DEFAULT_MAIL_FROM } from './stacks/data-stack.js';
import { EdgeStack } from './stacks/edge-stack.js';
import { ServiceStack } from './stacks/service-stack.js';

/** The stacks of one stage. */
export interface DealerChannelStacks {
  /** Table, user pool, review-link key, mail sender, event bus: `DealerChannel-<stage>-data`. */
  readonly data: DataStack;
  /** API, route functions by area, jobs, alarms, portal hosting: `DealerChannel-<stage>`. */
  readonly service: ServiceStack;
  /** The portal's WAF web ACL in us-east-1: `DealerChannel-<stage>-edge`, deployed first. */
  readonly edge: EdgeStack;
}

/** Tags on every resource of the app that takes tags (cost allocation, ownership). */
export const appTags = (stage: string): Record<string, string> => ({ project: 'dealer-channel', stage });

/**
 * Adds the Dealer Channel stacks of the stage named by context `stage` (default `dev`) to the app, with cdk-nag's
 * AwsSolutions checks. Shared by `infra/app.ts` and the assertion tests, so the tests check what synthesizes.
 *
 * Context (all strings, `-c key=value`):
 * - `stage`; `deletionProtection` (`true`/`false`; default: on except in `dev`); `backup` (default: on in `prod`);
 * - `mailDomain` (required outside dev: domain identity with DKIM and MAIL FROM), `mailFrom` (default
 *   `no-reply@<mailDomain>`), `ownsMailIdentity` (`false` where another stage of the account owns the domain);
 * - `apiDomain` + `apiCertificateArn` (ACM, same region): the API's custom domain, used in every link;
 * - `alarmEmail` (comma-separated addresses subscribed to the alarm topic);
 * - `mailSendRate` (mails per second each sending function may hand to SES; default 14, SES's default production
 *   quota; 1 in the sandbox — see docs/deploy.md for sharing the account's quota);
 * - `portalDist` (default `portal/dist`: build the portal first), `authDomainPrefix` (managed login, globally
 *   unique; default `dealer-channel-<stage>`), `webAclArn` (the edge stack's output; required outside dev),
 *   `portalDomain` + `portalCertificateArn` (ACM in us-east-1).
 */
export function defineApp(app: App): DealerChannelStacks {
  const context = (key: string) => {
    const value = app.node.tryGetContext(key) as unknown;
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const stage = context('stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`Context stage "${stage}": use [a-z][a-z0-9-]{0,19}`);
  const protect = booleanContext('deletionProtection', context('deletionProtection')) ?? stage !== 'dev';
  const backup = booleanContext('backup', context('backup')) ?? stage === 'prod';
  const mailDomain = context('mailDomain');
  const mailFrom = context('mailFrom');
  checkSender(stage, mailDomain, mailFrom);
  const apiDomain = context('apiDomain');
  const apiCertificateArn = context('apiCertificateArn');
  if (Boolean(apiDomain) !== Boolean(apiCertificateArn)) {
    throw new Error('Context apiDomain and apiCertificateArn go together: the custom domain needs its certificate');
  }
  const ownsMailIdentity = booleanContext('ownsMailIdentity', context('ownsMailIdentity'));
  const mailSendRate = context('mailSendRate') === undefined ? undefined : Number(context('mailSendRate'));
  if (mailSendRate !== undefined && !(mailSendRate > 0 && mailSendRate <= 10_000)) {
    throw new Error(`Context mailSendRate "${context('mailSendRate')}" must be a number of mails per second above 0`);
  }

  const data = new DataStack(app, `DealerChannel-${stage}-data`, {
    stage,
    protect,
    backup,
    description: `Dealer Channel (${stage}): table, user pool, review-link key, mail sender, event bus`,
    ...(mailDomain ? { mailDomain } : {}),
    ...(mailFrom ? { mailFrom } : {}),
    ...(ownsMailIdentity === undefined ? {} : { ownsMailIdentity }),
  });
  const edge = new EdgeStack(app, `DealerChannel-${stage}-edge`, {
    stage,
    env: { region: 'us-east-1', ...(process.env.CDK_DEFAULT_ACCOUNT ? { account: process.env.CDK_DEFAULT_ACCOUNT } : {}) },
    description: `Dealer Channel (${stage}): WAF web ACL of the portal's CloudFront distribution (us-east-1)`,
  });
  const portal = portalContext(stage, context);
  const service = new ServiceStack(app, `DealerChannel-${stage}`, {
    ...(portal ? { portal } : {}),
    stage,
    data,
    protect,
    alarmEmails: (context('alarmEmail') ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
    ...(apiDomain && apiCertificateArn ? { apiDomain: { name: apiDomain, certificateArn: apiCertificateArn } } : {}),
    ...(mailSendRate === undefined ? {} : { mailSendRate }),
    description: `Dealer Channel (${stage}): deal registration API, jobs and alarms`,
  });
  if (!portal) {
    Annotations.of(service).addInfo('No portal: portal/dist is not built (npm run build in portal/); dev synthesizes without it');
  }
  for (const [key, value] of Object.entries(appTags(stage))) Tags.of(app).add(key, value);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, service, edge };
}

/** The portal's settings; undefined only in dev when the portal is not built. */
function portalContext(stage: string, context: (key: string) => string | undefined) {
  const distDirectory = path.resolve(REPO_ROOT, context('portalDist') ?? 'portal/dist');
  if (!existsSync(path.join(distDirectory, 'index.html'))) {
    if (stage === 'dev') return undefined;
    throw new Error(`Stage ${stage}: ${distDirectory} has no index.html; build the portal first (npm run build in portal/)`);
  }
  const webAclArn = context('webAclArn');
  if (!webAclArn && stage !== 'dev') {
    throw new Error(`Stage ${stage}: deploy DealerChannel-${stage}-edge first and pass its WebAclArn as -c webAclArn=…`);
  }
  const portalDomain = context('portalDomain');
  const portalCertificateArn = context('portalCertificateArn');
  if (Boolean(portalDomain) !== Boolean(portalCertificateArn)) {
    throw new Error('Context portalDomain and portalCertificateArn (us-east-1) go together');
  }
  return {
    distDirectory,
    authDomainPrefix: context('authDomainPrefix') ?? `dealer-channel-${stage}`,
    ...(webAclArn ? { webAclArn } : {}),
    ...(portalDomain && portalCertificateArn ? { domain: { name: portalDomain, certificateArn: portalCertificateArn } } : {}),
  };
}

/**
 * Outside dev, mail goes from a verified domain of the customer's: the example sender would leave every
 * notification in SES's sandbox or in spam, and an address identity has no DKIM.
 */
function checkSender(stage: string, mailDomain: string | undefined, mailFrom: string | undefined): void {
  if (mailDomain && !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(mailDomain)) {
    throw new Error(`Context mailDomain "${mailDomain}" is not a domain name`);
  }
  if (mailDomain && mailFrom && !mailFrom.toLowerCase().endsWith(`@${mailDomain}`)) {
    throw new Error(`Context mailFrom "${mailFrom}" is not on mailDomain ${mailDomain}`);
  }
  if (stage === 'dev') return;
  if (!mailDomain) {
    throw new Error(`Stage ${stage} needs -c mailDomain=<your sending domain>: the example sender is for dev only`);
  }
  const from = mailFrom ?? `no-reply@${mailDomain}`;
  if (from === DEFAULT_MAIL_FROM || from.endsWith('.example')) {
    throw new Error(`Stage ${stage} cannot send from the example sender ${from}`);
  }
}

/** `-c deletionProtection=false` arrives as a string. */
function booleanContext(key: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`Context ${key} must be true or false, not ${JSON.stringify(value)}`);
}
