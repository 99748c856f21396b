/**
 * Lambda entry for the readiness reminders' links: public routes that preview and carry out the
 * one action a signed link names. Apart from the portal because it holds the links' keys and takes
 * no token.
 */
import { answerListingAction } from '../handlers/answer-listing-action.js';
import { previewListingAction } from '../handlers/preview-listing-action.js';
import { groupEntry } from '../shared/request-pipeline.js';

export const handler = groupEntry('listing-actions', { previewListingAction, answerListingAction });
