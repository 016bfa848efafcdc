import { CfnOutput, NestedStack, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { type RouteDefinition, routes as routeTable } from '../../shared/api/routes.js';
import { type ScheduleDefinition, schedules as scheduleTable } from '../../shared/api/schedules.js';
import { tableDesign } from '../../shared/db/table-design.js';
import { DEFAULT_SEND_RATE } from '../../shared/outbox/send-rate.js';
import { METRICS_NAMESPACE, METRICS_SERVICE, StageAlarms } from '../constructs/alarms.js';
import { filesBucketName, filesObjectsFinding } from '../constructs/files-bucket.js';
import { DealerChannelApi } from '../constructs/http-api.js';
import { Integrations } from '../constructs/integrations.js';
import { MailFeedback } from '../constructs/mail-feedback.js';
import { pascalCase } from '../constructs/names.js';
import { OutboxStream } from '../constructs/outbox-stream.js';
import { PortalHosting } from '../constructs/portal-hosting.js';
import { ScheduledJob } from '../constructs/scheduled-job.js';
import type { FunctionResources } from '../constructs/service-function.js';
import { REPO_ROOT } from '../repo-root.js';
import type { DataStack } from './data-stack.js';

export interface ServiceStackProps extends StackProps {
  readonly stage: string;
  /** The stage's stateful resources. */
  readonly data: DataStack;
  /** Retain log groups with the stage's data. */
  readonly protect: boolean;
  /** Addresses that get the alarms by mail (each confirms the subscription once). */
  readonly alarmEmails?: readonly string[];
  /** The partner portal; without it (dev, portal not built) the stack has no hosting. */
  readonly portal?: {
    readonly distDirectory: string;
    readonly authDomainPrefix: string;
    readonly webAclArn?: string;
    readonly domain?: { readonly name: string; readonly certificateArn: string };
  };
  /** The API's custom domain and its ACM certificate (same region). */
  readonly apiDomain?: { readonly name: string; readonly certificateArn: string };
  /** Mails per second each sending process may hand to SES (the account's quota, shared out). @default 14 */
  readonly mailSendRate?: number;
  /** @default the route table of shared/api/routes.ts */
  readonly routes?: readonly RouteDefinition[];
  /** @default the schedules of shared/api/schedules.ts */
  readonly schedules?: readonly ScheduleDefinition[];
}

/**
 * The stateless half of a stage: the HTTP API with one nested stack of route functions per area, the scheduled
 * jobs in a nested stack of their own, and the alarms. Built against the data stack's resources; replacing it
 * loses nothing.
 */
export class ServiceStack extends Stack {
  readonly api: DealerChannelApi;
  /** The scheduled jobs' nested stack. */
  readonly jobsStack: NestedStack;
  /** By schedule name, e.g. `outbox`. */
  readonly jobs = new Map<string, ScheduledJob>();
  /** Delivers the outbox from the table's stream (in the jobs' nested stack). */
  readonly outboxStream: OutboxStream;
  /** Records SES's bounces and complaints (in the jobs' nested stack). */
  readonly mailFeedback: MailFeedback;
  /** The partner portal's hosting and managed login, when the stage has one. */
  portal?: PortalHosting;
  /** Every alarm notifies this topic. */
  readonly alarmTopic: Topic;
  readonly alarms: StageAlarms;
  /** What every function of the stage is built against. */
  readonly functionResources: FunctionResources;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { data } = props;

    // CloudWatch can publish to an encrypted topic only with a customer-managed key that lets it.
    const topicKey = new Key(this, 'AlarmTopicKey', {
      description: `Dealer Channel (${props.stage}): encrypts the alarm topic`,
      enableKeyRotation: true,
      removalPolicy: props.protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    topicKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: `Dealer Channel ${props.stage} alarms`,
      masterKey: topicKey,
      enforceSSL: true,
    });
    for (const email of props.alarmEmails ?? []) this.alarmTopic.addSubscription(new EmailSubscription(email));
    this.alarms = new StageAlarms(this.alarmTopic);

    this.functionResources = {
      repoRoot: REPO_ROOT,
      table: data.table,
      eventBus: data.eventBus,
      mail: data.mail,
      reviewSecret: data.reviewSecret,
      files: {
        bucket: Bucket.fromBucketName(this, 'FilesBucket', filesBucketName(props.stage)),
        objectsFinding: filesObjectsFinding(props.stage),
      },
      retainLogs: props.protect,
      alarms: this.alarms,
      userPool: data.identity.userPool,
      environment: {
        TABLE_NAME: data.table.tableName,
        POWERTOOLS_SERVICE_NAME: METRICS_SERVICE,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        NODE_OPTIONS: '--enable-source-maps',
        MAIL_FROM: data.mailFrom,
        SES_CONFIGURATION_SET: data.mail.configurationSet.configurationSetName,
        SES_MAX_SEND_RATE: String(props.mailSendRate ?? DEFAULT_SEND_RATE),
        CURSOR_SECRET: data.cursorKey.environmentValue,
        // On every function, also those without PutEvents: unset, the publisher would fall back to the local
        // in-process journal and lose events silently instead of failing.
        EVENT_BUS_NAME: data.eventBus.eventBusName,
        FILES_BUCKET: filesBucketName(props.stage),
        // Mail buttons that decide nothing lead into the portal; without its own domain they lead to the API's.
        ...(props.portal?.domain ? { PORTAL_BASE_URL: `https://${props.portal.domain.name}` } : {}),
      },
    };

    this.api = new DealerChannelApi(this, 'Api', {
      stage: props.stage,
      routes: props.routes ?? routeTable,
      userPool: data.identity.userPool,
      userPoolClient: data.identity.client,
      resources: this.functionResources,
      ...(props.apiDomain ? { domain: props.apiDomain } : {}),
      ...(props.portal
        ? {
            frontends: (publicBaseUrl: string) => {
              this.portal = new PortalHosting(this, 'Portal', {
                ...props.portal!,
                stage: props.stage,
                apiEndpoint: publicBaseUrl,
                userPool: data.identity.userPool,
                retainLogs: props.protect,
              });
              return [this.portal.client.userPoolClientId];
            },
          }
        : {}),
    });
    if (this.portal) new CfnOutput(this, 'PortalUrl', { value: this.portal.url, description: 'The partner portal' });

    this.jobsStack = new NestedStack(this, 'Jobs', { description: `Dealer Channel (${props.stage}): scheduled jobs` });
    for (const schedule of props.schedules ?? scheduleTable) {
      if (this.jobs.has(schedule.name)) throw new Error(`Schedule ${schedule.name} is defined twice`);
      this.jobs.set(
        schedule.name,
        new ScheduledJob(this.jobsStack, pascalCase(schedule.name), {
          schedule,
          resources: this.functionResources,
          // Reminder and escalation mails carry review links to this API.
          environment: { PUBLIC_BASE_URL: this.api.publicBaseUrl },
        }),
      );
    }

    this.outboxStream = new OutboxStream(this.jobsStack, 'OutboxStream', { resources: this.functionResources });
    this.mailFeedback = new MailFeedback(this.jobsStack, 'MailFeedback', {
      resources: this.functionResources,
      configurationSetName: data.mail.configurationSet.configurationSetName,
    });

    const routeFunction = (key: string) => this.api.functions.get(key)?.function;
    new Integrations(this, 'Integrations', {
      userPool: data.identity.userPool,
      credentialFunctions: ['POST /api-clients', 'DELETE /api-clients/{clientId}'].flatMap((key) => routeFunction(key) ?? []),
      describingFunctions: ['GET /openapi.json'].flatMap((key) => routeFunction(key) ?? []),
      webhookFunctions: [this.outboxStream.function],
      publicBaseUrl: this.api.publicBaseUrl,
      ...(this.portal ? { authDomainUrl: this.portal.authDomain.baseUrl() } : {}),
    });

    const monitoring = new NestedStack(this, 'Monitoring', {
      description: `Dealer Channel (${props.stage}): alarms on the API, the table and the outbox`,
    });
    this.alarms.watchHttpApi(monitoring, this.api.httpApi.apiId);
    this.alarms.watchTable(
      monitoring,
      data.table,
      tableDesign.indexes.map((index) => index.name),
    );
    this.alarms.watchOutbox(monitoring);
    this.alarms.watchMail(monitoring, data.mail.configurationSet.configurationSetName);

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
  }
}
