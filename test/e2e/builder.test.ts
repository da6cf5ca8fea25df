// The embed builder end to end, in real Chromium and Firefox against the real service: it asks
// what the editor has and shows that one way in first, within the first screen, in plain words,
// the rest closed under "Andre måter"; the code for every way in follows the controls, the council among them (and is what snippets() makes,
// parsed by the browser's own HTML parser), the contrast warning comes and goes, copying copies and
// says so, axe finds nothing, the whole page works by keyboard, and the module code it gives renders
// the widget on a host page of another origin.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { engines, launchers } from './browsers.js';
import { EMBED_HEIGHT, type EmbedOptions } from '../../contract/embed.js';
import { snippets, type Snippets } from '../../contract/embed-snippets.js';
import { hostCsp } from '../../contract/host-csp.js';
import { contrastPairs } from '../../server/builder/contrast.js';
import { builderTexts } from '../../server/builder/texts.js';
import { ANSWERS, WAY_OF } from '../../server/builder/ways.js';
import { campaignsDir, day } from '../../server/test/campaigns-dir.js';
import { startService, type Service } from '../../server/test/harness.js';

const KINDS = ['module', 'classic', 'iframe', 'iframeWithHelper', 'url', 'shortcode'] as const;

/** Opens "Andre måter" (nynorsk "Andre måtar"), where every way in waits, as a person does. */
const openOtherWays = (page: Page) => page.click('#other-ways summary');

/** A municipal page on its own origin, holding whatever code an editor pasted (`/page/<n>`). */
interface Host {
  url: string;
  server: Server;
  /** Serves `code` in a page under a strict CSP (plus inline styles when `inlineStyles`); its URL. */
  add(code: string, service: string, inlineStyles?: boolean): string;
}

async function startHost(): Promise<Host> {
  const pages: { code: string; csp: string }[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/favicon.ico') return res.writeHead(204).end();
    const page = pages.at(Number(/^\/page\/(\d+)$/.exec(req.url ?? '')?.[1] ?? NaN));
    if (!page) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.csp })
      .end(`<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><title>Testkommune</title></head>
<body><main><h1>Testkommune</h1>
${page.code}
</main></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    server,
    add(code, service, inlineStyles = false) {
      const csp = hostCsp({ service });
      pages.push({
        code,
        csp: inlineStyles ? csp.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'") : csp,
      });
      return `${url}/page/${pages.length - 1}`;
    },
  };
}

const axeSource = readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/**
 * axe's violations on the page (without `exclude`). The page's CSP forbids injected scripts, so
 * Chromium is told to let axe in (the page must be opened with CSP bypassed); other engines skip
 * this check and return [].
 */
async function axeViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  if (!(await page.browser().version()).includes('Chrome')) return [];
  await page.addScriptTag({ content: await axeSource });
  return page.evaluate(async (exclude) => {
    interface Axe {
      run: (context: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
    }
    const axe = (window as unknown as { axe: Axe }).axe;
    const { violations } = await axe.run({ exclude: exclude.map((s) => [s]) });
    return violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, exclude);
}

async function until<T>(what: () => Promise<T>, ok: (value: T) => boolean, message: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await what();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${message} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The code in each of the page's textareas. */
const codeOn = (page: Page) =>
  page.evaluate(
    (kinds) =>
      Object.fromEntries(
        kinds.map((kind) => [kind, document.querySelector<HTMLTextAreaElement>(`#code-${kind}`)!.value]),
      ) as Record<(typeof kinds)[number], string>,
    [...KINDS],
  );

/** The shown way's code, and which kind it is. */
const wayCode = (page: Page) =>
  page.$eval('#code-way', (el) => ({
    kind: (el as HTMLTextAreaElement).dataset.kind as (typeof KINDS)[number],
    value: (el as HTMLTextAreaElement).value,
  }));

/** Waits until the page shows the code snippets() makes for `options`, in the shown way too. */
async function showsCodeFor(page: Page, service: string, options: EmbedOptions, what: string) {
  const expected = snippets(service, options);
  await until(
    async () => ({ ...(await codeOn(page)), way: await wayCode(page) }),
    (code) => KINDS.every((kind) => code[kind] === expected[kind]) && code.way.value === expected[code.way.kind],
    `the code did not follow ${what}`,
  );
}

/** What each textarea says while a colour field holds no valid colour (server/builder/texts.ts). */
const NO_CODE = {
  nb: 'Ingen kode ennå: en av fargene er ikke gyldig. Rett den, så kommer koden her.',
  nn: 'Ingen kode enno: ein av fargane er ikkje gyldig. Rett han, så kjem koden her.',
};

