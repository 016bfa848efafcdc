import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PENDING_TAG } from '../../shared/storage/presigned-urls.js';

/**
 * The bucket's name, unique per stage, account and region. Named rather than generated so that the service stack
 * refers to it by name (no cross-stack export to pin the data stack) and its grants read the same in every stage.
 */
export const filesBucketName = (stage: string) => `dealer-channel-${stage}-files-${Aws.ACCOUNT_ID}-${Aws.REGION}`;

/**
 * How cdk-nag names the objects of that bucket in a wildcard finding (AwsSolutions-IAM5): a function's grant on
 * `<bucket>/*` is acknowledged with this id.
 */
export const filesObjectsFinding = (stage: string) =>
  `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::dealer-channel-${stage}-files-<AWS::AccountId>-<AWS::Region>/*]`;

export interface FilesBucketProps {
  readonly stage: string;
  /** RETAIN the bucket and its logs with the stage's data (prod); otherwise removed with the stack when empty. */
  readonly retain: boolean;
}

/**
 * The files of the portal (sales assets, proof of performance; shared/files): private, encrypted, TLS only,
 * reached only through presigned URLs that the route functions sign. Uploads nobody confirmed carry the `pending`
 * tag and expire after a day; interrupted multipart uploads are aborted. Requests are logged to a second bucket.
 */
export class FilesBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: FilesBucketProps) {
    super(scope, id);
    const removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(365) }],
    });

    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: filesBucketName(props.stage),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      removalPolicy,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'files/',
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          id: 'expire-unconfirmed-uploads',
          tagFilters: { [PENDING_TAG.key]: PENDING_TAG.value },
          expiration: Duration.days(1),
        },
      ],
      // The portal PUTs uploads and GETs downloads straight from the browser with presigned URLs: the URL is the
      // credential, so any origin may use one; no cookies are involved.
      cors: [
        {
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD],
          allowedOrigins: ['*'],
          allowedHeaders: ['content-type', 'content-length'],
          exposedHeaders: ['etag'],
          maxAge: 3600,
        },
      ],
    });
  }
}
