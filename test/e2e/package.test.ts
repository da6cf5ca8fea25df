// The widget as a site developer installs it from npm: `npm pack` the package (packages/ks-valgloftet/,
// which `npm run build` fills), install the tarball into a fresh Vite app in a temporary folder,
// import the element in the app's TypeScript and check it with tsc (strict, declarations checked
// too), build the app with Vite, serve the build and render it in Chromium against the real
// service. Offline: a tarball with no dependencies needs no registry, and Vite and tsc are the
// repository's, run with the temporary app as their root (nothing there resolves to the repository).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'puppeteer-core';
import { build, preview, type PreviewServer } from 'vite';
import { launchers } from './browsers.js';
import { hostCsp } from '../../contract/host-csp.js';
import { startService, type Service } from '../../server/test/harness.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund'], { cwd });

interface Member {
  kind: string;
  name: string;
  type?: { text: string };
  readonly?: boolean;
  static?: boolean;
  privacy?: string;
}

/**
 * A party's site: a page, and TypeScript that uses the element as its types describe it. members.ts
 * touches every public member the manifest lists (generated from the class), so tsc fails when the
 * element's public type (src/public-types.ts) lacks one or gives it another type.
 */
function app(members: Member[]): Record<string, string> {
  const touch = members
    .filter((m) => !m.static && (m.privacy ?? 'public') === 'public')
    .map((m) =>
      m.kind === 'method'
        ? `  el.${m.name} satisfies (...args: never[]) => unknown;`
        : `  { const value: ${m.type?.text ?? 'unknown'} = el.${m.name};${m.readonly ? '' : ` el.${m.name} = value;`} }`,
    );
  return {
    'package.json': JSON.stringify({ name: 'partiet-i-bergen', private: true, type: 'module' }),
    // The package's declarations are checked as the app's own code is (TypeScript's lib is not).
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        strict: true,
        skipLibCheck: false,
        skipDefaultLibCheck: true,
        noEmit: true,
        types: [],
      },
      include: ['src'],
    }),
    'index.html': `<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><title>Partiet i Bergen</title><script type="module" src="/src/main.ts"></script></head>
<body><main><h1>Partiet i Bergen</h1></main></body>
</html>
`,
    'src/main.ts': `import 'ks-valgloftet/reserve.css';
import { KsValgloftet, type SignedDetail } from 'ks-valgloftet';

const widget = document.createElement('ks-valgloftet');
widget.api = new URLSearchParams(location.search).get('api') ?? undefined;
widget.setAttribute('municipality', '4601');
widget.addEventListener('ks-valgloftet-signed', (event) => {
  const detail: SignedDetail = event.detail;
  document.title = detail.role;
});
document.querySelector('main')?.append(widget);
if (!(widget instanceof KsValgloftet)) throw new Error('<ks-valgloftet> is not defined');
`,
    'src/members.ts': `import type { KsValgloftet, Lang } from 'ks-valgloftet';

export function touch(el: KsValgloftet): Lang {
${touch.join('\n')}
  return el.resolvedLang;
}
`,
  };
}

let dir: string;
let tarball: string;
let installed: string;
let site: PreviewServer | undefined;
let service: Service | undefined;
let browser: Browser | undefined;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ks-valgloftet-package-'));
  // npm pack prints the tarball's name last (after what the package's prepack prints).
  const { stdout } = await npm(['pack', '--pack-destination', dir], join(root, 'packages/ks-valgloftet'));
  tarball = join(dir, stdout.trim().split('\n').at(-1) ?? '');
  const manifest = JSON.parse(await readFile(join(root, 'dist/custom-elements.json'), 'utf8')) as {
    modules: { declarations: { members: Member[] }[] }[];
  };
  const appDir = join(dir, 'app');
  for (const [file, text] of Object.entries(app(manifest.modules[0].declarations[0].members))) {
    await mkdir(join(appDir, file, '..'), { recursive: true });
    await writeFile(join(appDir, file), text);
  }
  // --offline: the package must install from its tarball alone.
  await npm(['install', '--offline', tarball], appDir);
  installed = join(appDir, 'node_modules/ks-valgloftet');
});

