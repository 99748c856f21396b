/**
 * `POST /api/listing-actions` with `{ token, outletId, action }`: does what a reminder's link says,
 * once. A second press of the same link answers 200 `already_done`.
 */
import { listingActionBodySchema } from '../contract/listing-actions.js';
import { answerListingAction as answer } from '../core/listing-link-answers.js';
import { json, parseBody } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import type { PublicHandler } from '../shared/request-pipeline.js';
import { linkPorts } from './link-ports.js';

export const answerListingAction: PublicHandler = async ({ event }) => {
  const body = parseBody(listingActionBodySchema, event);
  const result = await answer(linkPorts, body, new Date());
  logger.info('Reminder answered by link', { outletId: result.listing.id, action: result.action, outcome: result.outcome });
  return json(200, result);
};
