/**
 * Answering a readiness reminder by its links, without signing in.
 *
 * - {@link previewListingAction} says what a link would do, or why it cannot: it reads, and never
 *   writes, since mail scanners open every link in an email.
 * - {@link answerListingAction} does it: it claims the link (single use), makes the same change
 *   the portal's one tap makes (`setStock` / `confirmListing`, so history records it, by "Reply to
 *   reminder email"), marks the link used and the reminders answered. A second press of the same
 *   link answers `already_done`, not an error, also when both presses arrive at once (the second
 *   waits a moment for the first).
 */
import type { LinkListing, ListingAction, ListingActionBody, ListingActionPreview, ListingActionResult } from '../contract/listing-actions.js';
import type { Outlet } from '../contract/outlet.js';
import { conflict, linkExpired, linkInvalid } from '../shared/errors.js';
import type { Actor } from './access.js';
import { type LinkClaims, type LinkKeyLookup, verifyListingLink } from './listing-links.js';
import { type ListingStore, confirmListing, setStock } from './listing-updates.js';
import { isPubliclyListed } from './listing-visibility.js';
import type { StoredListing } from './portal-views.js';
import { type ReadinessState, currentReadinessState, isAnsweredEscalation } from './readiness-rules.js';

/** How a used link is remembered (`data/used-links.ts`). */
export interface LinkUse {
  outletId: string;
  action: ListingAction;
  status: 'pending' | 'done';
  /** Names the claim, so only its maker can finish or release it. */
  claimId: string;
  claimedAt: string;
  doneAt: string | null;
  /** The token's expiry, in seconds since 1970. */
  expiresAt: number;
}

/** A claim: ours to carry out, or someone else's use as it stands. */
export type LinkClaim = { claimed: true; use: LinkUse } | { claimed: false; use: LinkUse | null };

/** What previews and answers read and write. */
export interface LinkAnswerPorts<S extends StoredListing = StoredListing> {
  keyFor: LinkKeyLookup;
  readUse(jti: string): Promise<LinkUse | null>;
  claim(jti: string, link: { outletId: string; action: ListingAction; expiresAt: Date }, now: Date): Promise<LinkClaim>;
  finish(jti: string, claimId: string, at: Date): Promise<void>;
  release(jti: string, claimId: string): Promise<void>;
  /** The portal's listing store: consistent reads, changes written with their history. */
  listings: ListingStore<S>;
  readState(id: string): Promise<{ state: ReadinessState; revision: number } | null>;
  saveState(id: string, state: ReadinessState, expectedRevision: number): Promise<boolean>;
  deleteAttention(areaCode: string, outletId: string, basis: string | null): Promise<void>;
  /** Told of a failure after the change was made, which does not undo it. */
  warn(message: string, error: unknown): void;
}

const words = {
  invalid: 'This link does not work. It may have been copied wrongly. Sign in to the outlet portal to update your listing.',
  notThisOne: 'This link is for another listing or another answer. Open the link from the email again.',
  expired: 'This link has expired. Sign in to the outlet portal to update your listing.',
  withdrawn: 'This listing has been withdrawn. Ask your commissioner if it should be listed again.',
  busy: 'We are still saving your answer from a moment ago. Wait a few seconds, then reload this page.',
};

/** What the link's page shows of a listing. Pure. */
export const linkListingOf = (outlet: Outlet): LinkListing => ({
  id: outlet.id,
  name: outlet.name,
  address: outlet.address,
  stock: outlet.stock,
  assuredAt: outlet.assuredAt,
  demo: outlet.demo,
});

async function listedOutlet<S extends StoredListing>(ports: LinkAnswerPorts<S>, id: string): Promise<Outlet | null> {
  const stored = await ports.listings.read(id);
  return stored && isPubliclyListed(stored.outlet) ? stored.outlet : null;
}

/** What `token` would do at `now`. Reads only. */
export async function previewListingAction<S extends StoredListing>(ports: LinkAnswerPorts<S>, token: string, now: Date): Promise<ListingActionPreview> {
  const verified = await verifyListingLink(token, ports.keyFor, now);
  if (verified.kind === 'invalid') return { state: 'invalid' };
  const { claims } = verified;
  const [use, outlet] = await Promise.all([ports.readUse(claims.jti), listedOutlet(ports, claims.outletId)]);
  const listing = outlet ? linkListingOf(outlet) : null;
  // A link being carried out this moment reads as used: a reload will say so for good.
  if (use) return { state: 'used', action: claims.action, listing, usedAt: use.doneAt ?? use.claimedAt };
  if (verified.kind === 'expired') return { state: 'expired', action: claims.action, listing, expiredAt: claims.expiresAt.toISOString() };
  if (!listing) return { state: 'invalid' };
  return { state: 'ready', action: claims.action, listing, expiresAt: claims.expiresAt.toISOString() };
}

