// Component and bundle tests in Chromium, Firefox ESR and WebKit. `npm test` builds dist/ first.
import { readFile } from 'node:fs/promises';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { hostCsp } from './contract/host-csp.js';
import { browsers } from './test/support/browsers.mjs';
import { startCountFixture } from './test/support/count-fixture.mjs';
import { startServiceProcess } from './test/support/service-process.mjs';

/** The main service's admin token: only the commands below use it, never a page. */
const ADMIN_TOKEN = 'wtr-admin-token-0123456789abcdefghijkl';

const fixture = await startCountFixture();
process.on('exit', () => void fixture.close());
// The real signature service for the signing form's tests, and one that allows a single write a
// minute, for the "rate-limited" state (and one hour to confirm, for the singular).
const [service, strictService] = await Promise.all([
  startServiceProcess({
    RATE_LIMIT_WRITES: '100000',
    CONTROLLER_NAME: 'Testkommune',
    CONFIRM_HOURS: '48',
    ADMIN_TOKEN,
  }),
  startServiceProcess({ RATE_LIMIT_WRITES: '1', CONFIRM_HOURS: '1' }),
]);

/**
 * A host page around server-rendered markup: text above and below it, a probe that records the
 * widget before the script runs (test/fixtures/ssr-probe.js), and the built module, which runs last.
 */
const ssrPage = (markup, loader = false) => `<!doctype html>
<html lang="nb">
  <head>
    <meta charset="utf-8" />
    <title>Server-rendered widget</title>
    <script src="/test/fixtures/csp-probe.js"></script>
    ${
      loader
        ? `<script src="/${loader === 'broken' ? 'nodist' : 'dist'}/ks-valgloftet-loader.js" defer></script>`
        : '<script type="module" src="/dist/ks-valgloftet.js"></script>'
    }
  </head>
  <body>
    <p id="above">Nyheter fra kommunen</p>
    ${markup}
    <p id="below">Innhold under widgeten</p>
    <script src="/test/fixtures/ssr-probe.js"></script>
  </body>
</html>`;

/**
 * Runs `script` (a function's source) inside the test page's `iframe[data-embed-frame]` (whose address has `marker`): the embed
 * page, sandboxed and from another origin, which no script of the test page can reach. Through the
 * engine's own automation: Puppeteer's frames in Chromium and Firefox, WebDriver's frame switch in
 * WebKit. The script reads or clicks; typing goes through sendKeys as a reader's keys would.
 */
