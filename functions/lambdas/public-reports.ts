/**
 * Lambda entry for problem reports from the public: the only public route that writes, kept apart
 * so the search function can stay read-only.
 */
import { createReport } from '../handlers/create-report.js';
import { groupHandler } from '../shared/dispatch.js';

export const handler = groupHandler('public-reports', { createReport });
