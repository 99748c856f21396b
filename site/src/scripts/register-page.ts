/**
 * The registration page (`[data-module="register"]`): the journey of `registration-journey.ts`,
 * sent as a new registration.
 */
// First, before any schema is built: the page's CSP forbids zod's eval probe.
import './zod-without-eval.js';
import { createRegistration } from './registration-api.js';
import { runRegistrationJourney } from './registration-journey.js';

export function enhanceRegisterPage(root: HTMLElement): void {
  runRegistrationJourney(root, {
    formTitle: 'Register a place that gives out naloxone',
    sentTitle: 'Registration sent',
    send: createRegistration,
  });
}
