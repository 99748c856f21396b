/**
 * Tells zod not to compile parsers with `new Function`. The page's Content-Security-Policy forbids
 * eval, so zod's own probe for it is blocked and reported as a CSP violation (Lighthouse counts it
 * against best practices). The interpreted parser is plenty fast for one API answer.
 *
 * zod reads this when each schema is created, so this module must be imported before any schema
 * (first in `api.ts`). Only classic zod's objects compile parsers (zod/mini's never do), so this
 * matters on the pages still checking with classic schemas (the portal's, registration's and the
 * reminder links'); the find page, the embed, the outlet and report pages check with zod/mini. It
 * is set through `zod/v4/core`, whose config both share, so that no page loads classic for it.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
