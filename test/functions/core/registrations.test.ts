/**
 * The rules of a registration, with plain values: the contract's questions and its legal-basis
 * guidance, where a postcode sends it, its state machine and who may do what, the listing it
 * publishes, the change link, and what each party sees.
 */
import { describe, expect, it } from 'vitest';
import { outletSchema } from '../../../functions/contract/outlet.js';
import {
  type RegistrationDetails,
  legalBasisGuidance,
  registrationBasisSchema,
  registrationBasisWords,
  registrationDetailsSchema,
} from '../../../functions/contract/registration.js';
import { type RegistrationStatus } from '../../../functions/contract/registration-moderation.js';
import { allDayEveryDay, listingFromRegistration } from '../../../functions/core/registration-listing.js';
import { changeLinkUrl, isValidChangeLink, newChangeLink } from '../../../functions/core/registration-links.js';
import { type PlaceLookup, registrationPlace } from '../../../functions/core/registration-place.js';
import {
  type RegistrationAction,
  type RegistrationRecord,
  approve,
  askForChanges,
  checkDecision,
  mayTake,
  newRegistration,
  outletTypeFor,
  published,
  queueOf,
  reject,
  resubmit,
  supplyBasisFor,
  toOwnRegistration,
  toRegistrationView,
} from '../../../functions/core/registration-rules.js';
import { approvedEmail, changesRequestedEmail, rejectedEmail } from '../../../functions/core/registration-emails.js';
import { DomainError } from '../../../functions/shared/errors.js';

const outletDetails = (changes: Partial<Record<string, unknown>> = {}): RegistrationDetails =>
  registrationDetailsSchema.parse({
    kind: 'outlet',
    organisation: 'Gorse Hill Health Ltd',
    name: 'Gorse Hill Pharmacy',
    addressLine1: '12 Chester Road',
    addressLine2: '',
    town: 'Stretford',
    postcode: 'M15 4AB',
    phone: '',
    website: 'https://gorsehill.example.org',
    basis: 'pharmacy',
    hours: { weekly: [{ byDay: 'monday', opensAt: '09:00', closesAt: '17:30' }], exceptions: [], bankHolidays: 'closed' },
    kitTypes: ['nasal', 'injectable'],
    noIdNeeded: true,
    walkIn: false,
    familyAndFriendsCanCollect: true,
    contactName: 'Priya Shah',
    contactEmail: 'priya@example.org',
    ...changes,
  });

const cabinetDetails = (): RegistrationDetails =>
  registrationDetailsSchema.parse({
    kind: 'cabinet',
    organisation: 'Sale Community Trust',
    name: 'Sale Library cabinet',
    addressLine1: 'Tatton Road',
    town: 'Sale',
    postcode: 'M33 7AA',
    kitTypes: ['nasal'],
    locationDescription: 'Left of the main doors',
    contactName: 'Sam',
    contactEmail: 'sam@example.org',
  });

const trafford = {
  postcode: 'M15 4AB',
  location: { lat: 53.465578, lng: -2.26046 },
  locationSource: 'postcode' as const,
  localAuthority: { code: 'E08000009', name: 'Trafford' },
  reviewer: 'commissioner' as const,
};

const now = new Date('2026-11-30T10:00:00Z');
const later = new Date('2026-12-01T10:00:00Z');
const by = { by: 'Tariq Hussain (tariq@example.org)', now: later };
const fresh = (details: RegistrationDetails = outletDetails()): RegistrationRecord =>
  newRegistration(details, trafford, { id: '20261130T100000000Z-abcdefghij', now });

async function errorOf(work: () => unknown): Promise<DomainError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a DomainError');
}

