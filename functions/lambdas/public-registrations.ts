/**
 * Lambda entry for registrations from the public: check and send a registration, and with the
 * emailed link, read it and send it again. Kept apart from the search, which stays read-only.
 */
import { checkRegistration } from '../handlers/check-registration.js';
import { createRegistration } from '../handlers/create-registration.js';
import { getOwnRegistration } from '../handlers/get-own-registration.js';
import { resubmitRegistration } from '../handlers/resubmit-registration.js';
import { groupEntry } from '../shared/request-pipeline.js';

export const handler = groupEntry('public-registrations', { checkRegistration, createRegistration, getOwnRegistration, resubmitRegistration });
