import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteFilePaths } from '../../../infra/constructs/site-files.js';
import { projectRoot } from '../../../infra/project-paths.js';

describe('siteFilePaths', () => {
  it('lists every file of the site as a sorted site path', () => {
    // Prepare
    const site = join(projectRoot, 'test', 'infra', 'fixtures', 'site');

    // Act
    const paths = siteFilePaths(site);

    // Assess
    expect(paths).toEqual(['/404.html', '/_astro/outlet.Fx1a2b3c.js', '/index.html', '/outlet/index.html', '/sw.js']);
  });

  it('includes dotfiles, which the deployment copies too', () => {
    // Prepare
    const site = mkdtempSync(join(tmpdir(), 'site-files-'));
    mkdirSync(join(site, '.well-known'));
    writeFileSync(join(site, '.well-known', 'security.txt'), '');
    writeFileSync(join(site, 'index.html'), '');

    try {
      // Act
      const paths = siteFilePaths(site);

      // Assess
      expect(paths).toEqual(['/.well-known/security.txt', '/index.html']);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
});
