/**
 * What an import does with each row: place it (its coordinates, or its postcode's), build the
 * listing it describes, and compare it with the stored one: `new`, `changed` (which fields),
 * `unchanged` or `invalid` (why). Applying writes only the new and changed ones, so importing the
 * same file twice changes nothing the second time. Lookups and storage are passed in.
 *
 * An import sets only the fields its source gives; what it does not know (kits and eligibility
 * from the NHS list, stock, the contact email, the outlet's confirmation) stays as it is, and a new
 * listing starts with the defaults below: unconfirmed, stock not known, kit types not known, and
 * eligibility that promises nothing ("may ask for ID", "may need an appointment") until the outlet
 * or its commissioner says otherwise.
 */
import type { ImportOutcome, ImportRowResult } from '../contract/outlet-import.js';
import type { ChangeEntry, FieldChange } from '../contract/portal-outlet.js';
import { type Outlet, outletSchema } from '../contract/outlet.js';
import { DomainError, fieldIssues } from '../shared/errors.js';
import type { Actor } from './access.js';
import { diffListing } from './listing-diff.js';
import type { ImportCandidate } from './outlet-import-sources.js';
import type { StoredListing } from './portal-views.js';

/** Where a postcode is, and its local authority when known. */
export interface PlacedPostcode {
  lat: number;
  lng: number;
  localAuthorityCode?: string;
}

/** What planning needs from outside: postcode places and the stored listings. */
export interface ImportLookups<S extends StoredListing> {
  /** A full postcode's centroid; null when it is not in the postcode table. */
  placePostcode(postcode: string): Promise<PlacedPostcode | null>;
  /** The stored listings with these ids (missing ones left out). */
  storedListings(ids: readonly string[]): Promise<S[]>;
}

/** A row's plan: its result, and for new and changed rows the listing to write. */
export interface PlannedRow<S extends StoredListing> {
  result: ImportRowResult;
  write?: { current: S | null; next: Outlet; changes: FieldChange[] };
}

/** Defaults of a new listing for what the source does not say. */
function newListing(fields: Partial<Outlet>, now: Date): Record<string, unknown> {
  return {
    phone: null,
    website: null,
    hours: { weekly: [], exceptions: [], bankHolidays: 'unknown' },
    kitTypes: [],
    eligibility: { free: true, noIdNeeded: false, walkIn: false, familyAndFriendsCanCollect: false, minimumAge: null },
    languages: [],
    accessibility: null,
    status: 'active',
    reopensOn: null,
    alert: null,
    stock: { status: 'unknown', updatedAt: null },
    assuredAt: null,
    listedAt: now.toISOString(),
    noKitsReports: 0,
    cabinetStatus: fields.outletType === 'emergency_box' ? 'ready' : null,
    contactEmail: null,
    odsCode: null,
    localAuthorityCode: null,
    demo: false,
    ...fields,
  };
}

const resultOf = (candidate: ImportCandidate, outcome: ImportOutcome, extra: Partial<ImportRowResult> = {}): ImportRowResult => ({
  line: candidate.line,
  externalId: candidate.externalId,
  outletId: candidate.externalId,
  name: candidate.fields.name || null,
  outcome,
  changes: [],
  problems: [],
  warnings: candidate.warnings ?? [],
  ...extra,
});

/**
 * Plans every row. `area`, when given, is the only local authority the rows may be in (a
 * commissioner's upload). A row whose external id came earlier in the file is invalid: which of the
 * two is meant cannot be told.
 */
