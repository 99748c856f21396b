/**
 * Lambda entry for problem reports from the public: the only public route that writes, kept apart
 * so the search function can stay read-only.
 */
import { createReport } from '../handlers/create-report.js';
import { groupEntry } from '../shared/request-pipeline.js';

export const handler = groupEntry('public-reports', { createReport });