after(async () => {
  await browser?.close();
  await site?.close();
  await service?.dispose();
  await rm(dir, { recursive: true, force: true });
});

test('the tarball holds the widget, its types and manifest, and nothing of the service', async () => {
  const { stdout } = await run('tar', ['-tzf', tarball]);
  const files = stdout
    .trim()
    .split('\n')
    .map((f) => f.replace(/^package\//, ''))
    .sort();
  assert.deepEqual(
    files.filter((f) => !f.startsWith('dist/types/')),
    [
      'LICENSE',
      'README.md',
      'dist/custom-elements.json',
      'dist/ks-valgloftet-campaign.js',
      'dist/ks-valgloftet-form.js',
      'dist/ks-valgloftet-local.js',
      'dist/ks-valgloftet-reserve.css',
      'dist/ks-valgloftet.iife.js',
      'dist/ks-valgloftet.js',
      'package.json',
    ],
  );
  const types = files.filter((f) => f.startsWith('dist/types/'));
  assert.ok(types.includes('dist/types/src/ks-valgloftet.d.ts'), types.join(', '));
  for (const file of types) assert.match(file, /^dist\/types\/src\/[\w-]+\.d\.ts$/, 'a declaration from outside src/');
});

test('installs with no dependencies, in step with the root, its manifest found through customElements', async () => {
  const read = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  const pkg = await read(join(installed, 'package.json'));
  const rootPkg = await read(join(root, 'package.json'));
  assert.equal(pkg.version, rootPkg.version);
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) {
    assert.equal(pkg[field], undefined, `${field} in the package`);
  }
  assert.equal(typeof pkg.customElements, 'string');
  const manifest = (await read(join(installed, pkg.customElements as string))) as {
    modules: { path: string; declarations: { tagName?: string }[] }[];
  };
  const [module] = manifest.modules;
  assert.equal(module.declarations[0].tagName, 'ks-valgloftet');
  // The module the manifest describes is the package's entry, and it is in the package.
  assert.equal(`./${module.path}`, (pkg.exports as Record<string, { default: string }>)['.'].default);
  await readFile(join(installed, module.path));
});

test("the element's types resolve in the app's strict TypeScript, with no Lit installed", async () => {
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  await run(process.execPath, [tsc, '-p', join(dir, 'app')]).catch((error: unknown) => {
    assert.fail(`tsc found errors in the app:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
  });
});

test("the built app shows the pledge, a council's lines and the form in Chromium, under the hosts' strict CSP", async () => {
  const appDir = join(dir, 'app');
  await build({ root: appDir, configFile: false, logLevel: 'warn' });
  service = await startService();
  // Served under the strict policy the README gives hosts, Trusted Types included.
  site = await preview({
    root: appDir,
    configFile: false,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, headers: { 'content-security-policy': hostCsp({ service: service.url }) } },
  });
  const url = site.resolvedUrls?.local[0];
  assert.ok(url, 'the preview server has no address');
  browser = await launchers.chromium();
  const page = await browser.newPage();
  // What went wrong, for the message: script errors, and what the browser refused (the CSP).
  const errors: string[] = [];
  const note = (text: string) => errors.push(text.length > 300 ? `${text.slice(0, 300)}…` : text);
  page.on('pageerror', (error) => note(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url?.endsWith('/favicon.ico')) note(message.text());
  });
  await page.goto(`${url}?api=${encodeURIComponent(`${service.url}/api`)}`);

  // As a reader finds them, by role and name (Puppeteer's ARIA queries reach into the shadow root).
  const aria = (name: string, role: string) => page.locator(`::-p-aria(${name}[role="${role}"])`);
  const see = (name: string, role: string) =>
    aria(name, role)
      .wait()
      .catch(() => assert.fail(`no ${role} "${name}"; the page said: ${errors.join(' | ') || 'nothing'}`));
  await see('Valgløftet 2023', 'heading');
  // A council's own lines: the count answer from the service the app names in `api`, drawn by the
  // module the script loads for `municipality`.
  await see('Alle kommuner og fylkeskommuner', 'link');
  // The form, from the module the script loads on intent.
  await aria('Slutt deg til løftet', 'button').click();
  await see('Navn', 'textbox');
  assert.deepEqual(errors, []);
});
