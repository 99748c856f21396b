/**
 * Registrations moderated, end to end on the local runtime, signed in for real: the commissioner of
 * the postcode's area (or an administrator) asks for changes, approves or rejects, the registrant is
 * emailed each time (the local outbox, through the functions' own SES call), and approval publishes
 * the listing and makes the registrant an account (the local Cognito stand-in, through the
 * functions' own Cognito calls) who can sign in. Sending a registration is `registrations-api.test.ts`.
 */
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import type { FindOutletsResponse, OutletDetail } from '../../functions/contract/find-outlets.js';
import type { MeResponse } from '../../functions/contract/me.js';
import type { HistoryResponse, PortalOutlet } from '../../functions/contract/portal-outlet.js';
import type { CreateRegistrationResponse } from '../../functions/contract/registration.js';
import type { OwnRegistration } from '../../functions/contract/registration-moderation.js';
import { signInThroughPages } from '../../local/sign-in-flow.js';
import { cabinet, linkIn, pharmacy, registrationsFinder } from '../support/registrations-finder.js';
import { tampered, tokenFor } from '../support/tokens.js';

const { finder, tokens, call, register, queue, read, decide, mailTo } = registrationsFinder();

describe('asking for changes', () => {
  it('emails a link that shows the message, takes the changes once, and moves the registration to the queue of its new area', async () => {
    // Prepare
    const details = pharmacy();
    const { body: created } = await register(details);

    // Act
    const withoutIfMatch = await call('POST', `/portal/registrations/${created.id}/decisions`, {
      body: { decision: 'ask_for_changes', message: 'Add your phone number' },
      as: tokens.tariq,
    });
    const asked = await decide(created.id, { decision: 'ask_for_changes', message: 'Please give the full first line of the address.' });
    const [email] = mailTo(details.contactEmail);
    const link = linkIn(email?.text ?? '');
    const own = await call<OwnRegistration>('GET', `/registrations/${link.id}`, { headers: { 'x-registration-token': link.token } });
    const wrongToken = await call('GET', `/registrations/${link.id}`, { headers: { 'x-registration-token': tampered(link.token) } });
    const approveTooSoon = await decide(created.id, { decision: 'approve' });
    const resent = await call<CreateRegistrationResponse>('PUT', `/registrations/${link.id}`, {
      body: { ...details, addressLine1: 'Unit 3, 12 Chester Road', postcode: 'M1 1AD' },
      headers: { 'x-registration-token': link.token },
    });
    const usedAgain = await call('PUT', `/registrations/${link.id}`, { body: details, headers: { 'x-registration-token': link.token } });

    // Assess
    expect(withoutIfMatch.status).toBe(428);
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ emailSent: true, registration: { status: 'changes_requested' } });
    expect(email?.subject).toBe('Changes needed to your naloxone finder registration');
    expect(email?.text).toContain('Please give the full first line of the address.');
    expect(link.id).toBe(created.id);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: created.id, status: 'changes_requested', message: 'Please give the full first line of the address.' });
    expect(wrongToken.status).toBe(404);
    expect(approveTooSoon.status).toBe(409);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ reviewer: 'administrator', localAuthority: null });
    expect(usedAgain.status).toBe(404);
    const seen = await read(created.id, 'dami');
    expect(seen.body).toMatchObject({ status: 'resubmitted', details: { addressLine1: 'Unit 3, 12 Chester Road' } });
    expect(seen.body.events.map((event) => event.action)).toEqual(['submitted', 'changes_requested', 'resubmitted']);
    expect(await queue('tariq')).not.toContain(created.id);
    expect(await queue('dami')).toContain(created.id);
    // The registrant's view never names who decided.
    expect(JSON.stringify(own.body)).not.toContain('Tariq');
  });
});

