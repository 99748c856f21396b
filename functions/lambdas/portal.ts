/**
 * Lambda entry for the outlet portal: every route but the sign-in settings needs a verified token,
 * and every outlet route checks the caller's memberships before its handler runs; so does every
 * registration route, against the registration's local authority.
 */
import { addBatch } from '../handlers/add-batch.js';
import { confirmListing } from '../handlers/confirm-listing.js';
import { editPortalOutlet } from '../handlers/edit-portal-outlet.js';
import { getHistory } from '../handlers/get-history.js';
import { getMe } from '../handlers/get-me.js';
import { getPortalOutlet } from '../handlers/get-portal-outlet.js';
import { getSignInSettings } from '../handlers/get-sign-in-settings.js';
import { listBatches } from '../handlers/list-batches.js';
import { listOutletReports } from '../handlers/list-outlet-reports.js';
import { listSupplies } from '../handlers/list-supplies.js';
import { recordSupply } from '../handlers/record-supply.js';
import { setStock } from '../handlers/set-stock.js';
import { updateReport } from '../handlers/update-report.js';
import { setCabinetStatus } from '../handlers/set-cabinet-status.js';
import { decideRegistration } from '../handlers/decide-registration.js';
import { getRegistration } from '../handlers/get-registration.js';
import { listRegistrations } from '../handlers/list-registrations.js';
import { registrationAreaOf } from '../data/registrations.js';
import { readMemberships } from '../data/memberships.js';
import { outletAreaOf } from '../data/outlets.js';
import { groupEntry } from '../shared/request-pipeline.js';

export const handler = groupEntry(
  'portal',
  {
    getSignInSettings,
    getMe,
    getPortalOutlet,
    editPortalOutlet,
    setStock,
    confirmListing,
    recordSupply,
    listSupplies,
    addBatch,
    listBatches,
    getHistory,
    listOutletReports,
    updateReport,
    setCabinetStatus,
    listRegistrations,
    getRegistration,
    decideRegistration,
  },
  { readMemberships, outletAreaOf, registrationAreaOf },
);
