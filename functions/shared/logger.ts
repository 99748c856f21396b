/**
 * The one logger. Structured JSON on Lambda (Powertools); quiet in tests.
 * Never log raw coordinates, full postcodes or IP addresses: log what was asked in coarse form
 * (see `coarseLocation`) and how the request ended.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { config } from './config.js';

export const logger = new Logger({
  serviceName: 'naloxone-finder',
  logLevel: config().LOG_LEVEL,
});

/** A location coarse enough to log: one decimal place (about 11 km), never the searched point. */
export function coarseLocation(lat: number, lng: number): string {
  return `${lat.toFixed(1)},${lng.toFixed(1)}`;
}
