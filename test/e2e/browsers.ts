// The engines the end-to-end tests drive through Puppeteer, from Debian's packages (.ci/run):
// Chromium and Firefox ESR. BROWSERS=chromium narrows a run while you work.
import { readFile } from 'node:fs/promises';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../../scripts/chromium.mjs';
import { TEXT_SPACING } from '../support/text-spacing.js';

export const launchers: Record<string, () => Promise<Browser>> = {
  chromium: () => puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS }),
  firefox: () => puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true }),
};

export const engines = (process.env.BROWSERS ?? 'chromium,firefox').split(',').filter((name) => name in launchers);

const testingLibrarySource = readFile(
  new URL('../../node_modules/@testing-library/dom/dist/@testing-library/dom.umd.min.js', import.meta.url),
  'utf8',
);

/**
 * The one element a person finds by its role and accessible name (within `scope`, else the page),
 * as Testing Library's getByRole finds it: in the page, from the DOM, as the widget's tests query.
 * Puppeteer's own ARIA query asks the browser's accessibility tree, and in Firefox that crashed the
 * browser after many of the admin's screens. Throws, saying what it looked for, unless exactly one.
 */
export async function byRole(page: Page, role: string, name?: string, scope?: ElementHandle): Promise<ElementHandle> {
  if (!(await page.evaluate(() => 'TestingLibraryDom' in window))) await page.evaluate(await testingLibrarySource);
  const found = await page.evaluateHandle(
    (role: string, name: string | null, root: Element | null) => {
      const { getByRole } = (window as unknown as { TestingLibraryDom: typeof import('@testing-library/dom') })
        .TestingLibraryDom;
      return getByRole((root ?? document.body) as HTMLElement, role, name === null ? {} : { name });
    },
    role,
    name ?? null,
    scope ?? null,
  );
  return found;
}

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

/** How wide the page is against its window, as a reader with or without their own text spacing has it. */
export interface Reflow {
  spacing: boolean;
  page: number;
  window: number;
}

/**
 * The page at 320 px (WCAG 1.4.10 Reflow: 1280 px at 400 %), without and with a reader's text
 * spacing (1.4.12): how wide it is against the window, for each. The spacing is adopted as a
 * constructed style sheet, which a page's CSP allows (no inline style). The viewport is put back.
 */
export async function reflowAt320(page: Page): Promise<Reflow[]> {
  const viewport = page.viewport();
  await page.setViewport({ width: 320, height: 640 });
  try {
    const widths: Reflow[] = [];
    for (const spacing of [false, true]) {
      widths.push(
        await page.evaluate(
          (rules: string, spacing: boolean) => {
            const sheet = new CSSStyleSheet();
            sheet.replaceSync(spacing ? rules : '');
            document.adoptedStyleSheets = [sheet];
            const root = document.documentElement;
            return { spacing, page: root.scrollWidth, window: root.clientWidth };
          },
          TEXT_SPACING,
          spacing,
        ),
      );
    }
    await page.evaluate(() => {
      document.adoptedStyleSheets = [];
    });
    return widths;
  } finally {
    if (viewport) await page.setViewport(viewport);
  }
}
