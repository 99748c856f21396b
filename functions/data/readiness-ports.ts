/**
 * The table, the secret and SES behind the readiness core's ports: the job's
 * (`core/readiness-job.ts`) and the reminder links' (`core/listing-link-answers.ts`).
 */
import type { LinkAnswerPorts } from '../core/listing-link-answers.js';
import { signListingLink } from '../core/listing-links.js';
import type { ReadinessJobPorts } from '../core/readiness-job.js';
import { deleteAttention, putAttention } from './attention.js';
import { linkKeyFor, signingLinkKey } from './link-keys.js';
import { type StoredOutlet, getStoredOutlet, listingStore } from './outlets.js';
import { dueReadinessOutletIds, readReadinessState, saveReadinessState, scheduleReadinessCheck } from './readiness-state.js';
import { claimLink, finishLink, readLinkUse, releaseLink } from './used-links.js';

/** The readiness job's ports; `sendEmail` is passed in, so only the job's function loads the email settings. */
export function readinessJobPorts(siteUrl: string, sendEmail: ReadinessJobPorts['sendEmail']): ReadinessJobPorts {
  return {
    dueOutletIds: dueReadinessOutletIds,
    readListing: async (id) => {
      const stored = await getStoredOutlet(id, { consistent: true });
      return stored ? { outlet: stored.outlet, version: stored.version } : null;
    },
    readState: readReadinessState,
    saveState: saveReadinessState,
    schedule: scheduleReadinessCheck,
    putAttention,
    deleteAttention,
    signLink: async (outletId, action, now) => signListingLink(await signingLinkKey(), { outletId, action }, now),
    sendEmail,
    siteUrl,
  };
}

/** The reminder links' ports. */
export function linkAnswerPorts(warn: LinkAnswerPorts['warn']): LinkAnswerPorts<StoredOutlet> {
  return {
    keyFor: linkKeyFor,
    readUse: readLinkUse,
    claim: (jti, link, now) => claimLink(jti, link, now),
    finish: finishLink,
    release: releaseLink,
    listings: listingStore,
    readState: readReadinessState,
    saveState: saveReadinessState,
    deleteAttention,
    warn,
  };
}
