/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with every context
 * guarded: map tiles are answered in the browser, and any request to a host other than this
 * machine is recorded so a test can fail on it.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { repoRoot, testTileOrigin } from './site-build.js';

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

/**
 * One 256×256 light grey PNG, made here so the tests need no image file. Built from plain
 * `Uint8Array`s: this project's `@types/node` predates TypeScript 5.9's typed arrays.
 */
const testTile = (() => {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Uint8Array) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const concat = (parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  };
  const uint32 = (value: number) => {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, value);
    return bytes;
  };
  const chunk = (type: string, data: Uint8Array) => {
    const typed = concat([new TextEncoder().encode(type), data]);
    return concat([uint32(data.length), typed, uint32(crc32(typed))]);
  };
  const size = 256;
  const header = concat([uint32(size), uint32(size), new Uint8Array([8, 0, 0, 0, 0])]); // 8-bit greyscale
  const row = new Uint8Array(size + 1).fill(0xe8);
  row[0] = 0; // no filter
  const pixels = concat(Array.from({ length: size }, () => row));
  const png = concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', new Uint8Array(deflateSync(pixels))),
    chunk('IEND', new Uint8Array(0)),
  ]);
  return Buffer.from(png);
})();
