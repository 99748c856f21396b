/**
 * `GET /api/sign-in`: where the portal sends people to sign in. Public values from the function's
 * configuration, checked at cold start: a function deployed without them fails at once, loudly.
 */
import type { SignInSettings } from '../contract/me.js';
import { signInConfig } from '../shared/config.js';
import { json } from '../shared/http.js';
import type { PublicHandler } from '../shared/request-pipeline.js';

const config = signInConfig();

const settings: SignInSettings = {
  issuer: config.AUTH_ISSUER,
  clientId: config.AUTH_CLIENT_ID,
  authorizationEndpoint: config.AUTH_AUTHORIZATION_ENDPOINT,
  tokenEndpoint: config.AUTH_TOKEN_ENDPOINT,
  logoutEndpoint: config.AUTH_LOGOUT_ENDPOINT,
  scopes: ['openid', 'email'],
};

export const getSignInSettings: PublicHandler = async () => json(200, settings);