/** The answer when the link was used before. */
async function alreadyDone<S extends StoredListing>(ports: LinkAnswerPorts<S>, claims: LinkClaims, use: LinkUse): Promise<ListingActionResult> {
  const outlet = await listedOutlet(ports, claims.outletId);
  if (!outlet) throw linkInvalid(words.withdrawn);
  return { outcome: 'already_done', action: claims.action, listing: linkListingOf(outlet), doneAt: use.doneAt ?? use.claimedAt };
}

/** How long a second press waits for the first to finish before it says "wait a moment". */
const waitForFirstPressMs = { every: 100, atMost: 3000 };

/** The link's use once it is done, waiting a few seconds for a press in progress; null if it is not done by then. */
async function awaitDone<S extends StoredListing>(ports: LinkAnswerPorts<S>, jti: string): Promise<LinkUse | null> {
  for (let waited = 0; waited < waitForFirstPressMs.atMost; waited += waitForFirstPressMs.every) {
    await new Promise((resolve) => setTimeout(resolve, waitForFirstPressMs.every));
    const use = await ports.readUse(jti);
    if (use?.status === 'done') return use;
    // Released: the first press failed, and nothing was done.
    if (!use) return null;
  }
  return null;
}

/** Does what the link says, once. */
export async function answerListingAction<S extends StoredListing>(
  ports: LinkAnswerPorts<S>,
  body: ListingActionBody,
  now: Date,
  newId: () => string = () => crypto.randomUUID(),
): Promise<ListingActionResult> {
  const verified = await verifyListingLink(body.token, ports.keyFor, now);
  if (verified.kind === 'invalid') throw linkInvalid(words.invalid);
  const { claims } = verified;
  if (claims.outletId !== body.outletId || claims.action !== body.action) throw linkInvalid(words.notThisOne);

  const earlier = await ports.readUse(claims.jti);
  if (earlier?.status === 'done') return alreadyDone(ports, claims, earlier);
  if (verified.kind === 'expired') throw linkExpired(words.expired);
  const current = await ports.listings.read(claims.outletId);
  if (!current || !isPubliclyListed(current.outlet)) throw linkInvalid(words.withdrawn);

  const claim = await ports.claim(claims.jti, claims, now);
  if (!claim.claimed) {
    // Pressed twice at once: the first press is being carried out; its outcome is this one's too.
    const finished = claim.use?.status === 'done' ? claim.use : await awaitDone(ports, claims.jti);
    if (finished) return alreadyDone(ports, claims, finished);
    throw conflict(words.busy);
  }

  const contact = current.outlet.contactEmail;
  const actor: Actor = {
    subject: `reminder-link:${claims.jti}`,
    label: contact ? `Reply to reminder email (${contact})` : 'Reply to reminder email',
    roles: [],
    outlets: [claims.outletId],
    areas: [],
    areaNames: {},
  };
  let changed: S;
  try {
    const context = { actor, now, newId };
    changed =
      claims.action === 'confirm'
        ? await confirmListing(ports.listings, { id: claims.outletId }, context)
        : await setStock(ports.listings, { id: claims.outletId, status: claims.action }, context);
  } catch (error) {
    await ports.release(claims.jti, claim.use.claimId);
    throw error;
  }
  try {
    await ports.finish(claims.jti, claim.use.claimId, now);
  } catch (error) {
    // The change is made and stays made: answering with an error would say it was not. The link
    // stays claimed, which reads as used to its page, and a press again is told to wait.
    ports.warn('Could not mark the link as used', error);
  }
  try {
    await recordAnswer(ports, changed.outlet, now);
  } catch (error) {
    // The listing is confirmed, which already counts as an answer; the job tidies the rest.
    ports.warn('Could not record the answer to the reminders', error);
  }
  return { outcome: 'done', action: claims.action, listing: linkListingOf(changed.outlet), doneAt: now.toISOString() };
}

/**
 * The reminders are answered: the state starts afresh from the new confirmation (remembering when
 * it was answered), and the listing comes off its commissioner's list if it was on it.
 */
async function recordAnswer<S extends StoredListing>(ports: LinkAnswerPorts<S>, outlet: Outlet, at: Date): Promise<void> {
  const stored = await ports.readState(outlet.id);
  const fresh = { ...currentReadinessState(outlet, stored?.state ?? null), answeredAt: at.toISOString() };
  await ports.saveState(outlet.id, fresh, stored?.revision ?? 0);
  if (stored && isAnsweredEscalation(outlet, stored.state) && outlet.localAuthorityCode !== null) {
    await ports.deleteAttention(outlet.localAuthorityCode, outlet.id, stored.state.basis);
  }
}
