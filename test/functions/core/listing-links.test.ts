import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { type LinkKey, signListingLink, verifyListingLink } from '../../../functions/core/listing-links.js';
import { tampered } from '../../support/tokens.js';

const key = (kid: string): LinkKey => ({ kid, secret: new Uint8Array(randomBytes(32)) });
const current = key('current');
const previous = key('previous');
/** The keys the finder verifies with: the current one and, after a rotation, the previous one. */
const keyFor = async (kid: string) => [current, previous].find((candidate) => candidate.kid === kid)?.secret ?? null;

const issued = new Date('2027-02-14T07:00:00Z');
const day = 24 * 60 * 60 * 1000;
const later = (ms: number) => new Date(issued.getTime() + ms);

/** Replaces one part of a compact token (0 header, 1 payload, 2 signature). */
function withPart(token: string, index: number, part: string): string {
  const parts = token.split('.');
  parts[index] = part;
  return parts.join('.');
}
const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('signListingLink and verifyListingLink', () => {
  it('make a token for one listing and one action, valid for 14 days', async () => {
    // Prepare
    const token = await signListingLink(current, { outletId: 'FD532', action: 'running_low' }, issued, () => 'jti-0000-1');

    // Act
    const verified = await verifyListingLink(token, keyFor, later(13 * day));

    // Assess
    expect(verified).toEqual({
      kind: 'valid',
      claims: { outletId: 'FD532', action: 'running_low', jti: 'jti-0000-1', issuedAt: issued, expiresAt: later(14 * day) },
    });
  });

  it('expire exactly 14 days after they were made, still naming what they were for', async () => {
    // Prepare
    const token = await signListingLink(current, { outletId: 'FD532', action: 'in_stock' }, issued);

    // Act
    const lastSecond = await verifyListingLink(token, keyFor, later(14 * day - 1000));
    const expired = await verifyListingLink(token, keyFor, later(14 * day));

    // Assess
    expect(lastSecond.kind).toBe('valid');
    expect(expired).toMatchObject({ kind: 'expired', claims: { outletId: 'FD532', action: 'in_stock' } });
  });

  it('give every link its own id', async () => {
    // Act
    const tokens = await Promise.all(
      (['in_stock', 'running_low', 'out', 'confirm'] as const).map((action) => signListingLink(current, { outletId: 'FD532', action }, issued)),
    );
    const verified = await Promise.all(tokens.map((token) => verifyListingLink(token, keyFor, issued)));
    const ids = verified.map((outcome) => (outcome.kind === 'valid' ? outcome.claims.jti : null));

    // Assess
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(4);
  });

  it('still accept a link signed with the previous key after a rotation, and refuse a key the finder does not have', async () => {
    // Prepare
    const beforeRotation = await signListingLink(previous, { outletId: 'FD532', action: 'confirm' }, issued);
    const unknownKey = await signListingLink(key('retired'), { outletId: 'FD532', action: 'confirm' }, issued);

    // Act
    const outcomes = [await verifyListingLink(beforeRotation, keyFor, issued), await verifyListingLink(unknownKey, keyFor, issued)];

    // Assess
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['valid', 'invalid']);
  });

  it('refuse a link whose listing, action or expiry was changed on the way', async () => {
    // Prepare
    const token = await signListingLink(current, { outletId: 'FD532', action: 'running_low' }, issued, () => 'jti-0000-2');
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const changed = [
      withPart(token, 1, encoded({ ...payload, sub: 'FEX27' })),
      withPart(token, 1, encoded({ ...payload, act: 'in_stock' })),
      withPart(token, 1, encoded({ ...payload, exp: Number(payload.exp) + 365 * 86400 })),
      tampered(token),
    ];

    // Act
    const outcomes = await Promise.all(changed.map((candidate) => verifyListingLink(candidate, keyFor, issued)));

    // Assess
    expect(outcomes).toEqual(changed.map(() => ({ kind: 'invalid' })));
  });

  it('refuse a token made for another purpose with the same key, an unsigned one, and something that is not a token', async () => {
    // Prepare
    const now = Math.floor(issued.getTime() / 1000);
    const claims = { sub: 'FD532', act: 'confirm', jti: 'jti-0000-3', iat: now, exp: now + 3600 };
    const otherType = await new SignJWT({ ...claims, aud: 'listing-action', iss: 'naloxone-finder' })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: current.kid })
      .sign(current.secret);
    const otherAudience = await new SignJWT({ ...claims, aud: 'portal', iss: 'naloxone-finder' })
      .setProtectedHeader({ alg: 'HS256', typ: 'listing-action+jwt', kid: current.kid })
      .sign(current.secret);
    const tooLong = await new SignJWT({ ...claims, exp: now + 30 * 86400, aud: 'listing-action', iss: 'naloxone-finder' })
      .setProtectedHeader({ alg: 'HS256', typ: 'listing-action+jwt', kid: current.kid })
      .sign(current.secret);
    const unsigned = `${encoded({ alg: 'none', typ: 'listing-action+jwt', kid: current.kid })}.${encoded({ ...claims, aud: 'listing-action', iss: 'naloxone-finder' })}.`;

    // Act
    const outcomes = await Promise.all([otherType, otherAudience, tooLong, unsigned, 'not-a-token', 'a.b.c'].map((token) => verifyListingLink(token, keyFor, issued)));

    // Assess
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid']);
  });
});
