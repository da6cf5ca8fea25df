// The engines the end-to-end tests drive through Puppeteer, from Debian's packages (.ci/run):
// Chromium and Firefox ESR. BROWSERS=chromium narrows a run while you work.
import puppeteer, { type Browser } from 'puppeteer-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../../scripts/chromium.mjs';

export const launchers: Record<string, () => Promise<Browser>> = {
  chromium: () => puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS }),
  firefox: () => puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true }),
};

export const engines = (process.env.BROWSERS ?? 'chromium,firefox').split(',').filter((name) => name in launchers);
