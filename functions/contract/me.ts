/**
 * Signing in: where the portal sends people to sign in (`GET /api/sign-in`) and who they are once
 * signed in (`GET /api/me`).
 */
import * as z from 'zod';
import { addressSchema, cabinetStatusSchema, outletIdSchema, outletStatusSchema, outletTypeSchema, stockSchema } from './outlet.js';

/** The Cognito groups the finder knows: what a person may do, whatever they are a member of. */
export const roleSchema = z.enum(['outlet_staff', 'commissioner', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/**
 * The sign-in service the portal uses (authorization code flow with PKCE, public client): Cognito's
 * managed login on AWS, the local OpenID Provider under `npm start`. Public values: nothing here
 * is a secret.
 */
export const signInSettingsSchema = z.object({
  issuer: z.url(),
  clientId: z.string().min(1),
  authorizationEndpoint: z.url(),
  tokenEndpoint: z.url(),
  /** Ends the sign-in service's own session; takes `client_id` and `logout_uri` (Cognito) or `post_logout_redirect_uri` (OpenID Connect). */
  logoutEndpoint: z.url(),
  scopes: z.array(z.string()),
});
export type SignInSettings = z.infer<typeof signInSettingsSchema>;

/** One of the caller's outlets, as the portal's first screen lists it. */
export const myOutletSchema = z.object({
  id: outletIdSchema,
  name: z.string(),
  address: addressSchema,
  /** An `emergency_box` has a cabinet status instead of stock. */
  outletType: outletTypeSchema,
  cabinetStatus: z.nullable(cabinetStatusSchema),
  status: outletStatusSchema,
  stock: stockSchema,
  assuredAt: z.iso.datetime({ offset: true }).nullable(),
  /** Whole days since the listing was last confirmed; null if never. */
  assuredAgeDays: z.number().int().nullable(),
  demo: z.boolean(),
});
export type MyOutlet = z.infer<typeof myOutletSchema>;

export const myAreaSchema = z.object({
  /** Local authority ONS (GSS) code. */
  code: z.string(),
  name: z.string().nullable(),
});
export type MyArea = z.infer<typeof myAreaSchema>;

/** `GET /api/me`. */
export const meResponseSchema = z.object({
  subject: z.string(),
  /** How the person is named in change history. */
  label: z.string(),
  roles: z.array(roleSchema),
  /** The outlets they are staff of, by name. */
  outlets: z.array(myOutletSchema),
  /** The local authorities they commission for. */
  areas: z.array(myAreaSchema),
});
export type MeResponse = z.infer<typeof meResponseSchema>;
