import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it), driven by playwright-core. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Where screenshots are kept (gitignored): a person can look at what the tests rendered. */
export const ARTIFACTS_DIR = join(__dirname, '..', 'artifacts');

/**
 * Whether the browser tests run: always in CI (CI=true), where a missing chromium must fail the run rather than
 * skip it; locally they skip, saying why, when chromium is not installed.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM_PATH} is missing: CI must install Debian's chromium (.ci/run does) to render the HTML reports`);
  console.warn(`skipping the HTML report rendering tests: ${CHROMIUM_PATH} is not installed (apt-get install chromium)`);
  return false;
}

/**
 * A headless chromium with a fresh profile (Playwright takes the profile folder itself, not as --user-data-dir),
 * nothing in the background, and no network beyond what a test serves.
 */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'webex-prov-chromium-'));
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