describe('the registration form’s contract', () => {
  it('offers the eight groups of regulation 237A and “not sure”, each in plain words, with guidance that does not refuse', () => {
    // Act
    const choices = registrationBasisSchema.options;

    // Assess
    expect(choices).toEqual(['drug_treatment_service', 'pharmacy', 'nurse_midwife_paramedic', 'police', 'prison', 'probation', 'youth_justice', 'armed_forces', 'not_sure']);
    for (const choice of choices) expect(registrationBasisWords[choice].label).not.toMatch(/_/);
    expect(legalBasisGuidance.join(' ')).toMatch(/regulation 237A/);
    expect(legalBasisGuidance.join(' ')).toMatch(/send your registration anyway/);
    // Where the nations differ: pharmacy technicians in Great Britain only, each nation's police by name.
    expect(legalBasisGuidance).toContain('In Northern Ireland: pharmacists (pharmacy technicians are not named, as Northern Ireland does not register them), and trained staff of the Police Service of Northern Ireland.');
    expect(legalBasisGuidance.filter((line) => line.includes('registered pharmacy technicians')).map((line) => line.split(':')[0])).toEqual(['In England and Wales', 'In Scotland']);
    expect(registrationBasisWords.police.hint).toMatch(/England and Wales.*Police Scotland.*Police Service of Northern Ireland/);
    expect(registrationDetailsSchema.safeParse({ ...outletDetails(), basis: 'not_sure' }).success).toBe(true);
  });

  it('keeps empty optional answers as null, and reads its own output back unchanged', () => {
    // Act
    const parsed = outletDetails();

    // Assess
    expect(parsed).toMatchObject({ addressLine2: null, phone: null });
    expect(registrationDetailsSchema.parse(parsed)).toEqual(parsed);
  });
});

describe('registrationPlace', () => {
  const lookup = (postcodes: Record<string, { lat: number; lng: number; localAuthorityCode?: string }>, districts: Record<string, { lat: number; lng: number }>): PlaceLookup => ({
    postcode: async (postcode) => postcodes[postcode] ?? null,
    outwardCode: async (outward) => districts[outward] ?? null,
  });
  const data = lookup({ 'M15 4AB': { lat: 53.465578, lng: -2.26046, localAuthorityCode: 'E08000009' }, 'M99 9ZZ': { lat: 53.5, lng: -2.2 } }, { M1: { lat: 53.4777, lng: -2.23677 } });

  it('takes the local authority from the postcode’s own data, and names it', async () => {
    // Act
    const place = await registrationPlace('m154ab', data);

    // Assess
    expect(place).toEqual(trafford);
  });

  it('sends a postcode known only by its district, or known without its area, to the administrators', async () => {
    // Act
    const district = await registrationPlace('M1 1AD', data);
    const noArea = await registrationPlace('M99 9ZZ', data);

    // Assess
    expect(district).toEqual({ postcode: 'M1 1AD', location: { lat: 53.4777, lng: -2.23677 }, locationSource: 'outward_code', localAuthority: null, reviewer: 'administrator' });
    expect(noArea).toMatchObject({ locationSource: 'postcode', localAuthority: null, reviewer: 'administrator' });
  });

  it('tells a district, a non-postcode and an unknown postcode apart', async () => {
    // Act
    const messages = await Promise.all(['M15', 'banana', 'ZE9 9ZZ'].map(async (postcode) => (await errorOf(() => registrationPlace(postcode, data))).issues));

    // Assess
    expect(messages).toEqual([
      [{ path: 'postcode', message: 'Enter the full postcode, like M15 4AB' }],
      [{ path: 'postcode', message: 'Enter a real postcode' }],
      [{ path: 'postcode', message: 'We could not find that postcode' }],
    ]);
  });
});

