/**
 * The form of `LINK_KEYS`, the local link keys, in a module of its own: the local runtime checks
 * a kept file against it without loading (and so configuring) the key ring.
 */
import * as z from 'zod';

/** `LINK_KEYS`: base64url secrets of at least 32 bytes, the first one signing. */
export const localLinkKeysSchema = z.object({
  keys: z
    .array(z.object({ kid: z.string().min(1).max(100), secret: z.string().regex(/^[A-Za-z0-9_-]{43,}$/, 'a base64url secret of 32 bytes or more') }))
    .min(1),
});