async function evalInEmbedFrame(session, script, marker) {
  const launcher = session.browser;
  if (launcher.type === 'webdriver') {
    const driver = launcher.driver;
    await driver.switchToFrame(await driver.$('iframe[data-embed-frame]'));
    try {
      return await driver.execute(`return (${script})()`);
    } finally {
      await driver.switchToParentFrame();
    }
  }
  const page = launcher.getPage(session.id);
  // The frame whose address has `marker` (the test gives each frame its own): an engine may list a
  // frame before it has navigated, or one just removed.
  for (let tries = 0; ; tries++) {
    const frames = page
      .frames()
      .filter((f) => f.parentFrame() === page.mainFrame() && !f.detached && f.url().includes(marker))
      .reverse();
    for (const frame of frames) {
      try {
        return await frame.evaluate(`(${script})()`);
      } catch (error) {
        if (tries > 50) throw error;
      }
    }
    if (tries > 50) throw new Error('no embed frame in the test page');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The roles and names of what the page's accessibility tree marks invalid, as a screen reader hears
 * it: Chromium's own tree (CDP). `{ invalid: null }` in Firefox and WebKit, whose drivers here give
 * no tree (a command that answers null is taken for unknown).
 */
async function invalidInAccessibilityTree(session) {
  const launcher = session.browser;
  if (launcher.type === 'webdriver' || !/^chrom/i.test(launcher.name)) return { invalid: null };
  const cdp = await launcher.getPage(session.id).createCDPSession();
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const invalid = nodes
      .filter((node) => node.properties?.some((p) => p.name === 'invalid' && p.value.value !== 'false'))
      .map((node) => `${node.role?.value} ${node.name?.value ?? ''}`.trim());
    return { invalid };
  } finally {
    await cdp.detach();
  }
}

/** Records a council's adoption in the main service, as KS's staff would (the admin API). */
async function adopt({ municipality, date, link }) {
  const res = await fetch(`${service.api}/admin/adoptions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ municipality, date, ...(link && { link }) }),
  });
  if (!res.ok) throw new Error(`adoption of ${municipality} refused: ${res.status} ${await res.text()}`);
  return res.status;
}

/**
 * Presses a button behind a link in the last mail to `email`, as its owner would: opens the page
 * and sends its form (`nth`: which form on the page, 0 for the first).
 */
async function pressInMail({ email, kind, nth = 0 }) {
  const mails = (await service.outbox()).split(`${'-'.repeat(72)}\n`).filter((m) => m.startsWith(`To: ${email}\n`));
  const link = new RegExp(`https?://\\S+/${kind}\\?token=[\\w-]+\\S*`).exec(mails.at(-1) ?? '')?.[0];
  if (!link) throw new Error(`no ${kind} link in a mail to ${email}`);
  const page = await (await fetch(link)).text();
  const forms = [...page.matchAll(/<form method="post" action="([^"]+)"[\s\S]*?name="token" value="([^"]+)"/g)];
  const [, action, token] = forms[nth] ?? [];
  if (!action) throw new Error(`no button ${nth} behind ${kind} for ${email}`);
  const res = await fetch(new URL(action, link), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`pressing ${action} for ${email} gave ${res.status}`);
  return action;
}

/** Erases a person by address (the admin API), as KS does on request. */
async function erase({ email }) {
  const res = await fetch(`${service.api}/admin/erasures`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  if (!res.ok) throw new Error(`erasing ${email}: ${res.status}`);
  return res.status;
}

/** Approves every name waiting for KS (the admin API), as KS does once it has checked each. */
async function approveNames() {
  const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
  const list = await (await fetch(`${service.api}/admin/names`, { headers })).json();
  if (!list.names.length) return 0;
  const res = await fetch(`${service.api}/admin/names/approvals`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ids: list.names.map((n) => n.id) }),
  });
  if (!res.ok) throw new Error(`approving names: ${res.status}`);
  return (await res.json()).approved;
}

/** The strict policy a host page may set (the README's); the bundle tests load the files under it. */
export const STRICT_CSP = hostCsp();

