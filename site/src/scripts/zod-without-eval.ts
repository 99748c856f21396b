/**
 * Tells zod not to compile parsers with `new Function`. The page's Content-Security-Policy forbids
 * eval, so zod's own probe for it is blocked and reported as a CSP violation (Lighthouse counts it
 * against best practices). The interpreted parser is plenty fast for one API answer.
 *
 * zod reads this when each schema is created, so this module must be imported before any schema
 * (first in `api.ts`). It sets zod's core config, which classic zod and zod/mini share, through
 * `zod/v4/core` so that the find page and the embed, which check answers with zod/mini, never load
 * classic zod.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
