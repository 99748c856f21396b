/**
 * What the open data job writes to its bucket: each file at the key CloudFront asks for (the path
 * it is served at, without the leading slash), with its media type and the files' Cache-Control.
 */
import { describe, expect, it } from 'vitest';
import { openDataFiles, openDataFilesCacheControl } from '../../../functions/contract/open-data.js';

process.env.OPEN_DATA_BUCKET = 'open-data-test-bucket';
// Loaded now: the bucket writer reads its settings when it loads.
const { openDataObjectKey, putOpenDataFileInput } = await import('../../../functions/data/open-data-bucket.js');

describe('putOpenDataFileInput', () => {
  it.each(Object.keys(openDataFiles) as (keyof typeof openDataFiles)[])('puts the %s file where CloudFront reads it, with its type and Cache-Control', (file) => {
    // Act
    const input = putOpenDataFileInput(file, 'body');

    // Assess
    expect(`/${input.Key}`).toBe(openDataFiles[file].path);
    expect(openDataObjectKey(file)).toBe(input.Key);
    expect(input).toMatchObject({
      Bucket: 'open-data-test-bucket',
      Body: 'body',
      ContentType: openDataFiles[file].contentType,
      CacheControl: openDataFilesCacheControl,
    });
  });
});
