// The engines the end-to-end tests drive through Puppeteer, from Debian's packages (.ci/run):
// Chromium and Firefox ESR. BROWSERS=chromium narrows a run while you work.
import { readFile } from 'node:fs/promises';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../../scripts/chromium.mjs';

export const launchers: Record<string, () => Promise<Browser>> = {
  chromium: () => puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS }),
  firefox: () => puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true }),
};

export const engines = (process.env.BROWSERS ?? 'chromium,firefox').split(',').filter((name) => name in launchers);

const axeSource = readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/**
 * axe's violations on the page, as `id [targets]`. axe is evaluated by the driver (Chromium's CDP,
 * Firefox's BiDi), which the page's CSP does not govern, so the page is tested under its own policy.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await axeSource);
  return page.evaluate(async () => {
    interface Axe {
      run: (context: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
    }
    const axe = (window as unknown as { axe: Axe }).axe;
    const { violations } = await axe.run(document);
    return violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}