export async function planImport<S extends StoredListing>(
  candidates: readonly ImportCandidate[],
  lookups: ImportLookups<S>,
  now: Date,
  { area }: { area?: string } = {},
): Promise<PlannedRow<S>[]> {
  const ids = [...new Set(candidates.flatMap((candidate) => candidate.externalId ?? []))];
  const stored = new Map((await lookups.storedListings(ids)).map((listing) => [listing.outlet.id, listing]));
  const seen = new Set<string>();
  const plans: PlannedRow<S>[] = [];
  for (const candidate of candidates) {
    const problems = [...candidate.problems];
    if (candidate.externalId !== null) {
      if (seen.has(candidate.externalId)) problems.push({ field: 'id', message: 'This id is on an earlier row of the file too' });
      seen.add(candidate.externalId);
    }
    let fields = candidate.fields;
    if (problems.length === 0 && !fields.location) {
      const placed = candidate.postcode ? await lookups.placePostcode(candidate.postcode) : null;
      if (placed) {
        fields = {
          ...fields,
          location: { lat: placed.lat, lng: placed.lng },
          ...(fields.localAuthorityCode || !placed.localAuthorityCode ? {} : { localAuthorityCode: placed.localAuthorityCode }),
        };
      } else {
        problems.push({ field: 'postcode', message: 'We could not find this postcode: check it, or give latitude and longitude' });
      }
    }
    if (problems.length > 0) {
      plans.push({ result: resultOf(candidate, 'invalid', { outletId: null, problems }) });
      continue;
    }
    const current = stored.get(candidate.externalId ?? '') ?? null;
    const parsed = outletSchema.safeParse(current ? { ...current.outlet, ...fields } : newListing(fields, now));
    if (!parsed.success) {
      const issues = fieldIssues(parsed.error).map((issue) => ({ field: issue.path, message: issue.message }));
      plans.push({ result: resultOf(candidate, 'invalid', { outletId: null, problems: issues }) });
      continue;
    }
    const next = parsed.data;
    if (area !== undefined && next.localAuthorityCode !== area) {
      const problem = { field: 'postcode', message: 'This place is not in your area: a commissioner can import only their own area’s listings' };
      plans.push({ result: resultOf(candidate, 'invalid', { outletId: null, problems: [problem] }) });
      continue;
    }
    const changes = current ? diffListing(current.outlet, next) : [];
    if (current && changes.length === 0) {
      plans.push({ result: resultOf(candidate, 'unchanged') });
    } else {
      const outcome = current ? 'changed' : 'new';
      plans.push({ result: resultOf(candidate, outcome, { changes: changes.map((change) => change.label) }), write: { current, next, changes } });
    }
  }
  return plans;
}

/** How applying writes: new listings (many at once), or a change to one with its history entry. */
export interface ImportWriter<S extends StoredListing> {
  createMany(outlets: Outlet[]): Promise<void>;
  /** Throws a `precondition_failed` DomainError when the listing changed since it was read. */
  change(current: S, next: Outlet, entry: ChangeEntry): Promise<unknown>;
}

/** Who imports, when, and under which source name (shown in each listing's history). */
export interface ImportContext {
  actor: Pick<Actor, 'subject' | 'label'>;
  now: Date;
  newId: () => string;
}

/**
 * Writes the planned rows: the new listings together, then each change with its history entry. A
 * listing changed by someone since it was read becomes an invalid row ("import again"), never an
 * overwrite. Returns every row's result, in order.
 */
export async function applyPlan<S extends StoredListing>(plans: readonly PlannedRow<S>[], writer: ImportWriter<S>, context: ImportContext): Promise<ImportRowResult[]> {
  await writer.createMany(plans.flatMap((plan) => (plan.write && !plan.write.current ? [plan.write.next] : [])));
  const results: ImportRowResult[] = [];
  for (const plan of plans) results.push(plan.write?.current ? await applyChange(plan, plan.write.current, writer, context) : plan.result);
  return results;
}

async function applyChange<S extends StoredListing>(plan: PlannedRow<S>, current: S, writer: ImportWriter<S>, context: ImportContext): Promise<ImportRowResult> {
  const { next, changes } = plan.write ?? { next: current.outlet, changes: [] };
  const entry: ChangeEntry = {
    id: context.newId(),
    at: context.now.toISOString(),
    by: { subject: context.actor.subject, label: context.actor.label },
    action: 'import',
    changes,
  };
  try {
    await writer.change(current, next, entry);
    return plan.result;
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'precondition_failed') throw error;
    return { ...plan.result, outcome: 'invalid', changes: [], problems: [{ field: 'id', message: 'The listing changed while importing: import the file again' }] };
  }
}
