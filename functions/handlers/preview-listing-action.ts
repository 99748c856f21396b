/**
 * `GET /api/listing-actions?t=<token>`: what a reminder's link would do, or why it cannot (used,
 * expired, not a link we made). Changes nothing: mail scanners open every link.
 */
import { listingActionQuerySchema } from '../contract/listing-actions.js';
import { previewListingAction as preview } from '../core/listing-link-answers.js';
import { json, parseQuery } from '../shared/http.js';
import type { PublicHandler } from '../shared/request-pipeline.js';
import { linkPorts } from './link-ports.js';

export const previewListingAction: PublicHandler = async ({ event }) => {
  const { t } = parseQuery(listingActionQuerySchema, event);
  return json(200, await preview(linkPorts, t, new Date()));
};
