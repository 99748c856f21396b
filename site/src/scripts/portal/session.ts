/**
 * The signed-in session: tokens held in memory and in this tab's sessionStorage, never in cookies
 * or localStorage. sessionStorage belongs to one tab and is gone when the tab closes, so a shared
 * computer does not keep anyone signed in; it survives the page loads of the portal itself, and the
 * round trip to the sign-in service.
 *
 * Every key the portal writes starts with {@link storagePrefix}, so signing out removes them all.
 * The public pages never read or write any of them.
 *
 * No library here: this module is on every portal page, and only parsing what it wrote itself.
 */
import type { SignInSettings } from '@contract/me.js';

/** Every sessionStorage key of the portal starts with this. */
export const storagePrefix = 'naloxone-portal:';

const sessionKey = `${storagePrefix}session`;

/** A signed-in person's tokens, and where they came from. */
export interface PortalSession {
  /** Sent as `Authorization: Bearer …` to the API. */
  accessToken: string;
  /** Present when the sign-in service issues refresh tokens (Cognito does). */
  refreshToken: string | null;
  /** When the access token expires, in milliseconds since 1970. */
  expiresAt: number;
  /** How to name the person in the header: their email from the ID token, or the API's label. */
  label: string | null;
  /** The sign-in service's public settings, kept for refreshing and signing out. */
  settings: SignInSettings;
}

let current: PortalSession | null | undefined;

const isString = (value: unknown): value is string => typeof value === 'string';

function isSettings(value: unknown): value is SignInSettings {
  if (value === null || typeof value !== 'object') return false;
  const settings = value as Record<string, unknown>;
  return (
    ['issuer', 'clientId', 'authorizationEndpoint', 'tokenEndpoint', 'logoutEndpoint'].every((name) => isString(settings[name])) &&
    Array.isArray(settings.scopes) &&
    settings.scopes.every(isString)
  );
}

/** Whether stored JSON is a session this module wrote; anything else is ignored, not trusted. */
export function isPortalSession(value: unknown): value is PortalSession {
  if (value === null || typeof value !== 'object') return false;
  const session = value as Record<string, unknown>;
  return (
    isString(session.accessToken) &&
    (session.refreshToken === null || isString(session.refreshToken)) &&
    typeof session.expiresAt === 'number' &&
    (session.label === null || isString(session.label)) &&
    isSettings(session.settings)
  );
}

/** Reads JSON this tab stored under `key`, or null when there is none or it cannot be read. */
export function readStored(key: string): unknown {
  try {
    const text = sessionStorage.getItem(key);
    return text === null ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

/** Stores JSON under `key` for this tab; false when the browser refuses (storage full or blocked). */
export function writeStored(key: string, value: unknown): boolean {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Removes what this tab stored under `key`, if anything. */
export function forgetStored(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Storage blocked: nothing was stored.
  }
}

/** The session, or null when nobody is signed in in this tab. It may have expired: see {@link hasExpired}. */
export function currentSession(): PortalSession | null {
  if (current === undefined) {
    const stored = readStored(sessionKey);
    current = isPortalSession(stored) ? stored : null;
  }
  return current;
}

/** Keeps a new or refreshed session. */
export function saveSession(session: PortalSession): void {
  current = session;
  writeStored(sessionKey, session);
}

/** Names the person in the header from now on (the API's label is better than the ID token's email). */
export function rememberLabel(label: string): void {
  const session = currentSession();
  if (session && session.label !== label) saveSession({ ...session, label });
}

/** A token this close to expiry is treated as expired, so it does not run out on its way to the API. */
const expiryMarginMs = 30_000;

/** Whether the access token has run out (or is about to). */
export const hasExpired = (session: PortalSession, now: number = Date.now()): boolean => now >= session.expiresAt - expiryMarginMs;

/**
 * Forgets the tokens only, when the sign-in service says the session is over: drafts kept for
 * the person's return stay.
 */
export function endSession(): void {
  current = null;
  forgetStored(sessionKey);
}

/** Forgets the session and everything else the portal kept in this tab (drafts, a sign-in on its way). */
export function clearPortalStorage(): void {
  current = null;
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(storagePrefix)) sessionStorage.removeItem(key);
  } catch {
    // Storage blocked: nothing was kept there either.
  }
}