/** Waits until every textarea says that there is no code, and holds no code at all. */
async function showsNoCode(page: Page, lang: 'nb' | 'nn') {
  const code = await until(
    () => codeOn(page),
    (code) => KINDS.every((kind) => code[kind] === NO_CODE[lang]),
    'the code stayed while a colour was not valid',
  );
  for (const kind of KINDS) assert.doesNotMatch(code[kind], /#[0-9a-f]{6}|ks-valgloftet/, kind);
  assert.equal((await wayCode(page)).value, NO_CODE[lang], 'the shown way');
}

/** The preview's state as a reader would notice it. */
const previewState = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('#preview')!;
    const root = el.shadowRoot;
    const article = root?.querySelector('article');
    return {
      lang: el.getAttribute('lang'),
      municipality: el.getAttribute('municipality'),
      lead: root?.querySelector('.lead')?.textContent.trim().slice(0, 20) ?? '',
      counter: !!root?.querySelector('[part="counter"]'),
      join: !!root?.querySelector('[part="join"]'),
      background: article ? getComputedStyle(article).backgroundColor : '',
      panel: getComputedStyle(root?.querySelector('.counter') ?? el).backgroundColor,
      muted: getComputedStyle(root?.querySelector('.credit') ?? el).color,
    };
  });

/** A computed colour, `rgb(…)` or `color(srgb …)`, as `#rrggbb`. */
function hex(computed: string): string {
  const numbers = (/\(([^)]*)\)/.exec(computed)?.[1] ?? '').match(/[\d.]+/g)?.map(Number) ?? [];
  const rgb = computed.startsWith('color(') ? numbers.map((n) => n * 255) : numbers;
  return `#${rgb
    .slice(0, 3)
    .map((c) => Math.round(c).toString(16).padStart(2, '0'))
    .join('')}`;
}

/** Puts `value` in a text field as a person does: select what is there, type over it. */
async function typeInto(page: Page, selector: string, value: string) {
  await page.focus(selector);
  await page.$eval(selector, (el) => {
    (el as HTMLInputElement).select();
  });
  await page.keyboard.type(value);
}

/**
 * Words an editor should never have to read to get the pledge onto their page (issue 26, item 10):
 * what the editor does is said instead. They may stand under "Andre måter", for developers.
 */
const JARGON =
  /oEmbed|iframe|\bCSP\b|Content-Security-Policy|unsafe-inline|\bSSB\b|attributt|multisite|shortcode|JavaScript|type="module"/i;

/**
 * Everything a reader of the builder sees or hears outside "Andre måter" and outside the code
 * itself: the rendered text (and the visually hidden text a screen reader reads), and the labels
 * given in attributes.
 */
const editorText = (page: Page) =>
  page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('.other-ways, textarea, script')) continue;
      if (!parent.checkVisibility()) continue;
      texts.push(node.textContent ?? '');
    }
    for (const el of document.querySelectorAll('[aria-label], [title]')) {
      if (!el.closest('.other-ways') && el.checkVisibility()) {
        texts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '');
      }
    }
    return texts.join(' ').replace(/\s+/g, ' ');
  });

/** The text of a live region once it has settled. */
const regionText = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent.trim());

