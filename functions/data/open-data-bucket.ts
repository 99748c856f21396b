/**
 * Writing the open data files to their bucket, which CloudFront serves under `/api/open-data/`.
 * The client is built once, at cold start, from the checked configuration.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type OpenDataFileName, openDataFiles, openDataFilesCacheControl } from '../contract/open-data.js';
import { openDataConfig } from '../shared/config.js';

const { AWS_REGION, OPEN_DATA_BUCKET } = openDataConfig();

const s3 = new S3Client({ region: AWS_REGION });

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

/** Writes one file over the one before. */
export async function putOpenDataFile(file: OpenDataFileName, body: string): Promise<void> {
  await s3.send(new PutObjectCommand(putOpenDataFileInput(file, body)));
}
