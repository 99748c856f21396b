/**
 * The keys of reminder links (`core/listing-links.ts`).
 *
 * On AWS they live in one Secrets Manager secret the stack makes: its current version signs, and
 * its current and previous versions both verify, each named by its version id (the tokens' `kid`).
 * Rotating is putting a new value (`aws secretsmanager put-secret-value`): links already sent keep
 * working while their key is the previous version, so rotate no more often than links last (14
 * days). The secret is read once, on first use, and kept; a token naming a key this process has not
 * seen makes it read the secret again, at most once a minute, so a rotation reaches warm functions
 * without waiting for them to be replaced.
 *
 * Locally the keys come from `LINK_KEYS` (JSON, made on first start by `local/link-keys.ts`).
 */
import type { LinkKey, LinkKeyLookup } from '../core/listing-links.js';
import { linkKeysConfig } from '../shared/config.js';
import { localLinkKeysSchema } from './link-keys-format.js';
import { readSecretStage, secretsManager } from './secret-stages.js';

/** The keys in use: the one that signs, and every one that verifies (the signing one first). */
export interface LinkKeyRing {
  signing: LinkKey;
  verifying: LinkKey[];
}

const settings = linkKeysConfig();
const secrets = settings.LINK_KEYS_SECRET_ARN ? secretsManager(settings.AWS_REGION) : null;

/** The ring from `LINK_KEYS`. Pure. */
export function localKeyRing(json: string): LinkKeyRing {
  const { keys } = localLinkKeysSchema.parse(JSON.parse(json));
  const verifying = keys.map((key) => ({ kid: key.kid, secret: new Uint8Array(Buffer.from(key.secret, 'base64url')) }));
  return { signing: verifying[0] as LinkKey, verifying };
}

async function loadRing(): Promise<LinkKeyRing> {
  if (!secrets || !settings.LINK_KEYS_SECRET_ARN) return localKeyRing(settings.LINK_KEYS ?? '');
  const arn = settings.LINK_KEYS_SECRET_ARN;
  const key = async (stage: 'AWSCURRENT' | 'AWSPREVIOUS'): Promise<LinkKey | null> => {
    const version = await readSecretStage(secrets, arn, stage);
    return version && { kid: version.versionId, secret: new TextEncoder().encode(version.value) };
  };
  const [current, previous] = await Promise.all([key('AWSCURRENT'), key('AWSPREVIOUS')]);
  if (!current) throw new Error('The link key secret has no current value');
  return { signing: current, verifying: previous ? [current, previous] : [current] };
}

let ring: Promise<LinkKeyRing> | undefined;
let loadedAt = 0;
const reloadAfterMs = 60_000;

/** The keys, read on first use and kept (a failed read is tried again next time). */
export function linkKeyRing(): Promise<LinkKeyRing> {
  if (!ring) {
    loadedAt = Date.now();
    ring = loadRing().catch((error: unknown) => {
      ring = undefined;
      throw error;
    });
  }
  return ring;
}

/** The key that signs new links. */
export const signingLinkKey = async (): Promise<LinkKey> => (await linkKeyRing()).signing;

/** The verifying key a token names; reads the secret again (at most once a minute) for a key not seen yet. */
export const linkKeyFor: LinkKeyLookup = async (kid) => {
  const find = (keys: LinkKeyRing) => keys.verifying.find((key) => key.kid === kid)?.secret ?? null;
  const found = find(await linkKeyRing());
  if (found || !secrets || Date.now() - loadedAt < reloadAfterMs) return found;
  ring = undefined;
  return find(await linkKeyRing());
};