for (const engine of engines) {
  describe(`the embed builder in ${engine}`, { timeout: 300_000 }, () => {
    let browser: Browser;
    let service: Service;
    let host: Host;
    const chromium = engine === 'chromium';

    before(async () => {
      [browser, service, host] = await Promise.all([launchers[engine](), startService(), startHost()]);
    });
    after(async () => {
      await browser.close();
      host.server.close();
      await service.dispose();
    });

    /** Lets the builder's page read and write the clipboard without asking (Chromium). */
    const grantClipboard = () =>
      browser
        .defaultBrowserContext()
        .setPermission(
          service.url,
          { permission: { name: 'clipboard-read' }, state: 'granted' },
          { permission: { name: 'clipboard-write' }, state: 'granted' },
        );

    /** Opens the builder; `problems` collects console errors, page errors and CSP violations. */
    async function openBuilder(query = '', { bypassCsp = false } = {}) {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push((e as Error).message));
      if (bypassCsp) await page.setBypassCSP(true);
      // Every CSP violation, in every engine (a preload script, which the page's CSP does not govern).
      await page.evaluateOnNewDocument(
        "window.violations = []; document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));",
      );
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(`${service.url}/embed/builder${query}`);
      await page.waitForFunction(() => !document.querySelector('.settings')?.hasAttribute('hidden'));
      await page.waitForFunction(() => document.querySelector('#preview')?.shadowRoot?.querySelector('h2'));
      return { page, problems };
    }

    /** Errors on the page's console, uncaught errors and CSP violations: none. */
    async function assertClean(page: Page, problems: string[]) {
      const violations = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
      assert.deepEqual([...problems, ...violations], [], 'no errors and no CSP violations');
    }

    test('each kind of code follows the controls, and so does the preview', async () => {
      const { page, problems } = await openBuilder();
      const base = service.config.publicUrl;
      await showsCodeFor(page, base, { lang: 'nb' }, 'the defaults');

      await page.click('#lang-nn');
      await showsCodeFor(page, base, { lang: 'nn' }, 'nynorsk');
      await until(
        () => previewState(page),
        (s) => s.lang === 'nn' && s.lead.startsWith('Folkevalde'),
        'the preview did not turn nynorsk',
      );

      await page.click('#counter');
      await showsCodeFor(page, base, { lang: 'nn', noCounter: true }, 'the counter off');
      await until(
        () => previewState(page),
        (s) => !s.counter && s.join,
        'the preview kept its counter',
      );

      await page.click('#form');
      await showsCodeFor(page, base, { lang: 'nn', noCounter: true, noForm: true }, 'the form off');
      await until(
        () => previewState(page),
        (s) => !s.counter && !s.join,
        'the preview kept its form',
      );
      await page.click('#counter');
      await showsCodeFor(page, base, { lang: 'nn', noForm: true }, 'the counter back on');

      // A council: every kind of code and the preview's element carry it; a county too; none, none.
      await page.select('#municipality', '4601');
      await showsCodeFor(page, base, { lang: 'nn', noForm: true, municipality: '4601' }, 'the council');
      await until(
        () => previewState(page),
        (s) => s.municipality === '4601',
        'the preview did not take the council',
      );
      for (const code of Object.values(await codeOn(page))) assert.match(code, /municipality(="|=)4601\b/);
      await page.select('#municipality', '46');
      await showsCodeFor(page, base, { lang: 'nn', noForm: true, municipality: '46' }, 'a county');
      await until(
        () => previewState(page),
        (s) => s.municipality === '46',
        'the preview did not take the county',
      );
      await page.select('#municipality', '');
      await showsCodeFor(page, base, { lang: 'nn', noForm: true }, 'no council');
      await until(
        () => previewState(page),
        (s) => s.municipality === null,
        'the preview kept the council',
      );
      for (const code of Object.values(await codeOn(page))) assert.doesNotMatch(code, /municipality/);

      await typeInto(page, '#accent', '#7A1F00');
      await showsCodeFor(page, base, { lang: 'nn', noForm: true, accent: '#7a1f00' }, 'the accent');
      await typeInto(page, '#background', '#FFFFFF');
      await typeInto(page, '#color', '#000000');
      const coloured: EmbedOptions = {
        lang: 'nn',
        noForm: true,
        accent: '#7a1f00',
        background: '#ffffff',
        color: '#000000',
      };
      await showsCodeFor(page, base, coloured, 'all three colours');
      await until(
        () => previewState(page),
        (s) => s.background === 'rgb(255, 255, 255)',
        'the preview did not take the background',
      );
      // The contrast check's model of the widget is the widget: its counter panel and its muted text (the credit).
      const drawn = await previewState(page);
      const pairs = contrastPairs(coloured);
      assert.equal(hex(drawn.panel), pairs.find((p) => p.id === 'counter')?.background);
      assert.equal(hex(drawn.muted), pairs.find((p) => p.id === 'muted')?.foreground);

      // A half-typed colour changes nothing; it is marked invalid only once the editor presses Enter
      // (or leaves the field), not while typing; mended, the mark goes.
      await typeInto(page, '#accent', '#7a1');
      assert.equal(await page.$eval('#accent', (el) => el.hasAttribute('aria-invalid')), false, 'not while typing');
      await showsCodeFor(page, base, coloured, 'nothing, for a half-typed colour');
      await page.keyboard.press('Enter');
      assert.equal(await page.$eval('#accent', (el) => el.getAttribute('aria-invalid')), 'true');
      assert.equal(await page.$eval('#accent', (el) => el.getAttribute('aria-describedby')), 'accent-error');
      assert.equal(await page.$eval('#accent-error', (el) => (el as HTMLElement).hidden), false);
      // Once marked, no code: not the last valid colour, which the field no longer shows.
      await showsNoCode(page, 'nb');
      await page.keyboard.type('f00');
      assert.equal(await page.$eval('#accent', (el) => el.hasAttribute('aria-invalid')), false);
      await showsCodeFor(page, base, { ...coloured, accent: '#7a1f00' }, 'the colour once whole');

      await page.click('#reset-colours');
      await showsCodeFor(page, base, { lang: 'nn', noForm: true }, 'the colours reset');
      await assertClean(page, problems);
      await page.close();
    });

    for (const lang of ['nb', 'nn'] as const) {
      const t = builderTexts[lang];
      test(`${lang}: each answer shows its one way first, in the first screen, and its copy gives that code; the rest wait closed under "${t.otherWays}" (issue 26, item 10)`, async () => {
        const { page, problems } = await openBuilder(`?lang=${lang}`);
        if (chromium) await grantClipboard();
        await page.setViewport({ width: 1280, height: 800 });
        const base = service.config.publicUrl;
        const code = snippets(base, { lang });
        // Asked, not yet answered: no way in is shown, and none is given first.
        const radio = (label: string) => page.locator(`::-p-aria(${label}[role="radio"])`);
        await page.locator(`::-p-aria(${t.ask}[role="group"])`).wait();
        assert.equal(await page.$eval('#way', (el) => (el as HTMLElement).hidden), true);
        assert.equal(await page.$eval('#no-answer', (el) => el.textContent), t.noAnswer);
        for (const answer of ANSWERS) {
          const words = t.answers[answer];
          const kind = WAY_OF[answer];
          await radio(words.label).click();
          await until(
            () => page.$eval('#way-heading', (el) => el.textContent),
            (text) => text === words.heading,
            `${answer}: the way was not shown`,
          );
          const shown = await page.evaluate(() => {
            return {
              steps: document.querySelector('#way-steps')!.textContent,
              code: document.querySelector<HTMLTextAreaElement>('#code-way')!.value,
              copyButtons: [...document.querySelectorAll('button.copy')].filter((el) => el.checkVisibility()).length,
              download: document.querySelector('#way-download')!.checkVisibility(),
              othersOpen: document.querySelector<HTMLDetailsElement>('#other-ways')!.open,
              others: [...document.querySelectorAll<HTMLElement>('.other-ways .snippet')]
                .filter((s) => !s.hidden)
                .map((s) => s.querySelector('textarea')!.id),
              headingTop: Math.round(document.querySelector('#way-heading')!.getBoundingClientRect().top + scrollY),
              codeTop: Math.round(document.querySelector('#code-way')!.getBoundingClientRect().top + scrollY),
              address: location.search,
              otherLanguage: document.querySelector<HTMLAnchorElement>('#other-language')!.search,
            };
          });
          console.log(
            `${engine} ${lang} ${answer}: the instruction at ${shown.headingTop} px, the code at ${shown.codeTop} px (1280×800)`,
          );
          assert.equal(shown.steps, words.steps, answer);
          assert.equal(shown.code, code[kind], `${answer}: the ${kind} code`);
          assert.equal(shown.copyButtons, 1, `${answer}: one copy button in sight`);
          assert.equal(shown.download, answer === 'wp-admin', `${answer}: the plugin's download`);
          assert.equal(shown.othersOpen, false, `${answer}: "${t.otherWays}" is closed`);
          assert.deepEqual(
            shown.others,
            KINDS.filter((k) => k !== kind).map((k) => `code-${k}`),
            `${answer}: every other way, and only those, under "${t.otherWays}"`,
          );
          assert.ok(shown.headingTop < 800 && shown.codeTop < 800, `${answer}: within the first screen`);
          assert.equal(new URLSearchParams(shown.address).get('have'), answer, `${answer}: in the address`);
          assert.equal(
            new URLSearchParams(shown.otherLanguage).get('have'),
            answer,
            `${answer}: in the other language's link`,
          );
          // Said politely, once it changes.
          assert.equal(await page.$eval('#way-status', (el) => el.getAttribute('role')), 'status');
          await until(
            () => regionText(page, '#way-status'),
            (text) => text === words.heading,
            `${answer}: the way was not said`,
          );
          await page.locator(`::-p-aria(${t.copy} ${words.code}[role="button"])`).click();
          const said = await until(
            () => regionText(page, '#status-way'),
            (text) => text !== '',
            `${answer}: the copy said nothing`,
          );
          if (chromium) {
            assert.equal(said, 'Kopiert');
            assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code[kind], `${answer}: copied`);
          }
        }
        // A shared link opens on the same answer, with its way shown.
        const { page: shared } = await openBuilder(`?lang=${lang}&have=enonic`);
        assert.equal(await shared.$eval('#have-enonic', (el) => (el as HTMLInputElement).checked), true);
        assert.equal(await shared.$eval('#code-way', (el) => (el as HTMLTextAreaElement).value), code.iframe);
        assert.equal(await shared.$eval('#way', (el) => (el as HTMLElement).hidden), false);
        await shared.close();
        await assertClean(page, problems);
        await page.close();
      });

      test(`${lang}: no jargon in what an editor reads outside "${t.otherWays}", for any answer (issue 26, item 10)`, async () => {
        for (const query of ['', ...ANSWERS.map((a) => `&have=${a}`)]) {
          const { page } = await openBuilder(`?lang=${lang}${query}`);
          const text = await editorText(page);
          assert.doesNotMatch(text, JARGON, `${lang}${query}`);
          assert.ok(text.includes(t.ask), `${query}: the question is read`);
          await page.close();
        }
      });
    }

    test("the preview's form opens under the builder's strict CSP and Trusted Types", async () => {
      const { page, problems } = await openBuilder();
      await page.waitForFunction(() => document.querySelector('#preview')?.shadowRoot?.querySelector('.join button'));
      await page.$eval('#preview', (el) => {
        el.shadowRoot!.querySelector<HTMLButtonElement>('.join button')!.click();
      });
      await page.waitForFunction(() => document.querySelector('#preview')?.shadowRoot?.querySelector('form #name'));
      await assertClean(page, problems);
      await page.close();
    });

    test("the browser's HTML parser reads each kind of code as meant", async () => {
      const { page } = await openBuilder();
      await page.click('#lang-nn');
      await page.click('#form');
      await page.select('#municipality', '5612');
      await typeInto(page, '#accent', '#7a1f00');
      const base = service.config.publicUrl;
      await showsCodeFor(
        page,
        base,
        { lang: 'nn', noForm: true, municipality: '5612', accent: '#7a1f00' },
        'the options',
      );
      // Parsed in a blank page: the builder's own enforces Trusted Types, which DOMParser obeys.
      // (No named functions inside the page: tsx's transform would wrap them in a helper the page lacks.)
      const code = await codeOn(page);
      const blank = await browser.newPage();
      // A script before any content lands in the parsed document's head: read the head, then the body.
      const [module, classic, iframeWithHelper] = await blank.evaluate(
        (sources) =>
          sources.map((source) =>
            [source]
              .map((html) => new DOMParser().parseFromString(html, 'text/html'))
              .flatMap((doc) => [...doc.head.children, ...doc.body.children])
              .map((el) => ({
                tag: el.localName,
                attributes: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
                children: [...el.children].map((c) => ({
                  tag: c.localName,
                  href: c.getAttribute('href'),
                  text: c.textContent,
                })),
              })),
          ),
        [code.module, code.classic, code.iframeWithHelper],
      );
      await blank.close();
      const parsed = { module, classic, iframeWithHelper };
      const element = {
        tag: 'ks-valgloftet',
        attributes: { lang: 'nn', 'no-form': '', municipality: '5612', style: '--ks-valgloftet-accent:#7a1f00' },
        children: [{ tag: 'a', href: `${base}/valgloftet/nn`, text: 'Les om Valgløftet 2023 hjå KS' }],
      };
      assert.deepEqual(parsed.module, [
        { tag: 'script', attributes: { type: 'module', src: `${base}/ks-valgloftet.js` }, children: [] },
        element,
      ]);
      assert.deepEqual(parsed.classic, [
        { tag: 'script', attributes: { src: `${base}/ks-valgloftet.iife.js`, defer: '' }, children: [] },
        element,
      ]);
      assert.deepEqual(parsed.iframeWithHelper, [
        {
          tag: 'iframe',
          attributes: {
            src: `${base}/embed?lang=nn&no-form&municipality=5612&accent=%237a1f00`,
            title: 'Valgløftet 2023',
            width: '100%',
            height: String(EMBED_HEIGHT),
            style: 'border:0;max-width:100%',
            loading: 'lazy',
            'data-ks-valgloftet': '',
          },
          children: [],
        },
        { tag: 'script', attributes: { src: `${base}/embed.js`, async: '' }, children: [] },
      ]);
      await page.close();
    });

    test('the contrast warning comes for a failing pair, is said politely, and goes when it passes', async () => {
      const { page } = await openBuilder('', { bypassCsp: chromium });
      assert.equal(await regionText(page, '#contrast-warning'), '');
      assert.equal(await page.$eval('#contrast-warning', (el) => el.getAttribute('role')), 'status');
      assert.equal(await page.$$eval('#contrast-list li.fail', (items) => items.length), 0);

      await typeInto(page, '#color', '#8a9aa6'); // grey text on the light background: about 2.7 : 1
      const warning = await until(
        () => regionText(page, '#contrast-warning'),
        (text) => text !== '',
        'no warning',
      );
      assert.match(warning, /^For lav kontrast: Tekst på bakgrunnen, .*Velg en mørkere eller lysere farge/);
      assert.match(
        await page.$eval('#contrast-list li.fail[data-pair="text"]', (li) => li.textContent),
        /Tekst på bakgrunnen \d,\d : 1, for lav/,
      );
      // The builder itself stays clean; the preview shows the failing colours on purpose.
      assert.deepEqual(await axeViolations(page, ['#preview']), [], 'axe, with the warning shown');

      await typeInto(page, '#color', '#1c1c1c');
      await until(
        () => regionText(page, '#contrast-warning'),
        (text) => text === '',
        'the warning stayed',
      );
      assert.equal(await page.$$eval('#contrast-list li.fail', (items) => items.length), 0);

      // The accent against the background: a pale accent fails the headings, links and the counter.
      await typeInto(page, '#accent', '#9fc5e8');
      assert.match(
        await until(
          () => regionText(page, '#contrast-warning'),
          (text) => text !== '',
          'no warning for the accent',
        ),
        /Overskrifter, lenker og knapper på bakgrunnen, Tallene i telleren/,
      );
      await page.close();
    });

    test('a mistyped colour leaves no code, never a colour the contrast check refused (issue 24, item 9)', async () => {
      const { page, problems } = await openBuilder('?have=script');
      const base = service.config.publicUrl;
      await typeInto(page, '#color', '#8a9aa6'); // refused: about 2.7 : 1 on the light background
      await showsCodeFor(page, base, { lang: 'nb', color: '#8a9aa6' }, 'the refused colour, while it is typed');
      await until(
        () => regionText(page, '#contrast-warning'),
        (text) => text !== '',
        'no contrast warning',
      );
      // The editor means #8a1538 and forgets the #, then leaves the field.
      await typeInto(page, '#color', '8a1538');
      await page.keyboard.press('Tab');
      assert.equal(await page.$eval('#color', (el) => el.getAttribute('aria-invalid')), 'true');
      await showsNoCode(page, 'nb');
      // A copy button copies nothing, and says why.
      await page.click('button[data-copy="way"]');
      assert.equal(
        await until(
          () => regionText(page, '#status-way'),
          (text) => text !== '',
          'the copy button said nothing',
        ),
        NO_CODE.nb,
      );
      // Mended, the code comes back with the colour the field shows.
      await typeInto(page, '#color', '#8a1538');
      await showsCodeFor(page, base, { lang: 'nb', color: '#8a1538' }, 'the mended colour');
      await assertClean(page, problems);
      await page.close();
    });

    test('the nynorsk page writes each ratio with a decimal comma, as the widget does (issue 24, item 9)', async () => {
      const { page } = await openBuilder('?lang=nn');
      const ratios = () => page.$$eval('#contrast-list .result', (all) => all.map((r) => r.textContent.trim()));
      // As the page script writes them (Chromium has no nynorsk number data of its own).
      await typeInto(page, '#color', '#333333');
      await until(ratios, (list) => list.some((r) => r.startsWith('12,')), 'the ratios did not follow the colour');
      const written = await ratios();
      assert.equal(written.length, 6);
      for (const ratio of written) assert.match(ratio, /^\d+,\d : 1, (god nok|for låg)$/);
      await page.close();
    });

    test(
      'axe finds nothing in bokmål and nynorsk',
      { skip: !chromium && 'axe runs in Chromium only (CSP)' },
      async () => {
        for (const query of ['', '?lang=nn']) {
          const { page } = await openBuilder(query, { bypassCsp: true });
          assert.deepEqual(await axeViolations(page), [], `axe ${query || 'nb'}`);
          await page.close();
        }
        // With a way shown and "Andre måter" open, in both languages.
        for (const query of ['?have=wp-admin', '?lang=nn&have=enonic']) {
          const { page } = await openBuilder(query, { bypassCsp: true });
          await openOtherWays(page);
          assert.deepEqual(await axeViolations(page), [], `axe ${query}`);
          await page.close();
        }
        // With a council chosen, and the preview showing it.
        const { page } = await openBuilder('?lang=nn', { bypassCsp: true });
        await page.select('#municipality', '4601');
        await until(
          () => previewState(page),
          (s) => s.municipality === '4601',
          'the preview did not take the council',
        );
        assert.deepEqual(await axeViolations(page), [], 'axe with a council chosen');
        await page.close();
      },
    );

    test('a copy button copies its code and says so', async () => {
      const { page, problems } = await openBuilder('?lang=nn');
      await page.click('#lang-nb'); // the page in nynorsk, the code for bokmål
      const expected = (await codeOn(page)).iframe;
      await openOtherWays(page);
      if (chromium) {
        await grantClipboard();
        await page.click('button[data-copy="iframe"]');
        assert.equal(
          await until(
            () => regionText(page, '#status-iframe'),
            (t) => t !== '',
            'no announcement',
          ),
          'Kopiert',
        );
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
      } else {
        await page.click('button[data-copy="iframe"]');
        const said = await until(
          () => regionText(page, '#status-iframe'),
          (t) => t !== '',
          'no announcement',
        );
        assert.ok(['Kopiert', 'Koden er merkt. Kopier han med Ctrl+C (⌘+C på Mac).'].includes(said), said);
      }
      assert.equal(await page.$eval('#status-iframe', (el) => el.getAttribute('role')), 'status');
      await assertClean(page, problems);
      await page.close();
    });

    test('without the Clipboard API the code is selected for the editor to copy, and the page says so', async () => {
      const page = await browser.newPage();
      // A string: tsx would wrap a function's getter in a helper the page lacks.
      await page.evaluateOnNewDocument(
        "Object.defineProperty(Navigator.prototype, 'clipboard', { get() { return undefined; }, configurable: true });",
      );
      await page.goto(`${service.url}/embed/builder?have=wp-author`);
      await page.waitForFunction(() => !document.querySelector('.settings')?.hasAttribute('hidden'));
      await page.click('button[data-copy="way"]');
      const said = await until(
        () => regionText(page, '#status-way'),
        (t) => t !== '',
        'no announcement',
      );
      // Where the old copy command still works it copied too; either way the code is selected.
      assert.ok(['Kopiert', 'Koden er merket. Kopier den med Ctrl+C (⌘+C på Mac).'].includes(said), said);
      const selection = await page.evaluate(() => {
        const area = document.activeElement as HTMLTextAreaElement;
        return { id: area.id, start: area.selectionStart, end: area.selectionEnd, length: area.value.length };
      });
      assert.deepEqual(selection, { id: 'code-way', start: 0, end: selection.length, length: selection.length });
      assert.ok(selection.length > 10);
      await page.close();
    });

    test('by keyboard alone: every control, then a copy button, with a visible focus', async () => {
      const { page, problems } = await openBuilder();
      if (chromium) {
        await grantClipboard();
      }
      const active = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          return { id: el.id, tag: el.localName, copy: el.dataset.copy ?? '', outline: style.outlineStyle };
        });
      const tab = async () => {
        await page.keyboard.press('Tab');
        return active();
      };
      assert.equal((await tab()).tag, 'a', 'first the other language');
      // Then the question: into its group, and up to its last answer, a page that takes script.
      let stop = await tab();
      assert.equal(stop.id, 'have-wp-plugin');
      assert.notEqual(stop.outline, 'none', 'focus is visible');
      await page.keyboard.press('ArrowUp');
      assert.equal((await active()).id, 'have-script');
      // Its one way: the code, then its copy button, which copies it.
      assert.equal((await tab()).id, 'code-way');
      stop = await tab();
      assert.equal(stop.copy, 'way');
      assert.notEqual(stop.outline, 'none', 'focus is visible');
      await page.keyboard.press('Enter');
      const copied = await until(
        () => regionText(page, '#status-way'),
        (t) => t !== '',
        'no announcement after Enter',
      );
      assert.ok(['Kopiert', 'Koden er merket. Kopier den med Ctrl+C (⌘+C på Mac).'].includes(copied), copied);
      if (chromium) {
        assert.equal(
          await page.evaluate(() => navigator.clipboard.readText()),
          snippets(service.config.publicUrl, { lang: 'nb' }).module,
        );
      }
      // "Andre måter", opened and closed by keyboard.
      stop = await tab();
      assert.equal(stop.tag, 'summary');
      assert.notEqual(stop.outline, 'none', 'focus is visible');
      await page.keyboard.press('Enter');
      assert.equal(await page.$eval('#other-ways', (el) => (el as HTMLDetailsElement).open), true);
      await page.keyboard.press('Enter');
      assert.equal(await page.$eval('#other-ways', (el) => (el as HTMLDetailsElement).open), false);
      stop = await tab();
      assert.equal(stop.id, 'lang-nb');
      assert.notEqual(stop.outline, 'none', 'focus is visible');
      await page.keyboard.press('ArrowDown');
      assert.equal((await active()).id, 'lang-nn');
      stop = await tab();
      assert.equal(stop.id, 'counter');
      assert.notEqual(stop.outline, 'none', 'focus is visible');
      await page.keyboard.press(' ');
      assert.equal((await tab()).id, 'form');
      await page.keyboard.press(' ');
      stop = await tab();
      assert.equal(stop.id, 'municipality');
      assert.notEqual(stop.outline, 'none', 'focus is visible');
      // Typing a name on the closed list chooses it, as in any select.
      await page.keyboard.type('Bergen');
      await until(
        () => page.$eval('#municipality', (el) => (el as HTMLSelectElement).value),
        (value) => value === '4601',
        'typing did not choose Bergen',
      );
      assert.equal((await tab()).id, 'accent');
      await page.keyboard.down(process.platform === 'darwin' ? 'Meta' : 'Control');
      await page.keyboard.press('KeyA');
      await page.keyboard.up(process.platform === 'darwin' ? 'Meta' : 'Control');
      await page.keyboard.type('#005a30');
      assert.equal((await tab()).id, 'accent-picker');
      assert.equal((await tab()).id, 'background');
      assert.equal((await tab()).id, 'background-picker');
      assert.equal((await tab()).id, 'color');
      assert.equal((await tab()).id, 'color-picker');
      stop = await tab();
      assert.equal(stop.id, 'reset-colours');
      assert.notEqual(stop.outline, 'none', 'focus is visible');
      const options: EmbedOptions = {
        lang: 'nn',
        noCounter: true,
        noForm: true,
        municipality: '4601',
        accent: '#005a30',
      };
      await showsCodeFor(page, service.config.publicUrl, options, 'the keyboard');

      // Back up to the shown way's copy button, which now copies the code for those options.
      for (let i = 0; i < 30 && (await active()).copy !== 'way'; i++) {
        await page.keyboard.down('Shift');
        await page.keyboard.press('Tab');
        await page.keyboard.up('Shift');
      }
      assert.equal((await active()).copy, 'way');
      await page.keyboard.press('Enter');
      const said = await until(
        () => regionText(page, '#status-way'),
        (t) => t !== '',
        'no announcement after Enter',
      );
      assert.ok(['Kopiert', 'Koden er merket. Kopier den med Ctrl+C (⌘+C på Mac).'].includes(said), said);
      if (chromium) {
        assert.equal(
          await page.evaluate(() => navigator.clipboard.readText()),
          snippets(service.config.publicUrl, options).module,
        );
      }
      await assertClean(page, problems);
      await page.close();
    });

    test(
      'without script: the code for the defaults, and no controls that would do nothing',
      { skip: !chromium && 'Chromium turns script off per page' },
      async () => {
        const page = await browser.newPage();
        await page.setJavaScriptEnabled(false);
        await page.goto(`${service.url}/embed/builder?lang=nn`);
        const expected = snippets(service.config.publicUrl, { lang: 'nn' });
        const code = await codeOn(page);
        for (const kind of KINDS) assert.equal(code[kind], expected[kind], kind);
        assert.deepEqual(
          await page.evaluate(() => ({
            settings: document.querySelector<HTMLElement>('.settings')!.hidden,
            preview: document.querySelector<HTMLElement>('.preview')!.hidden,
            note: document.querySelector('#no-script')?.textContent ?? '',
          })),
          {
            settings: true,
            preview: true,
            note: 'Utan JavaScript viser sida koden for standardvala: nynorsk, med teljar og skjema, i standardfargane. Med JavaScript kan du velje sjølv og sjå resultatet.',
          },
        );
        // The question works too: answered and sent, the page comes back with that one way shown.
        const t = builderTexts.nn;
        // (Handles, not locators: a locator waits on frames that a page without script never draws.)
        await (await page.$(`::-p-aria(${t.answers['wp-author'].label}[role="radio"])`))!.click();
        const send = (await page.$(`::-p-aria(${t.show}[role="button"])`))!;
        await Promise.all([page.waitForNavigation(), send.click()]);
        assert.equal(new URL(page.url()).search, '?lang=nn&have=wp-author');
        assert.deepEqual(
          await page.evaluate(() => ({
            heading: document.querySelector('#way-heading')!.textContent,
            code: document.querySelector<HTMLTextAreaElement>('#code-way')!.value,
            shown: document.querySelector('#way')!.checkVisibility(),
            open: document.querySelector<HTMLDetailsElement>('#other-ways')!.open,
          })),
          { heading: t.answers['wp-author'].heading, code: expected.url, shown: true, open: false },
        );
        await page.close();
      },
    );

    test('from 320 px wide: nothing wider than the window, with a way shown and "Andre måtar" open', async () => {
      for (const query of ['?lang=nn', '?lang=nn&have=other-cms', '?have=script']) {
        const { page } = await openBuilder(query);
        await page.setViewport({ width: 320, height: 640 });
        if (query !== '?lang=nn') await openOtherWays(page);
        await until(
          () => page.evaluate(() => document.documentElement.scrollWidth),
          (w) => w <= 320,
          `${query}: the page scrolls sideways at 320 px`,
        );
        await page.close();
      }
    });

    /** The module or classic code from the builder, for `options` set through its controls. */
    async function codeFromBuilder(set: (page: Page) => Promise<void>): Promise<Snippets> {
      const { page } = await openBuilder();
      await set(page);
      const code = await codeOn(page);
      await page.close();
      return code;
    }

    /** Opens `url` and waits for the widget to render; what it shows. */
    async function rendered(url: string) {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push((e as Error).message));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      await page.goto(url);
      await page.waitForFunction(() => document.querySelector('ks-valgloftet')?.shadowRoot?.querySelector('h2'));
      const state = await page.evaluate(() => {
        const root = document.querySelector('ks-valgloftet')!.shadowRoot!;
        return {
          municipality: document.querySelector('ks-valgloftet')!.getAttribute('municipality'),
          lang: root.querySelector('article')!.getAttribute('lang'),
          lead: root.querySelector('.lead')?.textContent.trim().slice(0, 20) ?? '',
          counter: !!root.querySelector('[part="counter"]'),
          join: !!root.querySelector('[part="join"]'),
          heading: getComputedStyle(root.querySelector('h2')!).color,
        };
      });
      await page.close();
      return { ...state, problems };
    }

    test('the module code it gives renders the widget on a host page of another origin', async () => {
      const defaults = await codeFromBuilder(() => Promise.resolve());
      const shown = await rendered(host.add(defaults.module, service.url));
      assert.deepEqual(shown, {
        municipality: null,
        lang: 'nb',
        lead: 'Folkevalgte som slut',
        counter: true,
        join: true,
        heading: 'rgb(15, 91, 140)',
        problems: [],
      });

      const chosen = await codeFromBuilder(async (page) => {
        await page.click('#lang-nn');
        await page.click('#counter');
        await page.click('#form');
        await page.select('#municipality', '4601');
        await typeInto(page, '#accent', '#7a1f00');
      });
      assert.match(chosen.module, / municipality="4601"/);
      // Colours travel in a style attribute: the host's CSP must allow inline styles for them.
      const shownChosen = await rendered(host.add(chosen.module, service.url, true));
      assert.deepEqual(shownChosen, {
        municipality: '4601',
        lang: 'nn',
        lead: 'Folkevalde som slutt',
        counter: false,
        join: false,
        heading: 'rgb(122, 31, 0)',
        problems: [],
      });
      const classic = await rendered(host.add(chosen.classic, service.url, true));
      assert.deepEqual(classic, shownChosen, 'the classic code renders the same');
    });
  });
}

