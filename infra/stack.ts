import { fileURLToPath } from 'node:url';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { EmailIdentity, Identity as SesIdentity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { type RouteDefinition, routes as routeTable } from '../shared/api/routes.js';
import { DataTable } from './constructs/data-table.js';
import { DealerChannelApi } from './constructs/http-api.js';
import { Identity } from './constructs/identity.js';

/** The repository root: route table entries (`functions/...`) are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export const DEFAULT_MAIL_FROM = 'no-reply@dealer-channel.example';

export interface DealerChannelStackProps extends StackProps {
  /** `dev`, `staging`, `prod`…: part of resource names. */
  readonly stage: string;
  /**
   * Deletion protection on the table and the user pool, and RETAIN on them and the log groups.
   * @default true, except for the stage `dev`
   */
  readonly deletionProtection?: boolean;
  /** @default no-reply@dealer-channel.example */
  readonly mailFrom?: string;
  /** @default the route table of shared/api/routes.ts */
  readonly routes?: readonly RouteDefinition[];
}

/** Everything Dealer Channel deploys: table, user pool, HTTP API with one function per route, event bus, sender. */
export class DealerChannelStack extends Stack {
  readonly table: DataTable['table'];
  readonly identity: Identity;
  readonly api: DealerChannelApi;
  /** Nothing publishes yet; the domain events of later issues go here. */
  readonly eventBus: EventBus;
  /** The verified sender of review notifications. */
  readonly mailFrom: EmailIdentity;

  constructor(scope: Construct, id: string, props: DealerChannelStackProps) {
    super(scope, id, props);
    const protect = props.deletionProtection ?? props.stage !== 'dev';
    const mailFrom = props.mailFrom ?? DEFAULT_MAIL_FROM;

    this.table = new DataTable(this, 'Data', { protect }).table;
    this.identity = new Identity(this, 'Identity', { stage: props.stage, protect });
    this.eventBus = new EventBus(this, 'EventBus', { eventBusName: `dealer-channel-${props.stage}` });
    this.mailFrom = new EmailIdentity(this, 'MailFrom', { identity: SesIdentity.email(mailFrom) });

    this.api = new DealerChannelApi(this, 'Api', {
      stage: props.stage,
      routes: props.routes ?? routeTable,
      repoRoot: REPO_ROOT,
      userPool: this.identity.userPool,
      userPoolClient: this.identity.client,
      table: this.table,
      retainLogs: protect,
      environment: {
        TABLE_NAME: this.table.tableName,
        POWERTOOLS_SERVICE_NAME: 'dealer-channel',
        NODE_OPTIONS: '--enable-source-maps',
        MAIL_FROM: mailFrom,
        EVENT_BUS_NAME: this.eventBus.eventBusName,
      },
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
  }
}
