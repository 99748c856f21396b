/**
 * The reminder links' ports, built once per function, with failures after a change logged.
 */
import { linkAnswerPorts } from '../data/readiness-ports.js';
import { logger } from '../shared/logger.js';

export const linkPorts = linkAnswerPorts((message, error) => logger.warn(message, { error: error as Error }));