describe('the state machine', () => {
  const actions: RegistrationAction[] = ['approve', 'ask_for_changes', 'reject', 'resubmit'];
  const statuses: RegistrationStatus[] = ['submitted', 'changes_requested', 'resubmitted', 'approved', 'rejected'];

  it('lets each action start only where it may', () => {
    // Act
    const table = Object.fromEntries(statuses.map((status) => [status, actions.filter((action) => mayTake(action, status))]));

    // Assess
    expect(table).toEqual({
      submitted: ['approve', 'ask_for_changes', 'reject'],
      changes_requested: ['ask_for_changes', 'reject', 'resubmit'],
      resubmitted: ['approve', 'ask_for_changes', 'reject'],
      approved: [],
      rejected: [],
    });
    expect(statuses.map(queueOf)).toEqual(['open', 'open', 'open', 'decided', 'decided']);
  });

  it('goes submitted → changes requested → resubmitted → approved → published, one version and one event at a time', () => {
    // Prepare
    const link = newChangeLink(later);

    // Act
    const asked = askForChanges(fresh(), 'Add the phone number', link.stored, by);
    const resent = resubmit(asked, outletDetails({ phone: '0161 496 0123' }), trafford, later);
    const approved = approve(resent, { outletId: 'RABC', supplyBasis: 'pharmacy' }, by);
    const done = published(approved, 'subject-1', later);

    // Assess
    expect([asked, resent, approved, done].map((record) => [record.status, record.version])).toEqual([
      ['changes_requested', 2],
      ['resubmitted', 3],
      ['approved', 4],
      ['approved', 5],
    ]);
    expect(asked.changeLink).toEqual(link.stored);
    expect(resent.changeLink).toBeNull();
    expect(resent.details.phone).toBe('0161 496 0123');
    expect(done.events.map((event) => [event.action, event.by, event.message])).toEqual([
      ['submitted', null, null],
      ['changes_requested', by.by, 'Add the phone number'],
      ['resubmitted', null, null],
      ['approved', by.by, null],
      ['published', null, null],
    ]);
    expect(done).toMatchObject({ outletId: 'RABC', supplyBasis: 'pharmacy', publishedAt: later.toISOString(), accountSubject: 'subject-1' });
  });

  it('refuses a decision on an old version with the registration as it is now, and one its status does not allow with a conflict', async () => {
    // Prepare
    const rejected = reject(fresh(), 'Not a service', by);

    // Act
    const stale = await errorOf(() => checkDecision(fresh(), 'approve', 7));
    const final = await errorOf(() => checkDecision(rejected, 'approve', rejected.version));
    const tooSoon = await errorOf(() => resubmit(fresh(), outletDetails(), trafford, later));

    // Assess
    expect(stale.code).toBe('precondition_failed');
    expect(stale.details.current).toMatchObject({ id: fresh().id, version: 1 });
    expect([final.code, final.message]).toEqual(['conflict', 'This registration has already been rejected.']);
    expect(tooSoon.code).toBe('conflict');
  });

  it('decides the legal basis: the registrant’s, the moderator’s over it, required when they were not sure, none for a cabinet', async () => {
    // Act
    const theirs = supplyBasisFor(outletDetails(), undefined);
    const overridden = supplyBasisFor(outletDetails(), 'drug_treatment_service');
    const notSure = await errorOf(() => supplyBasisFor(outletDetails({ basis: 'not_sure' }), undefined));
    const cabinet = supplyBasisFor(cabinetDetails(), undefined);
    const cabinetWithBasis = await errorOf(() => supplyBasisFor(cabinetDetails(), 'police'));

    // Assess
    expect([theirs, overridden, cabinet]).toEqual(['pharmacy', 'drug_treatment_service', 'emergency_box']);
    expect(notSure.issues.map((issue) => issue.path)).toEqual(['supplyBasis']);
    expect(cabinetWithBasis.issues.map((issue) => issue.path)).toEqual(['supplyBasis']);
    expect(['drug_treatment_service', 'nurse_midwife_paramedic', 'emergency_box'].map((basis) => outletTypeFor(basis as never))).toEqual([
      'drug_service',
      'health_service',
      'emergency_box',
    ]);
  });
});

describe('what each party sees', () => {
  it('keeps the link’s hash and the account out of the moderators’ view, and who decided out of the registrant’s', () => {
    // Prepare
    const link = newChangeLink(later);
    const asked = askForChanges(fresh(), 'Add the phone number', link.stored, by);

    // Act
    const view = toRegistrationView({ ...asked, accountSubject: 'subject-1' });
    const own = toOwnRegistration(asked, link.stored.expiresAt);

    // Assess
    expect(view).not.toHaveProperty('changeLink');
    expect(view).not.toHaveProperty('accountSubject');
    expect(JSON.stringify(view)).not.toContain(link.stored.hash);
    expect(own).toEqual({ id: asked.id, status: 'changes_requested', details: asked.details, message: 'Add the phone number', linkExpiresAt: link.stored.expiresAt });
    expect(JSON.stringify(own)).not.toContain('Tariq');
  });
});