describe('approving', () => {
  it('publishes the listing, tells the registrant how to sign in, and makes them its staff, who can sign in', async () => {
    // Prepare
    const details = pharmacy();
    const { body: created } = await register(details);
    const stale = (await read(created.id)).etag;
    await decide(created.id, { decision: 'ask_for_changes', message: 'Check the hours' });
    const link = linkIn(mailTo(details.contactEmail)[0]?.text ?? '');
    await call('PUT', `/registrations/${created.id}`, { body: details, headers: { 'x-registration-token': link.token } });

    // Act
    const staleApproval = await call('POST', `/portal/registrations/${created.id}/decisions`, {
      body: { decision: 'approve' },
      headers: { 'if-match': stale },
      as: tokens.tariq,
    });
    const approved = await decide(created.id, { decision: 'approve' });
    const outletId = approved.body.registration.outletId ?? '';
    const publicListing = await call<OutletDetail>('GET', `/outlets/${outletId}`);
    const search = await call<FindOutletsResponse>('GET', '/outlets?postcode=M15%204AB&limit=50');
    const signedIn = await signInThroughPages({ finderUrl: finder().url, email: details.contactEmail });
    const me = await call<MeResponse>('GET', '/me', { as: signedIn.access_token });
    const history = await call<HistoryResponse>('GET', `/portal/outlets/${outletId}/history`, { as: signedIn.access_token });
    const again = await decide(created.id, { decision: 'approve' });

    // Assess
    expect(staleApproval.status).toBe(412);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ emailSent: true, registration: { status: 'approved', supplyBasis: 'pharmacy' } });
    expect(approved.body.registration.publishedAt).not.toBeNull();
    expect(approved.body.registration.events.map((event) => event.action)).toEqual(['submitted', 'changes_requested', 'resubmitted', 'approved', 'published']);
    expect(publicListing.status).toBe(200);
    expect(publicListing.body).toMatchObject({
      name: details.name,
      outletType: 'pharmacy',
      supplyBasis: 'pharmacy',
      address: { lines: ['12 Chester Road'], town: 'Stretford', postcode: 'M15 4AB' },
      status: 'active',
      assuredAgeDays: 0,
      localAuthorityCode: 'E08000009',
      demo: false,
    });
    expect(publicListing.body.listedAt).toBe(publicListing.body.assuredAt);
    expect(JSON.stringify(publicListing.body)).not.toContain(details.contactEmail);
    expect(search.body.results.map((result) => result.id)).toContain(outletId);
    expect(JSON.stringify(search.body)).not.toContain(details.contactEmail);
    const [welcome] = mailTo(details.contactEmail).filter((message) => message.subject === 'Your naloxone finder listing is live');
    expect(welcome?.text).toContain(`${finder().url}/portal/`);
    expect(welcome?.text).toContain(`${finder().url}/outlet/?id=${outletId}`);
    expect(welcome?.text).toContain('You do not need a password');
    expect(decodeJwt(signedIn.access_token)['cognito:groups']).toEqual(['outlet_staff']);
    expect(me.body).toMatchObject({ roles: ['outlet_staff'], label: `Priya Shah (${details.contactEmail})`, outlets: [{ id: outletId, name: details.name }] });
    expect(history.body.entries).toMatchObject([{ action: 'publish', by: { label: expect.stringContaining('Tariq Hussain') }, changes: [{ to: created.id }] }]);
    expect(again.status).toBe(409);
  });

  it('asks the moderator to choose the legal basis when the registrant was not sure, and finds an existing account instead of making one', async () => {
    // Prepare: Asha is staff of two pharmacies already.
    const { body: created } = await register(pharmacy({ basis: 'not_sure', contactEmail: 'asha.patel@example.org', contactName: 'Asha Patel' }));

    // Act
    const withoutBasis = await decide(created.id, { decision: 'approve' });
    const approved = await decide(created.id, { decision: 'approve', supplyBasis: 'drug_treatment_service' });
    const asha = await call<MeResponse>('GET', '/me', { as: await tokenFor(finder().url, 'asha') });

    // Assess
    expect(withoutBasis.status).toBe(422);
    expect(withoutBasis.body.issues).toEqual([
      { path: 'supplyBasis', message: 'The registrant was not sure who hands out naloxone here: choose the group before approving' },
    ]);
    expect(approved.body.registration).toMatchObject({ status: 'approved', supplyBasis: 'drug_treatment_service' });
    expect(asha.body.outlets.map((outlet) => outlet.id)).toEqual(expect.arrayContaining(['FD532', 'FEX27', approved.body.registration.outletId]));
    expect(asha.body.label).toBe('Asha Patel (asha.patel@example.org)');
    const [welcome] = mailTo('asha.patel@example.org').filter((message) => message.subject === 'Your naloxone finder listing is live');
    expect(welcome?.text).toContain('You already had an account');
  });
});

