/**
 * `GET /api/hsds` (and `/api/hsds/`): HSDS's root endpoint, the API's version and profile.
 */
import { hsdsCacheControl, hsdsRoot } from '../contract/open-data.js';
import { json } from '../shared/http.js';
import type { PublicHandler } from '../shared/request-pipeline.js';

export const getHsdsRoot: PublicHandler = async () => json(200, hsdsRoot, { 'cache-control': hsdsCacheControl.shared });