describe('the change link', () => {
  it('works with its own secret until it expires, and with nothing else', () => {
    // Prepare
    const { token, stored } = newChangeLink(now);

    // Act
    const checks = [
      isValidChangeLink(stored, token, later),
      isValidChangeLink(stored, `${token}x`, later),
      isValidChangeLink(stored, undefined, later),
      isValidChangeLink(null, token, later),
      isValidChangeLink(stored, token, new Date('2026-12-30T10:00:00Z')),
    ];

    // Assess
    expect(checks).toEqual([true, false, false, false, false]);
    expect(stored.hash).not.toContain(token);
    expect(changeLinkUrl('https://naloxone.example.org/', 'REG-1', token)).toBe(`https://naloxone.example.org/register/change/?id=REG-1#token=${token}`);
  });
});

describe('listingFromRegistration', () => {
  it('publishes an outlet as confirmed and listed now, with its private contact and its area, stock not yet known', () => {
    // Act
    const outlet = listingFromRegistration(fresh(), { outletId: 'RABC123', supplyBasis: 'pharmacy', now: later });

    // Assess
    expect(outletSchema.parse(outlet)).toEqual(outlet);
    expect(outlet).toMatchObject({
      id: 'RABC123',
      outletType: 'pharmacy',
      address: { lines: ['12 Chester Road'], town: 'Stretford', postcode: 'M15 4AB' },
      location: trafford.location,
      eligibility: { free: true, noIdNeeded: true, walkIn: false, familyAndFriendsCanCollect: true, minimumAge: null },
      status: 'active',
      stock: { status: 'unknown', updatedAt: null },
      assuredAt: later.toISOString(),
      listedAt: later.toISOString(),
      contactEmail: 'priya@example.org',
      localAuthorityCode: 'E08000009',
      cabinetStatus: null,
      demo: false,
    });
  });

  it('publishes a cabinet ready, open 24 hours every day, with where it is', () => {
    // Act
    const outlet = listingFromRegistration(fresh(cabinetDetails()), { outletId: 'RCAB', supplyBasis: 'emergency_box', now: later });

    // Assess
    expect(outlet).toMatchObject({ outletType: 'emergency_box', supplyBasis: 'emergency_box', cabinetStatus: 'ready', hours: allDayEveryDay, locationDescription: 'Left of the main doors', website: null });
    expect(allDayEveryDay.weekly).toHaveLength(7);
  });
});

describe('the registrant’s emails', () => {
  it('carries the change link and the message, the way to sign in, or the reason, and only to the registrant', () => {
    // Prepare
    const details = outletDetails();

    // Act
    const changes = changesRequestedEmail(details, { reference: 'REF', message: 'Add a phone number', link: 'https://x/register/change/?id=REF#token=t', expiresOn: 'Wednesday 30 December' });
    const approved = approvedEmail(cabinetDetails(), { reference: 'REF', listingUrl: 'https://x/outlet/?id=R1', portalUrl: 'https://x/portal/', newAccount: true });
    const rejected = rejectedEmail(details, { reference: 'REF', reason: 'Not a real service' });

    // Assess
    expect([changes.to, approved.to, rejected.to]).toEqual(['priya@example.org', 'sam@example.org', 'priya@example.org']);
    expect(changes.text).toContain('https://x/register/change/?id=REF#token=t');
    expect(changes.text).toContain('Add a phone number');
    expect(approved.text).toContain('https://x/portal/');
    expect(approved.text).toMatch(/guardian/);
    expect(approved.text).toContain('You do not need a password');
    expect(rejected.text).toContain('Not a real service');
    for (const email of [changes, approved, rejected]) expect(email.text).toContain('call 999');
  });
});
