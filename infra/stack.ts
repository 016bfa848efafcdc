import { fileURLToPath } from 'node:url';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { EmailIdentity, Identity as SesIdentity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { type RouteDefinition, routes as routeTable } from '../shared/api/routes.js';
import { type ScheduleDefinition, schedules as scheduleTable } from '../shared/api/schedules.js';
import { DataTable } from './constructs/data-table.js';
import { DealerChannelApi } from './constructs/http-api.js';
import { Identity } from './constructs/identity.js';
import { pascalCase } from './constructs/names.js';
import { ReviewTokenSecret } from './constructs/review-token-secret.js';
import { ScheduledJob } from './constructs/scheduled-job.js';
import type { FunctionResources } from './constructs/service-function.js';

/** The repository root: route table entries (`functions/...`) are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export const DEFAULT_MAIL_FROM = 'no-reply@dealer-channel.example';

export interface DealerChannelStackProps extends StackProps {
  /** `dev`, `staging`, `prod`…: part of resource names. */
  readonly stage: string;
  /**
   * Deletion protection on the table and the user pool, and RETAIN on them, the review-link key and the log groups.
   * @default true, except for the stage `dev`
   */
  readonly deletionProtection?: boolean;
  /** @default no-reply@dealer-channel.example */
  readonly mailFrom?: string;
  /** @default the route table of shared/api/routes.ts */
  readonly routes?: readonly RouteDefinition[];
  /** @default the schedules of shared/api/schedules.ts */
  readonly schedules?: readonly ScheduleDefinition[];
}

/**
 * Everything Dealer Channel deploys: table, user pool, HTTP API with one function per route, one function and
 * EventBridge rule per schedule, event bus, mail sender and the review links' key.
 */
export class DealerChannelStack extends Stack {
  readonly table: DataTable['table'];
  readonly identity: Identity;
  readonly api: DealerChannelApi;
  /** Domain events, published through the outbox. */
  readonly eventBus: EventBus;
  /** The verified sender of review notifications. */
  readonly mailFrom: EmailIdentity;
  /** The HMAC key of the review links. */
  readonly reviewSecret: ReviewTokenSecret;
  /** By schedule name, e.g. `outbox`. */
  readonly jobs = new Map<string, ScheduledJob>();

  constructor(scope: Construct, id: string, props: DealerChannelStackProps) {
    super(scope, id, props);
    const protect = props.deletionProtection ?? props.stage !== 'dev';
    const mailFrom = props.mailFrom ?? DEFAULT_MAIL_FROM;

    this.table = new DataTable(this, 'Data', { protect }).table;
    this.identity = new Identity(this, 'Identity', { stage: props.stage, protect });
    this.eventBus = new EventBus(this, 'EventBus', { eventBusName: `dealer-channel-${props.stage}` });
    this.mailFrom = new EmailIdentity(this, 'MailFrom', { identity: SesIdentity.email(mailFrom) });
    this.reviewSecret = new ReviewTokenSecret(this, 'ReviewTokenKey', { stage: props.stage, retain: protect });

    const resources: FunctionResources = {
      repoRoot: REPO_ROOT,
      table: this.table,
      eventBus: this.eventBus,
      mailIdentity: this.mailFrom,
      reviewSecret: this.reviewSecret,
      retainLogs: protect,
      environment: {
        TABLE_NAME: this.table.tableName,
        POWERTOOLS_SERVICE_NAME: 'dealer-channel',
        NODE_OPTIONS: '--enable-source-maps',
        MAIL_FROM: mailFrom,
        // On every function, also those without PutEvents: unset, the publisher would fall back to the local
        // in-process journal and lose events silently instead of failing.
        EVENT_BUS_NAME: this.eventBus.eventBusName,
      },
    };

    this.api = new DealerChannelApi(this, 'Api', {
      stage: props.stage,
      routes: props.routes ?? routeTable,
      userPool: this.identity.userPool,
      userPoolClient: this.identity.client,
      resources,
    });

    const jobs = new Construct(this, 'Jobs');
    for (const schedule of props.schedules ?? scheduleTable) {
      if (this.jobs.has(schedule.name)) throw new Error(`Schedule ${schedule.name} is defined twice`);
      this.jobs.set(
        schedule.name,
        new ScheduledJob(jobs, pascalCase(schedule.name), {
          schedule,
          resources,
          // Reminder and escalation mails carry review links to this API.
          environment: { PUBLIC_BASE_URL: this.api.httpApi.apiEndpoint },
        }),
      );
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
    new CfnOutput(this, 'ReviewTokenSecretName', { value: this.reviewSecret.secretName });
  }
}
