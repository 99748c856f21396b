/**
 * Writing the open data files to their bucket, which CloudFront serves under `/api/open-data/`.
 * One S3 PutObject per file: a signed `PUT /<key>` on the bucket's regional virtual-hosted address,
 * made by `shared/aws-request.ts` rather than the SDK's S3 client. The settings are read once, at
 * cold start, from the checked configuration.
 */
import { type OpenDataFileName, openDataFiles, openDataFilesCacheControl } from '../contract/open-data.js';
import { type AwsServiceSettings, sendAwsRequest } from '../shared/aws-request.js';
import { openDataConfig } from '../shared/config.js';
import { awsService } from './aws-services.js';

const { AWS_REGION, OPEN_DATA_BUCKET } = openDataConfig();

/**
 * Uploads get longer than a read to be answered: the files are sent whole, about 1 MB for the demo's
 * 631 listings and tens of MB for the whole UK's, and the time-out covers the upload. Three
 * attempts of 15 s stay inside the job's minute.
 */
export const uploadTimeouts = { connectMs: 1_000, responseMs: 15_000 } as const;

const bucketService: AwsServiceSettings = {
  ...awsService('s3', AWS_REGION, `https://${OPEN_DATA_BUCKET}.s3.${AWS_REGION}.amazonaws.com`),
  timeouts: uploadTimeouts,
};

/** The object key of a file: its path without the leading slash, as CloudFront asks the bucket for it. */
export const openDataObjectKey = (file: OpenDataFileName): string => openDataFiles[file].path.replace(/^\//, '');

/** The PutObject input of one file. Pure. */
export function putOpenDataFileInput(file: OpenDataFileName, body: string, bucket: string = OPEN_DATA_BUCKET) {
  return {
    Bucket: bucket,
    Key: openDataObjectKey(file),
    Body: body,
    ContentType: openDataFiles[file].contentType,
    CacheControl: openDataFilesCacheControl,
  };
}

/**
 * Writes one file over the one before. `bucket` is the bucket's address (for the tests); the
 * request's SHA-256 payload hash, which S3 checks, covers the body's integrity.
 */
export async function putOpenDataFile(file: OpenDataFileName, body: string, bucket: AwsServiceSettings = bucketService): Promise<void> {
  const input = putOpenDataFileInput(file, body);
  await sendAwsRequest(bucket, {
    method: 'PUT',
    path: `/${input.Key}`,
    headers: { 'content-type': input.ContentType, 'cache-control': input.CacheControl },
    body: input.Body,
  });
}
