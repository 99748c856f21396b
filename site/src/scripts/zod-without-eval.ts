/**
 * Tells zod not to compile parsers with `new Function`. The page's Content-Security-Policy forbids
 * eval, so zod's own probe for it is blocked and reported as a CSP violation (Lighthouse counts it
 * against best practices). The interpreted parser is plenty fast for one API answer.
 *
 * zod reads this when each schema is created, so this module must be imported before any schema
 * (first in `api.ts`).
 */
import { config } from 'zod';

config({ jitless: true });
