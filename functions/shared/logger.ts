/**
 * The one logger. Structured JSON on Lambda (Powertools); quiet in tests.
 * Never log raw coordinates, full postcodes or IP addresses: log a search's area through
 * `locationForLog` (core/resolve-search-location.ts) and how the request ended.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { config } from './config.js';

export const logger = new Logger({
  serviceName: 'naloxone-finder',
  logLevel: config().LOG_LEVEL,
});
