import { Duration, RemovalPolicy, Stack, type CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';
import { acknowledge } from '../nag';

export interface BulkImportsProps {
  /**
   * Days the Distributed Map's raw result files (bulk-results/) are kept; the reports (reports/) and the
   * uploaded files stay until the organisation deletes them.
   * @default 30
   */
  readonly resultsExpiryDays?: number;
}

/**
 * The bucket service desks upload joiner CSV files to (`joiners/…`, any key works) for
 * POST /bulk/joiners/csv, and where the BulkJoinersCsv state machine writes its Distributed Map results
 * (`bulk-results/<execution>/…`) and the per-user reports (`reports/<execution>.json|.csv`). The files
 * are HR data: encrypted, TLS only, never public, and retained when the stack is deleted.
 */
/** The HTML reports (a CSV run's, a plan's and its apply's): what GET …/report may read. */
const REPORT_KEYS = ['reports/*.html', 'plans/*.html', 'applies/*.html'];

export class BulkImports extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: BulkImportsProps = {}) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'ExpireMapResults', prefix: 'bulk-results/', expiration: Duration.days(props.resultsExpiryDays ?? 30) },
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    acknowledge(this.bucket, {
      S1: 'Object-level access goes through this stack’s IAM roles only and is recorded by CloudTrail data events where the organisation enables them; a second log bucket would only hold the same trail.',
    });
  }

  /**
   * Only these roles may write or delete under `prefix`: the bucket policy denies it to every other
   * principal, whatever their IAM policies grant (a roster uploader, an administrator's session). The
   * stored reconciliation plans (`plans/`, the planner) and the apply's items and reports (`applies/`, the
   * apply's steps) are what apply runs and reports; no one else may rewrite them.
   */
  reserveWriters(prefix: string, writers: iam.IRole[]): void {
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `OnlyItsWritersUnder${prefix.replace(/[^A-Za-z0-9]/g, '')}`,
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject', 's3:PutObjectTagging', 's3:PutObjectRetention', 's3:PutObjectLegalHold', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:RestoreObject'],
        resources: [this.bucket.arnForObjects(`${prefix}*`)],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': writers.map((r) => r.roleArn) } },
      }),
    );
  }

  /** POST /bulk/joiners/csv's preflight: read an uploaded file. ListBucket so a missing key is a 404 (NoSuchKey), not a 403. */
  grantReadFiles(grantee: iam.IGrantable): void {
    this.grant(grantee, ['s3:GetObject'], 'reads the CSV file a request names');
  }

  /** GET …/report: presigns GET URLs of the HTML reports, so its role may read those and nothing else. */
  grantReadReports(grantee: iam.IGrantable): void {
    const reports = REPORT_KEYS.map((k) => this.bucket.arnForObjects(k));
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: reports }));
    // ListBucket (so a missing report is NotFound, not AccessDenied) on the reports' prefixes only.
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': REPORT_KEYS } },
    }));
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    acknowledge(grantee.grantPrincipal as unknown as IConstruct, Object.fromEntries(REPORT_KEYS.map((k) => [
      `IAM5[Resource::<${bucketId}.Arn>/${k}]`, 'It presigns GET URLs of the HTML reports, named per run and per plan; no other object.',
    ])));
  }

  /** The CSV steps function: read the Distributed Map's results, write the report. */
  grantResultsAndReports(grantee: iam.IGrantable): void {
    this.grant(grantee, ['s3:GetObject', 's3:PutObject'], 'reads the Distributed Map result files of a run and writes its report');
  }

  /** Only PutObject, only on these key patterns (a JSON bulk run's report files): no reading, no listing. */
  grantWriteOnly(grantee: iam.IGrantable, keyPatterns: readonly string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: keyPatterns.map((k) => this.bucket.arnForObjects(k)) }));
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    acknowledge(grantee.grantPrincipal as unknown as IConstruct, Object.fromEntries(keyPatterns.map((k) => [
      `IAM5[Resource::<${bucketId}.Arn>/${k}]`, 'It writes the report files of the run it ends, named after its execution; no other object.',
    ])));
  }

  /** A Distributed Map's ItemReader (GetObject) and ResultWriter (PutObject, multipart parts). */
  grantDistributedMap(grantee: iam.IGrantable): void {
    this.grant(
      grantee,
      ['s3:GetObject', 's3:PutObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
      'reads the CSV file (ItemReader) and writes the run’s result files (ResultWriter)',
    );
  }

  private grant(grantee: iam.IGrantable, objectActions: string[], why: string): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: objectActions, resources: [this.bucket.arnForObjects('*')] }));
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    acknowledge(grantee.grantPrincipal as unknown as IConstruct, {
      [`IAM5[Resource::<${bucketId}.Arn>/*]`]: `It ${why} in the bulk imports bucket; object keys are chosen per upload and per run.`,
    });
  }
}
