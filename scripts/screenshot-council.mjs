// The README's screenshot of a council's own lines (`municipality`), against a real service of its
// own: an adoption recorded through the admin API, signers who confirm through their mails' links,
// two of them consenting to be shown by name, and KS approving those names. Usage: npm run build, then
// node scripts/screenshot-council.mjs
import puppeteer from 'puppeteer-core';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium.mjs';
import { startServiceProcess } from '../test/support/service-process.mjs';

const ADMIN_TOKEN = 'screenshot-admin-token-0123456789abcdef';
const service = await startServiceProcess({ ADMIN_TOKEN, RATE_LIMIT_WRITES: '1000' });
/** @param {string} path @param {unknown} body */
const post = (path, body, headers = {}) =>
  fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/**
 * Opens the confirm link in the last mail to `email` and presses its button.
 * @param {string} email
 */
async function confirm(email) {
  for (let i = 0; i < 50; i++) {
    const mail = (await service.outbox()).split('To: ').findLast((m) => m.startsWith(`${email}\n`));
    const link = mail && /https?:\/\/\S+\/confirm\?token=\S+/.exec(mail)?.[0];
    if (link) {
      const token = /name="token" value="([^"]+)"/.exec(await (await fetch(link)).text())?.[1];
      if (!token) throw new Error(`no button behind ${link}`);
      await fetch(`${service.url}/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
        redirect: 'manual',
      });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${email}`);
}

const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
try {
  await post(
    '/api/admin/adoptions',
    { municipality: '4601', date: '2024-03-12', link: 'https://innsyn.example.no/bergen/bystyret/2024-03-12' },
    { authorization: `Bearer ${ADMIN_TOKEN}` },
  );
  const signers = [
    ['Ingrid Haugland', 'elected', true],
    ['Magnus Sæle', 'candidate', true],
    ['Tone Bakke', 'elected', false],
  ];
  for (const [i, [name, role, showName]] of signers.entries()) {
    const email = `skjermbilde.${i}@example.no`;
    const res = await post('/api/signatures', { name, email, role, municipality: '4601', lang: 'nb', showName });
    if (res.status !== 202) throw new Error(`signing ${name}: ${res.status}`);
    await confirm(email);
  }
  // KS checks the names before they are shown: approved through the admin API.
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const waiting = /** @type {{ names: { id: string }[] }} */ (
    await (await fetch(`${service.url}/api/admin/names`, { headers: admin })).json()
  );
  const approved = await post('/api/admin/names/approvals', { ids: waiting.names.map((n) => n.id) }, admin);
  if (!approved.ok) throw new Error(`approving the names: ${approved.status}`);

  for (const [file, lang, scheme] of [
    ['docs/screenshot-council.png', 'nb', 'light'],
    ['docs/screenshot-council-nn.png', 'nn', 'dark'],
  ]) {
    const page = await browser.newPage();
    /** @type {string[]} */
    const problems = [];
    page.on('console', (m) => ['error', 'warn'].includes(m.type()) && problems.push(m.text()));
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await page.setViewport({ width: 760, height: 1200, deviceScaleFactor: 1 });
    await page.setContent(
      `<!doctype html><html lang="${lang}"><head><meta name="color-scheme" content="light dark">
      <style>body{font-family:system-ui,sans-serif;margin:24px;background:Canvas;color:CanvasText}</style>
      <script type="module" src="${service.url}/ks-valgloftet.js"></script></head>
      <body><ks-valgloftet municipality="4601" no-form></ks-valgloftet></body></html>`,
    );
    // As `networkidle0` says, which setContent's types do not offer: no request for 500 ms.
    await page.waitForNetworkIdle({ idleTime: 500 });
    const widget = await page.$('ks-valgloftet');
    if (!widget) throw new Error('no ks-valgloftet on the page');
    // In the page: the widget's shadow root is open, and what is looked for there is there.
    await widget.evaluate(async (el) => {
      while (!el.shadowRoot?.querySelector('.local summary')) await new Promise((r) => setTimeout(r, 50));
      /** @type {HTMLElement} */ (el.shadowRoot.querySelector('.local summary')).click();
    });
    const box = await widget.evaluate((el) => {
      const root = /** @type {ShadowRoot} */ (el.shadowRoot);
      const top = /** @type {Element} */ (root.querySelector('article')).getBoundingClientRect();
      const end = /** @type {Element} */ (root.querySelector('.local')).getBoundingClientRect();
      return { x: top.x - 8, y: top.y - 8, width: top.width + 16, height: end.bottom - top.y + 24 };
    });
    await page.screenshot({ path: file, clip: box });
    console.log(`${file}${problems.length ? `  problems: ${problems.join(' | ')}` : ''}`);
    await page.close();
  }
} finally {
  await browser.close();
  await service.stop();
}