export default {
  // test/e2e and test/wordpress run in Node and drive the browsers themselves.
  files: ['test/**/*.test.ts', '!test/e2e/**', '!test/wordpress/**'],
  // Lit's development build: its extra checks and warnings run in the component tests; the bundle
  // test covers the production build.
  nodeResolve: { exportConditions: ['development'] },
  browsers: await browsers(),
  // One page at a time per browser: a page in a background tab gets no animation frames and no
  // IntersectionObserver callbacks, which the visibility-aware refresh depends on.
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 10 * 60 * 1000,
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    {
      // Lets a test reach the count fixture (and read what the widget asked it) and the services.
      name: 'test-services',
      async serverStop() {
        await Promise.all([service.stop(), strictService.stop()]);
      },
      executeCommand({ command, payload, session }) {
        if (command === 'count-fixture-url') return fixture.url;
        if (command === 'service-api') return service.api;
        if (command === 'strict-service-api') return strictService.api;
        if (command === 'service-outbox') return service.outbox();
        if (command === 'service-adopt') return adopt(payload);
        if (command === 'service-press-in-mail') return pressInMail(payload);
        if (command === 'service-erase') return erase(payload);
        if (command === 'service-approve-names') return approveNames();
        if (command === 'invalid-in-accessibility-tree') return invalidInAccessibilityTree(session);
        if (command === 'embed-frame-eval') return evalInEmbedFrame(session, payload.script, payload.marker);
        if (command === 'count-fixture-requests') {
          return fixture.requests.filter((r) => r.path.startsWith(payload.prefix));
        }
        return undefined;
      },
    },
  ],
  middleware: [
    async function hostPage(ctx, next) {
      // What the signature service will serve: a fixed, healthy count on the page's own origin.
      if (ctx.path === '/api/count') {
        ctx.set('access-control-allow-origin', '*');
        ctx.type = 'application/json';
        ctx.body = JSON.stringify({ signatures: 2023, councils: 41, updatedAt: new Date().toISOString() });
        return;
      }
      // The loader alone: the script beside it cannot be fetched.
      if (ctx.path === '/nodist/ks-valgloftet.js') {
        ctx.status = 503;
        return;
      }
      if (ctx.path === '/nodist/ks-valgloftet-loader.js') ctx.url = '/dist/ks-valgloftet-loader.js';
      // A copy of the built files whose form module cannot be fetched, until the widget retries.
      if (ctx.path.startsWith('/flaky-dist/')) {
        const file = ctx.path.slice('/flaky-dist/'.length);
        if (file === 'ks-valgloftet-form.js' && !ctx.querystring.includes('retry=')) {
          ctx.status = 503;
          return;
        }
        ctx.url = `/dist/${file}`;
      }
      // A copy whose form module is from another build (its pair token changed), as after a deploy.
      if (ctx.path === '/skewed-dist/ks-valgloftet-form.js') {
        const read = (file) => readFile(new URL(`./dist/${file}`, import.meta.url), 'utf8');
        // The first script compares its own token with the module's (the minifier may write either side first).
        const first = await read('ks-valgloftet.iife.js');
        const token = /["'`]([0-9a-f]{6})["'`]!==\w+\.PAIR|PAIR!==["'`]([0-9a-f]{6})["'`]/
          .exec(first)
          ?.slice(1)
          .find(Boolean);
        const form = await read('ks-valgloftet-form.js');
        if (!token || !form.includes(token)) throw new Error('no pair token in the built files');
        ctx.type = 'text/javascript';
        ctx.body = form.replaceAll(token, '00000000');
        return;
      }
      if (ctx.path.startsWith('/skewed-dist/')) ctx.url = `/dist/${ctx.path.slice('/skewed-dist/'.length)}`;
      // The rest of the API (the form's list and privacy facts) from the real service.
      if (ctx.path === '/api/municipalities' || ctx.path === '/api/privacy') {
        const answer = await fetch(`${service.api}${ctx.path.slice(4)}`);
        ctx.set('access-control-allow-origin', '*');
        ctx.type = 'application/json';
        ctx.body = await answer.text();
        return;
      }
      // A host page with the widget's server-rendered markup from the real service (GET /api/markup),
      // its counter on this origin, and the built module after it (test/ssr.test.ts). `csp`: `hash`
      // (the strict policy with the style hash the service gave), `nohash` (without it) or `none`.
      if (ctx.path === '/test/ssr-page.html') {
        // `focus` and `press` are the probe's (test/fixtures/ssr-probe.js), `loader` the page's.
        const { csp = 'hash', ...query } = ctx.query;
        const options = Object.fromEntries(
          Object.entries(query).filter(([name]) => !['focus', 'press', 'loader'].includes(name)),
        );
        const answer = await fetch(
          `${service.api}/markup?${new URLSearchParams({ ...options, api: `${ctx.origin}/api` })}`,
        );
        const hashes = (answer.headers.get('ks-valgloftet-style-hash') ?? '').split(' ');
        ctx.type = 'html';
        ctx.body = ssrPage(await answer.text(), query.loader === undefined ? false : query.loader || true);
        if (csp !== 'none') ctx.set('content-security-policy', hostCsp({ styleHashes: csp === 'hash' ? hashes : [] }));
        return;
      }
      await next();
      if (ctx.path.startsWith('/test/fixtures/csp-')) ctx.set('content-security-policy', STRICT_CSP);
      // The hostile host runs its own Lit too, whose policy keeps Lit's usual name.
      if (ctx.path === '/test/fixtures/hostile.html')
        ctx.set('content-security-policy', hostCsp({ extraPolicies: ['lit-html'] }));
    },
  ],
};
