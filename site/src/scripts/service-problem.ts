/**
 * Shows the `ServiceProblem` block (`[data-service-problem]`): "You're offline" when the device has
 * no connection – so the person knows it is not the finder, and that the guides and 999 still
 * work – otherwise "the finder is not working".
 */
import { required } from './dom.js';

/** True when the browser knows it has no connection (a failed request alone does not say why). */
export const isOffline = (): boolean => navigator.onLine === false;

/** Shows the block with the wording for the device's connection right now. */
export function showServiceProblem(block: HTMLElement): void {
  const offline = isOffline();
  required<HTMLElement>(block, '[data-service-problem-down]').hidden = offline;
  required<HTMLElement>(block, '[data-service-problem-offline]').hidden = !offline;
  block.hidden = false;
}