describe('the embed builder with two campaigns, in chromium (issue 27)', { timeout: 120_000 }, () => {
  let browser: Browser;
  let service: Service;
  let dir: string;
  before(async () => {
    dir = await campaignsDir({ opens: day(7), closes: day(60) });
    [browser, service] = await Promise.all([launchers.chromium(), startService({ CAMPAIGNS_DIR: dir })]);
  });
  after(async () => {
    await browser.close();
    await service.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  test('choosing a campaign puts it in every code, the preview, the address and the other language; the current one takes it out', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push((e as Error).message));
    await page.goto(`${service.url}/embed/builder?lang=nn&have=enonic`);
    await page.waitForFunction(() => !document.querySelector('.settings')?.hasAttribute('hidden'));
    const base = service.config.publicUrl;
    const state = () =>
      page.evaluate(() => ({
        preview: document.querySelector('#preview')?.getAttribute('campaign') ?? null,
        address: new URL(location.href).searchParams.get('campaign'),
        other: new URL((document.getElementById('other-language') as HTMLAnchorElement).href).searchParams.get(
          'campaign',
        ),
        iframe: document.querySelector<HTMLTextAreaElement>('#code-way')!.value,
      }));
    await page.select('#campaign', 'testloftet');
    const expected = snippets(base, { lang: 'nn', campaign: 'testloftet' }, 'Testløftet');
    await until(
      () => codeOn(page),
      (code) => KINDS.every((kind) => code[kind] === expected[kind]),
      'the code did not take the campaign',
    );
    assert.deepEqual(await state(), {
      preview: 'testloftet',
      address: 'testloftet',
      other: 'testloftet',
      iframe: expected.iframe,
    });
    assert.match(expected.iframe, /campaign=testloftet/);
    // The current one again: today's code, nothing named anywhere.
    await page.select('#campaign', '2023');
    await showsCodeFor(page, base, { lang: 'nn' }, 'the current campaign');
    assert.deepEqual(await state(), {
      preview: null,
      address: null,
      other: null,
      iframe: snippets(base, { lang: 'nn' }).iframe,
    });
    assert.deepEqual(problems, []);
    await page.close();
  });
});
