/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with every context
 * guarded: map tiles are answered in the browser, and any request to a host other than this
 * machine is recorded so a test can fail on it.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { repoRoot, testTileOrigin } from './site-build.js';
import { testTile } from './test-tile.js';

export const phone = { width: 390, height: 844 } as const;
export const desktop = { width: 1280, height: 800 } as const;

/** A fixed place in Manchester city centre (St Peter's Square). */
export const manchester = { latitude: 53.47791, longitude: -2.24476 } as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface GuardedContext {
  context: BrowserContext;
  /** URLs the pages asked for on any host but this machine. Should stay empty. */
  offMachineRequests: string[];
  /** Tile requests answered, to show the map really asked for its tiles. */
  tileRequests: string[];
}

export async function newGuardedContext(browser: Browser, options: BrowserContextOptions = {}): Promise<GuardedContext> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', ...options });
  const offMachineRequests: string[] = [];
  const tileRequests: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !localHosts.has(url.hostname)) offMachineRequests.push(request.url());
  });
  await context.route(`${testTileOrigin}/**`, (route) => {
    tileRequests.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'image/png', body: testTile });
  });
  return { context, offMachineRequests, tileRequests };
}

/** Axe-core's findings on the page (all rules axe runs by default, best practices included). */
export async function axeViolations(page: Page): Promise<{ id: string; help: string; targets: string[] }[]> {
  // `evaluate` runs through the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((violation) => ({
      id: violation.id,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
}
const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/** Saves a screenshot into test-results/ (gitignored): the whole page, or only what fits on screen. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  const dir = join(repoRoot, 'test-results');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}
