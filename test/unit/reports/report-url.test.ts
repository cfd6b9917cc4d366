import { HeadObjectCommand, NotFound, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { S3ObjectStore } from '../../../functions/lib/aws/s3-object-store';
import { bulkReportUrl } from '../../../functions/lib/bulk/report-url';
import { NotFoundError } from '../../../functions/lib/errors';
import { REPORT_URL_SECONDS } from '../../../functions/lib/storage/object-store';

/** The AWS adapter's URL comes from the real presigner (@aws-sdk/s3-request-presigner): SigV4 query, 15 minutes. */
describe('report URLs in AWS', () => {
  const s3 = mockClient(S3Client);
  afterEach(() => s3.reset());
  const client = () => new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'token' } });

  it('a presigned GET of the report, valid 15 minutes', async () => {
    s3.on(HeadObjectCommand).resolves({});
    const { url, expiresInSeconds } = await bulkReportUrl(new S3ObjectStore(client()), 'imports', 'bulk-csv-k-hr');
    expect(expiresInSeconds).toBe(900);
    const u = new URL(url);
    expect(u.hostname).toBe('imports.s3.eu-west-1.amazonaws.com');
    expect(u.pathname).toBe('/reports/bulk-csv-k-hr.html');
    expect(u.searchParams.get('X-Amz-Expires')).toBe(String(REPORT_URL_SECONDS));
    expect(u.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(u.searchParams.get('X-Amz-Credential')).toMatch(/^AKIDEXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request$/);
    expect(u.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(u.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(s3.commandCalls(HeadObjectCommand)[0].args[0].input).toEqual({ Bucket: 'imports', Key: 'reports/bulk-csv-k-hr.html' });
  });

  it('404 when the report is not written yet, and for a JSON run (its GET is its report); no URL made', async () => {
    s3.on(HeadObjectCommand).rejects(new NotFound({ message: 'no', $metadata: {} }));
    await expect(bulkReportUrl(new S3ObjectStore(client()), 'imports', 'bulk-csv-k-hr')).rejects.toThrow(/No report for bulk-csv-k-hr yet/);
    await expect(bulkReportUrl(new S3ObjectStore(client()), 'imports', 'bulk-k-1')).rejects.toBeInstanceOf(NotFoundError);
  });
});
