/**
 * Lambda entry for the public, read-only routes.
 */
import { findOutlets } from '../handlers/find-outlets.js';
import { getOutlet } from '../handlers/get-outlet.js';
import { groupEntry } from '../shared/request-pipeline.js';

export const handler = groupEntry('public-api', { findOutlets, getOutlet });
