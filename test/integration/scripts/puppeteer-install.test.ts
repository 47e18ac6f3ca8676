import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PUPPETEER = fileURLToPath(new URL('../../../node_modules/puppeteer/', import.meta.url));

describe('a plain npm ci: Puppeteer’s install step', function () {
  this.timeout(60_000);

  it('run as npm runs it (in its own folder, without PUPPETEER_SKIP_DOWNLOAD): skips the browser download, by .puppeteerrc.cjs', () => {
    const cache = mkdtempSync(join(tmpdir(), 'sportello-puppeteer-cache-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, PUPPETEER_CACHE_DIR: join(cache, 'browsers') };
      delete env.PUPPETEER_SKIP_DOWNLOAD;
      delete env.PUPPETEER_SKIP_CHROME_DOWNLOAD;

      const run = spawnSync(process.execPath, ['install.mjs'], { cwd: PUPPETEER, env, encoding: 'utf8', timeout: 50_000 });

      expect(run.status, run.stderr).to.equal(0);
      expect(`${run.stdout}${run.stderr}`).to.contain('Skipping downloading browsers');
      expect(existsSync(join(cache, 'browsers'))).to.equal(false);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
