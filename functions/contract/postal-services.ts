/**
 * Postal naloxone services: a kit ordered online or by phone and posted to the person. They have a
 * service area (whole nations, or a list of local authorities), not a point, so they are never
 * ranked by distance: a search answers them in their own section (`postalServices` of
 * `GET /api/outlets`), the services whose area holds the searched place.
 */
import * as z from 'zod/mini';
import { localAuthorityCodeSchema, nationSchema } from './nations.js';
import { kitTypeSchema } from './outlet.js';

export const postalServiceIdSchema = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'Enter an id of 2 to 60 lower-case letters, digits or dashes'));

/** Where a service posts to: whole nations, local authorities (GSS codes), or both. */
export const serviceAreaSchema = z
  .object({
    nations: z._default(z.array(nationSchema).check(z.maxLength(4)), []),
    localAuthorities: z._default(z.array(localAuthorityCodeSchema).check(z.maxLength(400)), []),
  })
  .check(
    z.refine((area) => area.nations.length + area.localAuthorities.length > 0, {
      path: ['nations'],
      message: 'Give the nations or the local authorities the service posts to',
    }),
    z.refine((area) => new Set(area.localAuthorities).size === area.localAuthorities.length, {
      path: ['localAuthorities'],
      message: 'Give each local authority once',
    }),
  );
export type ServiceArea = z.infer<typeof serviceAreaSchema>;

/** Trimmed text of `min` to `max` characters. */
const trimmedText = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

/** A postal service as it is written: by an import file (`npm run import:postal`) or the seed. */
export const postalServiceInputSchema = z
  .object({
    id: postalServiceIdSchema,
    name: trimmedText(1, 120),
    organisation: trimmedText(1, 120),
    /** What the service sends and how, in a sentence or two. */
    description: trimmedText(1, 500),
    /** Who may order, in plain words: "Anyone aged 18 or over who lives in the area". */
    whoCanOrder: trimmedText(1, 300),
    /** Where to order; at least one of `website` and `phone`. */
    website: z._default(z.nullable(z.url({ protocol: /^https?$/, error: 'Enter a web address starting with https://' })), null),
    phone: z._default(z.nullable(trimmedText(3, 40)), null),
    kitTypes: z._default(z.array(kitTypeSchema).check(z.maxLength(2)), []),
    serviceArea: serviceAreaSchema,
    status: z._default(z.enum(['active', 'inactive']), 'active'),
    /** An illustrative listing, not a real service: the site says so wherever it shows it. */
    demo: z._default(z.boolean(), false),
  })
  .check(
    z.refine((service) => service.website !== null || service.phone !== null, {
      path: ['website'],
      message: 'Give a website or a phone number to order from',
    }),
  );
export type PostalServiceInput = z.infer<typeof postalServiceInputSchema>;

/** A stored postal service: the input plus when it changed and its version (for conditional writes). */
export type PostalService = PostalServiceInput & { updatedAt: string; version: number };

/** What the public sees of a postal service in a search answer: an allow-list. */
export const postalServiceSummarySchema = z.object({
  id: postalServiceIdSchema,
  name: z.string(),
  organisation: z.string(),
  description: z.string(),
  whoCanOrder: z.string(),
  website: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  kitTypes: z.array(kitTypeSchema),
  /** "Greater Manchester: Bolton, Bury, …" style words for where it posts to. */
  areaInWords: z.string(),
  demo: z.boolean(),
});
export type PostalServiceSummary = z.infer<typeof postalServiceSummarySchema>;

/**
 * Where the searched place is, as far as the finder knows: a full postcode's item carries its local
 * authority; a postcode district knows one only when boundaries were loaded (its centroid's), and
 * otherwise only the nation, when the postcode area lies in one nation; a point from "use my
 * location" is not placed in an area at all (no boundaries are searched for it).
 */
export const searchedAreaSchema = z.object({
  nation: z.nullable(nationSchema),
  localAuthorityCode: z.nullable(z.string()),
  localAuthorityName: z.nullable(z.string()),
  /**
   * How it is known: `postcode` (the postcode's own), `district` (its district's centroid), `place`
   * (a town or area searched by name: the authority it is listed under, or only its nation),
   * `postcode_area` (nation only), or `unknown`.
   */
  knownFrom: z.enum(['postcode', 'district', 'place', 'postcode_area', 'unknown']),
});
export type SearchedArea = z.infer<typeof searchedAreaSchema>;
