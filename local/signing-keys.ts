/**
 * The local sign-in service's token signing key: RS256 (what Cognito signs with), made on the first
 * start and kept in the data folder, so tokens and the JWKS stay the same across restarts. Without
 * a folder the key lives only as long as the process.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type JWK, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import * as z from 'zod';

/** A private RSA signing key as a JWK, with its key id, algorithm and use. */
export type SigningJwk = JWK & { kid: string; alg: 'RS256'; use: 'sig'; kty: 'RSA' };

const storedKeysSchema = z.object({
  keys: z
    .array(z.looseObject({ kty: z.literal('RSA'), kid: z.string().min(1), alg: z.literal('RS256'), use: z.literal('sig'), d: z.string() }))
    .min(1),
});

/** Where the keys are kept in the data folder. */
export const signingKeysFile = 'signing-keys.json';

/** A new RS256 key, named by its thumbprint (RFC 7638). */
export async function newSigningKey(): Promise<SigningJwk> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kty: 'RSA', kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

/**
 * The signing keys kept in `dir`, made and saved there on first use; a new key in memory when there
 * is no folder. The file is the provider's private key: readable by the owner only.
 */
export async function loadOrCreateSigningKeys(dir?: string): Promise<SigningJwk[]> {
  if (!dir) return [await newSigningKey()];
  const path = join(dir, signingKeysFile);
  try {
    return storedKeysSchema.parse(JSON.parse(await readFile(path, 'utf8'))).keys as SigningJwk[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`The local sign-in keys in ${path} cannot be read; delete the file to make new ones`, { cause: error });
    }
  }
  const keys = [await newSigningKey()];
  await mkdir(dir, { recursive: true });
  // Written whole, then renamed: a crash mid-write cannot leave half a key behind.
  await writeFile(`${path}.tmp`, JSON.stringify({ keys }, null, 2), { mode: 0o600 });
  await chmod(`${path}.tmp`, 0o600);
  await rename(`${path}.tmp`, path);
  return keys;
}
