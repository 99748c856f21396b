/**
 * Lambda entry for the public, read-only routes.
 */
import { findOutlets } from '../handlers/find-outlets.js';
import { getOutlet } from '../handlers/get-outlet.js';
import { groupHandler } from '../shared/dispatch.js';

export const handler = groupHandler('public-api', { findOutlets, getOutlet });
