/**
 * Registering a new outlet or an emergency naloxone cabinet, and its moderation.
 *
 * - The public: `POST /api/registrations/checks` (check the answers and find the postcode, storing
 *   nothing), `POST /api/registrations` (send it), and with the link emailed when changes are asked
 *   for, `GET` / `PUT /api/registrations/{id}` (read it, send it again).
 * - The commissioner of its local authority, or an administrator: `GET /api/portal/registrations`,
 *   `GET /api/portal/registrations/{id}` and `POST /api/portal/registrations/{id}/decisions`
 *   (`registration-moderation.ts`).
 *
 * The contact name and email are private: they reach the commissioner and, once approved, the
 * listing's private `contactEmail`, never a public answer.
 */
import * as z from 'zod';
import { coordinatesSchema, kitTypeSchema, openingHoursSchema } from './outlet.js';
import { phoneSchema } from './portal-outlet.js';

/** What is being registered: a place where people hand out kits, or a locked public cabinet. */
export const registrationKindSchema = z.enum(['outlet', 'cabinet'], {
  error: 'Choose whether you are registering a place that hands out kits or an emergency cabinet',
});
export type RegistrationKind = z.infer<typeof registrationKindSchema>;

/**
 * The groups regulation 237A lets supply naloxone without a prescription, as a registrant chooses
 * among them; `not_sure` is a fair answer, not a refusal: the moderator decides on approval.
 */
export const registrationBasisSchema = z.enum(
  ['drug_treatment_service', 'pharmacy', 'nurse_midwife_paramedic', 'police', 'prison', 'probation', 'youth_justice', 'armed_forces', 'not_sure'],
  { error: 'Choose who hands out naloxone here, or “I am not sure”' },
);
export type RegistrationBasis = z.infer<typeof registrationBasisSchema>;

/** The bases a moderator can settle on: the 237A groups (not cabinets, not postal). */
export const legalBasisSchema = z.enum(
  registrationBasisSchema.options.filter((basis) => basis !== 'not_sure') as Exclude<RegistrationBasis, 'not_sure'>[],
  { error: 'Choose the group that hands out naloxone here' },
);
export type LegalBasis = z.infer<typeof legalBasisSchema>;

/** Each choice in plain words, with who it covers. Shared by the form and the moderator's page. */
export const registrationBasisWords: Record<RegistrationBasis, { label: string; hint: string }> = {
  drug_treatment_service: {
    label: 'A drug or alcohol treatment service',
    hint: 'Run by the NHS or a council, or paid by one of them to do this work.',
  },
  // Pharmacy technicians are registered in Great Britain only, and the law names them there only.
  pharmacy: { label: 'A pharmacy', hint: 'Pharmacists, and in Great Britain registered pharmacy technicians.' },
  nurse_midwife_paramedic: {
    label: 'Nurses, midwives or paramedics',
    hint: 'Registered nurses, midwives or paramedics hand out the kits: for example a homeless health team or a sexual health clinic.',
  },
  police: {
    label: 'A police force',
    hint: 'Trained staff of a police force in England and Wales, of Police Scotland or of the Police Service of Northern Ireland.',
  },
  prison: { label: 'A prison', hint: 'Prison staff trained to hand out naloxone, for example to people on release.' },
  probation: { label: 'The probation service', hint: 'Probation staff trained to hand out naloxone.' },
  youth_justice: { label: 'A youth justice service', hint: 'Youth justice staff trained to hand out naloxone.' },
  armed_forces: { label: 'The medical services of the armed forces', hint: 'Defence medical services.' },
  not_sure: { label: 'I am not sure', hint: 'Send your registration anyway: the person who checks it will work it out with you.' },
};

/**
 * Where the law's words differ by nation (regulation 237A names each nation's bodies): pharmacy
 * technicians are named for Great Britain only, since Northern Ireland does not register them; each
 * nation's police are named separately. Said in the registration's guidance, one line a nation.
 */
export const legalBasisByNation = {
  england_and_wales: 'In England and Wales: pharmacists and registered pharmacy technicians, and trained staff of a police force in England and Wales.',
  scotland: 'In Scotland: pharmacists and registered pharmacy technicians, and trained staff of Police Scotland.',
  northern_ireland:
    'In Northern Ireland: pharmacists (pharmacy technicians are not named, as Northern Ireland does not register them), and trained staff of the Police Service of Northern Ireland.',
} as const;

/**
 * Why the question is asked, and what "not sure" leads to: guidance, never a refusal. Careful
 * words: the law names who may hand out kits, and the commissioner knows the local arrangements.
 */
export const legalBasisGuidance = [
  'Since 2024 the law (regulation 237A of the Human Medicines Regulations 2012) lets some services hand out naloxone without a prescription: drug and alcohol treatment services, pharmacies, registered nurses, midwives and paramedics, and trained staff of the police, prisons, probation, youth justice services and the medical services of the armed forces.',
  ...Object.values(legalBasisByNation),
  'If none of these describes you – for example a hostel, a day centre or a street outreach team – you may still be able to hand out kits that a local drug service supplies. A government consultation in 2025 proposed letting more places do so, and adding emergency cabinets.',
  'Choose “I am not sure” and send your registration anyway. The commissioner who checks it (the council or NHS team that pays for naloxone in your area) will work out with you which applies before anything is published.',
] as const;

