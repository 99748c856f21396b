/**
 * The local keys of readiness reminders' links: made on the first start and kept in the data folder
 * (as the sign-in key is, `signing-keys.ts`), so links in the local outbox keep working after a
 * restart and `npm run jobs:readiness` signs with the same key as the finder checks with. Without a
 * folder the key lives only as long as the process. The functions get them as `LINK_KEYS`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { localLinkKeysSchema } from '../functions/data/link-keys-format.js';

/** Where the keys are kept in the data folder. */
export const linkKeysFile = 'link-keys.json';

/** The folder of the local link keys inside the finder's data folder. */
export const linkKeysDir = (dataPath: string): string => join(dataPath, 'local-links');

/** A new key: 32 random bytes, base64url, with a random id. */
const newKey = () => ({ kid: `local-${randomUUID()}`, secret: randomBytes(32).toString('base64url') });

/**
 * The keys kept in `dir` as `LINK_KEYS` JSON, made and saved there on first use; a new key in memory
 * when there is no folder. Readable by the owner only: anyone with the key can make links.
 */
export async function loadOrCreateLinkKeys(dir?: string): Promise<string> {
  if (!dir) return JSON.stringify({ keys: [newKey()] });
  const path = join(dir, linkKeysFile);
  try {
    const text = await readFile(path, 'utf8');
    localLinkKeysSchema.parse(JSON.parse(text));
    return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`The local link keys in ${path} cannot be read; delete the file to make new ones`, { cause: error });
    }
  }
  const text = JSON.stringify({ keys: [newKey()] }, null, 2);
  await mkdir(dir, { recursive: true });
  // Written whole, then renamed: a crash mid-write cannot leave half a key behind.
  await writeFile(`${path}.tmp`, text, { mode: 0o600 });
  await chmod(`${path}.tmp`, 0o600);
  await rename(`${path}.tmp`, path);
  return text;
}
