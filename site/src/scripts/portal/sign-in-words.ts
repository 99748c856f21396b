/**
 * What to tell a person when signing in did not work, by reason. Kept apart from the sign-in flow
 * so pages can word a problem without loading the OAuth library.
 */
import type { SignInProblem } from './sign-in-flow.js';

const words: Record<SignInProblem, string> = {
  unavailable: 'Sorry, signing in is not working right now. Try again in a few minutes.',
  storage_blocked:
    'Your browser did not let the portal keep your sign-in for this tab. Allow this site to store data in your browser settings, or use another browser.',
  no_sign_in_started:
    'This sign-in link has already been used or has expired, or it was opened in a different tab or browser from the one you started in. Sign in again.',
  denied: 'Sign-in was cancelled or refused. Sign in again.',
  invalid: 'We could not finish signing you in. The sign-in code may have expired. Sign in again.',
};

/** The sentence for a sign-in problem. */
export const signInProblemInWords = (problem: SignInProblem): string => words[problem];
