/**
 * The life of an e2e test file: one finder and one browser for the file, a fresh guarded context
 * per page, and after every test the checks that nothing left this machine and no cookie was set.
 * Kept in one place so no file can forget those checks or run them differently.
 *
 * Portal files (`{ portal: true }`) sign in through the local sign-in service, which runs on this
 * machine under the host name `localhost` and keeps its own session cookies there, as Cognito's
 * managed login does on its domain. For them the check is that the finder's own origin has no
 * cookies; public files still allow none at all.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, newGuardedContext, phone, type GuardedContext } from './browser.js';
import { startTestFinder, type RunningFinder } from './finder.js';

/** What {@link useE2eSession} gives a test file. Read its members inside hooks and tests only. */
export interface E2eSession {
  /** The running finder; `finder.url` is its origin. Started in `beforeAll`. */
  readonly finder: RunningFinder;
  /** Debian's Chromium, shared by every test in the file. Launched in `beforeAll`. */
  readonly browser: Browser;
  /** The context the current test opened, with its recorded requests. Throws if none is open. */
  readonly guarded: GuardedContext;
  /**
   * A new page in a fresh guarded context, not yet navigated: for a test that must listen or
   * route before the first request. The viewport is a phone's unless `contextOptions` says
   * otherwise. Any context still open is checked and closed first.
   */
  newPage(contextOptions?: BrowserContextOptions): Promise<Page>;
  /** {@link E2eSession.newPage}, then opens `path` (e.g. `/outlet/?id=FVW83`) on the finder. */
  openPage(path: string, contextOptions?: BrowserContextOptions): Promise<Page>;
  /**
   * Checks the open context (no request left the machine, no cookie) and closes it. Runs after
   * every test by itself; call it only to check a context before a test ends.
   */
  closeContext(): Promise<void>;
}

/**
 * Registers the file's hooks: `beforeAll` starts the finder and launches the browser, `afterEach`
 * checks and closes the test's context, `afterAll` closes both. Call it once, at the top level of
 * a test file, before the file's own hooks: vitest runs `beforeAll` hooks in the order they were
 * registered, so the file's own can already use `finder`.
 */
export function useE2eSession({ portal = false }: { portal?: boolean } = {}): E2eSession {
  let finder: RunningFinder | undefined;
  let browser: Browser | undefined;
  let guarded: GuardedContext | undefined;

  // Read before `beforeAll` has run, these would be undefined and fail far from the cause.
  const started = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`The e2e ${name} is not started yet: use it inside a hook or test`);
    return value;
  };

  async function closeContext(): Promise<void> {
    const closing = guarded;
    if (!closing) return;
    // Forgotten first, and closed even when a check fails, so a failure cannot leak the context
    // into the next test.
    guarded = undefined;
    try {
      expect(closing.offMachineRequests).toEqual([]);
      expect(await closing.context.cookies(portal ? started(finder, 'finder').url : undefined)).toEqual([]);
    } finally {
      await closing.context.close();
    }
  }

  async function newPage(contextOptions: BrowserContextOptions = {}): Promise<Page> {
    // A test may open several contexts in turn: each is checked, not only the last one.
    await closeContext();
    guarded = await newGuardedContext(started(browser, 'browser'), {
      ...contextOptions,
      viewport: contextOptions.viewport === undefined ? phone : contextOptions.viewport,
    });
    return guarded.context.newPage();
  }

  beforeAll(async () => {
    [finder, browser] = await Promise.all([startTestFinder(), launchBrowser()]);
  });

  // Every test: nothing asked of any host but this machine, and no cookies (for the finder, in portal files).
  afterEach(closeContext);

  afterAll(async () => {
    await browser?.close();
    await finder?.close();
  });

  return {
    get finder() {
      return started(finder, 'finder');
    },
    get browser() {
      return started(browser, 'browser');
    },
    get guarded() {
      if (!guarded) throw new Error('No context is open: open a page first');
      return guarded;
    },
    newPage,
    async openPage(path, contextOptions) {
      const page = await newPage(contextOptions);
      await page.goto(`${started(finder, 'finder').url}${path}`);
      return page;
    },
    closeContext,
  };
}