describe('rejecting', () => {
  it('tells the registrant why, takes the registration out of the open queue, and allows nothing more', async () => {
    // Prepare
    const details = pharmacy();
    const { body: created } = await register(details);

    // Act
    const rejected = await decide(created.id, { decision: 'reject', reason: 'This is not a real service.' }, 'dami');
    const afterwards = await decide(created.id, { decision: 'ask_for_changes', message: 'Too late' }, 'dami');

    // Assess
    expect(rejected.body).toMatchObject({ emailSent: true, registration: { status: 'rejected', outletId: null } });
    expect(mailTo(details.contactEmail).map((message) => message.subject)).toEqual(['Your naloxone finder registration was not approved']);
    expect(mailTo(details.contactEmail)[0]?.text).toContain('This is not a real service.');
    expect(afterwards.status).toBe(409);
    expect(await queue('tariq')).not.toContain(created.id);
    expect(await queue('tariq', 'decided')).toContain(created.id);
  });
});

describe('an emergency cabinet', () => {
  it('is always open while ready; used, it says to call 999, fails "open now", and its guardian’s tap is in its history', async () => {
    // Prepare
    const details = cabinet();
    const { body: created } = await register(details);
    const { body: decided } = await decide(created.id, { decision: 'approve' });
    const id = decided.registration.outletId ?? '';
    const guardian = (await signInThroughPages({ finderUrl: finder().url, email: details.contactEmail })).access_token;
    const near = '/outlets?postcode=M33%207AA&limit=50&type=emergency_box';
    const ready = (await call<FindOutletsResponse>('GET', near)).body.results.find((result) => result.id === id);

    // Act
    const used = await call<PortalOutlet>('PUT', `/portal/outlets/${id}/cabinet`, { body: { status: 'used_awaiting_restock' }, as: guardian });
    const after = (await call<FindOutletsResponse>('GET', near)).body.results.find((result) => result.id === id);
    const openNow = await call<FindOutletsResponse>('GET', `${near}&openNow=true`);
    const detail = await call<OutletDetail>('GET', `/outlets/${id}`);
    const history = await call<HistoryResponse>('GET', `/portal/outlets/${id}/history`, { as: guardian });
    const onPharmacy = await call('PUT', '/portal/outlets/FD532/cabinet', { body: { status: 'ready' }, as: await tokenFor(finder().url, 'asha') });

    // Assess
    expect(ready).toMatchObject({ outletType: 'emergency_box', supplyBasis: 'emergency_box', cabinetStatus: 'ready', openState: { status: 'open' } });
    expect(used.status).toBe(200);
    expect(after).toMatchObject({
      cabinetStatus: 'used_awaiting_restock',
      openState: { status: 'closed', summary: 'Used – awaiting restock: call 999 and ask the call handler' },
    });
    expect(openNow.body.results.map((result) => result.id)).not.toContain(id);
    expect(detail.body).toMatchObject({ cabinetStatus: 'used_awaiting_restock', locationDescription: details.locationDescription });
    expect(detail.body.weeklyHours.map((row) => row.text)).toEqual(Array(7).fill('Open 24 hours'));
    expect(history.body.entries[0]).toMatchObject({ action: 'cabinet', changes: [{ field: 'cabinetStatus', fromText: 'Ready', toText: 'Used – awaiting restock' }, { field: 'assuredAt' }] });
    expect(onPharmacy.status).toBe(422);
  });
});
