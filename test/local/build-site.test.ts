/**
 * `npm start` builds the site only when something it depends on changed. A one-page Astro site in a
 * folder inside the project (so it resolves the project's Astro) stands in for the real one.
 */
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSiteIfChanged } from '../../local/build-site.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const siteRoot = join(root, '.local', `build-site-test-${process.pid}`);
const contract = join(siteRoot, 'contract');
const quiet = () => {};

beforeAll(async () => {
  await mkdir(join(siteRoot, 'src', 'pages'), { recursive: true });
  await mkdir(contract, { recursive: true });
  await writeFile(join(siteRoot, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n");
  await writeFile(join(siteRoot, 'src', 'pages', 'index.astro'), '<html lang="en"><body><h1>One</h1></body></html>\n');
  await writeFile(join(contract, 'types.ts'), 'export type Nothing = never;\n');
});

afterAll(async () => {
  await rm(siteRoot, { recursive: true, force: true });
});

describe('buildSiteIfChanged', () => {
  it('builds once, then again only after a source, a dependency or a PUBLIC_ setting changes', async () => {
    // Act and assess, step by step.
    expect(await buildSiteIfChanged(siteRoot, [contract], quiet)).toBe(true);
    expect(await buildSiteIfChanged(siteRoot, [contract], quiet)).toBe(false);

    const now = new Date();
    await utimes(join(contract, 'types.ts'), now, now);
    expect(await buildSiteIfChanged(siteRoot, [contract], quiet)).toBe(true);
    expect(await buildSiteIfChanged(siteRoot, [contract], quiet)).toBe(false);

    process.env.PUBLIC_TILE_URL = 'http://127.0.0.1:1/{z}/{x}/{y}.png';
    try {
      expect(await buildSiteIfChanged(siteRoot, [contract], quiet)).toBe(true);
    } finally {
      delete process.env.PUBLIC_TILE_URL;
    }
  }, 300_000);

  it('builds again when the built site is gone', async () => {
    await rm(join(siteRoot, 'dist'), { recursive: true, force: true });

    expect(await buildSiteIfChanged(siteRoot, [contract], quiet)).toBe(true);
  }, 300_000);
});