/** A required line of text: trimmed, with the GOV.UK "Enter …" message when empty. */
const requiredText = (what: string, max: number, tooLong: string) =>
  z.string({ error: `Enter ${what}` }).trim().min(1, `Enter ${what}`).max(max, tooLong);

/**
 * An optional line: empty from the form becomes null, and null is accepted back, so stored details
 * read back through the same schema.
 */
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .nullish()
    .transform((value) => (value ? value : null));

/** The questions every registration answers. */
const sharedDetails = {
  organisation: requiredText('the name of the organisation', 120, 'The organisation’s name must be 120 characters or fewer'),
  name: requiredText('the name of the place', 120, 'The name of the place must be 120 characters or fewer'),
  addressLine1: requiredText('the first line of the address', 120, 'Each line of the address must be 120 characters or fewer'),
  addressLine2: optionalText(120, 'Each line of the address must be 120 characters or fewer'),
  town: requiredText('the town or city', 80, 'The town or city must be 80 characters or fewer'),
  /** Its shape and whether we know it are checked on the server, with the postcode data. */
  postcode: requiredText('a postcode', 10, 'Enter a real postcode'),
  phone: z
    .string()
    .trim()
    .nullish()
    .transform((value) => (value ? value : null))
    .pipe(phoneSchema.nullable()),
  kitTypes: z
    .array(kitTypeSchema, { error: 'Choose the kit types' })
    .min(1, 'Choose at least one kit type')
    .max(2)
    .refine((kits) => new Set(kits).size === kits.length, 'Choose each kit type once'),
  contactName: requiredText('your name', 120, 'Your name must be 120 characters or fewer'),
  contactEmail: z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'Your email address must be 254 characters or fewer')
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' })),
};

/** A place that hands out kits: who does it (the legal basis), its hours and who can get a kit. */
export const outletRegistrationSchema = z.object({
  kind: z.literal('outlet'),
  ...sharedDetails,
  basis: registrationBasisSchema,
  website: z
    .string()
    .trim()
    .nullish()
    .transform((value) => (value ? value : null))
    .pipe(z.url({ protocol: /^https?$/, error: 'Enter a website address starting with https://' }).max(300, 'Enter a website address of 300 characters or fewer').nullable()),
  hours: openingHoursSchema,
  noIdNeeded: z.boolean().default(false),
  walkIn: z.boolean().default(false),
  familyAndFriendsCanCollect: z.boolean().default(false),
});

/** An emergency cabinet: open all day, every day; where exactly it is, and its guardian (the contact). */
export const cabinetRegistrationSchema = z.object({
  kind: z.literal('cabinet'),
  ...sharedDetails,
  locationDescription: requiredText('where the cabinet is', 300, 'Where the cabinet is must be 300 characters or fewer'),
});

/** What a registrant sends, the first time and again after changes were asked for. */
export const registrationDetailsSchema = z.discriminatedUnion('kind', [outletRegistrationSchema, cabinetRegistrationSchema], {
  error: 'Choose whether you are registering a place that hands out kits or an emergency cabinet',
});
export type RegistrationDetails = z.output<typeof registrationDetailsSchema>;
export type RegistrationDetailsInput = z.input<typeof registrationDetailsSchema>;

/**
 * `POST /api/registrations` and `/checks`: the details, and a field people never see. Software that
 * fills in every field fills it in; a registration with it filled is answered as if it was
 * received, and nothing is stored.
 */
export const registrationBodySchema = z.intersection(
  registrationDetailsSchema,
  z.object({ faxNumber: z.string().max(200).optional() }),
);
export type RegistrationBody = z.output<typeof registrationBodySchema>;

/** Who checks a registration: the commissioner of its local authority, or when that is not known, an administrator. */
export const reviewerSchema = z.enum(['commissioner', 'administrator']);

export const localAuthoritySchema = z.object({
  /** ONS (GSS) code. */
  code: z.string(),
  /** "Trafford"; null when the code is not in the finder's list. */
  name: z.string().nullable(),
});
export type LocalAuthority = z.infer<typeof localAuthoritySchema>;

/** Where the postcode puts the place, and who will check it. */
export const registrationPlaceSchema = z.object({
  /** The normalised postcode. */
  postcode: z.string(),
  location: coordinatesSchema,
  /** `postcode`: the postcode's own centre; `outward_code`: only its district (M15) is known, so the point is rough. */
  locationSource: z.enum(['postcode', 'outward_code']),
  /** From the postcode data, never typed in; null when only the district is known. */
  localAuthority: localAuthoritySchema.nullable(),
  reviewer: reviewerSchema,
});
export type RegistrationPlace = z.infer<typeof registrationPlaceSchema>;

/** `POST /api/registrations/checks`: the answers are fine; here is where they put the place. */
export const registrationCheckResponseSchema = registrationPlaceSchema;
export type RegistrationCheckResponse = z.infer<typeof registrationCheckResponseSchema>;

/** Registration ids: the time received (`20261130T171203123Z`), then 10 random letters and digits; also the registrant's reference. */
export const registrationIdSchema = z.string().regex(/^\d{8}T\d{9}Z-[a-z0-9]{10}$/, 'Enter the registration reference as it was given');

export const registrationPathSchema = z.object({ id: registrationIdSchema });

/** `POST /api/registrations`: the reference, and who will check it. */
export const createRegistrationResponseSchema = registrationPlaceSchema.extend({
  id: registrationIdSchema,
  submittedAt: z.iso.datetime({ offset: true }),
});
export type CreateRegistrationResponse = z.infer<typeof createRegistrationResponseSchema>;
