import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { minifyHTMLLiterals } from 'minify-literals';
import { minify } from 'terser';
import { defineConfig, type Plugin } from 'vite';

const TAG = 'ks-valgloftet';

/**
 * Makes the bundle a good guest on any page.
 *
 * - Lit's Trusted Types policy is renamed from `lit-html` to `ks-valgloftet`. A page that runs its
 *   own Lit under `trusted-types lit-html` would otherwise see a second `lit-html` policy: a
 *   violation, and an exception in whichever copy loads second (possibly the host's).
 * - The whole file runs only when the tag is not yet defined, so a second copy of the script (or
 *   the other build beside it) creates no second policy and defines nothing.
 */
function goodGuest(): Plugin {
  let renamed = 0;
  return {
    name: 'ks-valgloftet-good-guest',
    transform(code, id) {
      if (!/[\\/]lit-html[\\/]/.test(id) || !code.includes('createPolicy')) return null;
      const out = code.replace(/createPolicy\((['"`])lit-html\1/g, () => (renamed++, `createPolicy("${TAG}"`));
      return { code: out, map: null };
    },
    renderChunk(code, chunk, options) {
      if (!renamed) this.error("Lit's Trusted Types policy was not found; check the lit-html version.");
      const guarded = (body: string) => `(()=>{if(customElements.get("${TAG}"))return;${body}})();`;
      if (options.format !== 'es') return { code: guarded(code), map: null };
      // An ES module cannot export from inside a function: export the registered class afterwards.
      const body = code.replace(/export\s*\{[^}]*\};?\s*$/, '');
      if (body === code || /\bexport\b\s*[{*]/.test(body)) this.error(`Unexpected exports in ${chunk.fileName}`);
      return { code: `${guarded(body)}\nexport const KsValgloftet=customElements.get("${TAG}");\n`, map: null };
    },
  };
}

/**
 * Leaves out what Lit does for other scripts on the page, which none of them needs from our copy:
 *
 * - it registers its version in `litElementVersions`, `reactiveElementVersions` and
 *   `litHtmlVersions`, globals only Lit's development builds read, to warn that a page runs two
 *   copies of Lit (a host page with its own Lit, in development, was warned about ours);
 * - it calls hooks a page may define for the ShadyDOM polyfills (`*PolyfillSupport`), which only
 *   browsers without shadow DOM need, and none of those runs this ES2022 script;
 * - it calls `litElementHydrateSupport`, which a host page that hydrates its own server-rendered
 *   Lit defines; it would make our element try to hydrate its server-rendered markup, which the
 *   element instead renders over (valgloftet-element.ts, `createRenderRoot`).
 *
 * About 200 bytes, 130 gzip, of the first script (bench/sizes.mjs). Each becomes `(void 0)`, in
 * parentheses: a bare `void 0?.(…)` is `void (0?.(…))`, which calls 0. The build fails unless each
 * of the seven is found once, so a new Lit that writes them otherwise is seen at once.
 */
function litForOurselves(): Plugin {
  const patterns = [
    /\(\s*[\w$]+\.(?:reactiveElement|litHtml|litElement)Versions\s*\?\?=\s*\[\]\s*\)\.push\(\s*["'][\d.]+["']\s*\)/g,
    /[\w$]+\.(?:reactiveElement|litHtml|litElement)PolyfillSupport\b/g,
    /[\w$]+\.litElementHydrateSupport\b/g,
  ];
  return {
    name: 'ks-valgloftet-lit-for-ourselves',
    renderChunk(code) {
      let found = 0;
      for (const pattern of patterns) {
        code = code.replace(pattern, () => (found++, '(void 0)'));
      }
      if (found !== 7) this.error(`Lit's version registry and page hooks: found ${found} of 7; check the Lit version.`);
      return { code, map: null };
    },
  };
}

/**
 * Lit's templates ship as written; minify-literals (the kept fork of minify-html-literals, as
 * emoji-picker-element uses) minifies every html`` and css`` in src/ with html-minifier-terser and
 * clean-css. White space is collapsed as HTML renders it: a run between words or inline elements
 * becomes one space, and the white space around block elements (and at the start and end of a
 * button's or paragraph's text), which no browser shows, goes. What a reader sees and what a screen
 * reader announces are unchanged (the content and accessibility tests read both).
 */
function minifyTemplates(): Plugin {
  return {
    name: 'ks-valgloftet-minify-templates',
    async transform(code, id) {
      if (!/[\\/]src[\\/].*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
      const out = await minifyHTMLLiterals(code, {
        fileName: id,
        minifyOptions: {
          caseSensitive: true,
          collapseWhitespace: true,
          conservativeCollapse: false,
          removeComments: true,
          minifyCSS: { level: 2 },
        },
      });
      return out && { code: out.code, map: out.map };
    },
  };
}

/**
 * A second minifier after Rolldown's: Terser, three passes, over each finished file. Rolldown's own
 * minifier is fast but leaves some that Terser folds (inlined constants, merged declarations);
 * about 100 bytes of gzip on the first script, under its budget of 12 KB (bench/sizes.mjs). Safe
 * transforms only: no `unsafe*` options.
 */
function terserPass(): Plugin {
  return {
    name: 'ks-valgloftet-terser-pass',
    async generateBundle(options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const out = await minify(chunk.code, {
          module: options.format === 'es',
          ecma: 2022,
          compress: { passes: 3 },
          format: { comments: false },
        });
        if (out.code === undefined) this.error(`Terser gave nothing for ${chunk.fileName}`);
        chunk.code = out.code;
      }
    },
  };
}

/** The message ids of one side of the build, as a module spells them, mapped to their tokens. */
type IdSide = 'source' | 'table';

/**
 * Message ids (`{ id: 'error.place.unknown' }` in src/, and the keys of the generated nynorsk
 * tables) become short tokens, the same on both sides, numbered in the order of locales/nn.xlf.
 * The source keeps its readable ids. A lookup whose two sides disagree would silently show bokmål
 * to nynorsk readers, so the build fails unless every id a build's source uses is in a table that
 * build carries (or in `alsoLoaded`: the first script's table, which the form module can count
 * on), every id of a table it carries is used, and no id is met that the XLIFF file does not know
 * (test/node/message-ids.test.mjs). scripts/split-locales.mjs checks that the XLIFF file has no
 * id that nothing uses.
 */
export function shortMessageIds(xliff = 'locales/nn.xlf', alsoLoaded: readonly string[] = []): Plugin {
  const ids = [...readFileSync(xliff, 'utf8').matchAll(/<trans-unit id="([^"]+)"/g)].map((m) => m[1]);
  const token = new Map(ids.map((id, i) => [id, i.toString(36)]));
  const seen: Record<IdSide, Set<string>> = { source: new Set(), table: new Set() };
  const unknown: string[] = [];
  const short = (side: IdSide, where: string, msgId: string) => {
    const t = token.get(msgId);
    if (t === undefined) {
      unknown.push(`${msgId} (${side}, ${where})`);
      return msgId;
    }
    seen[side].add(msgId);
    return t;
  };
  return {
    name: 'ks-valgloftet-short-message-ids',
    buildStart() {
      seen.source.clear();
      seen.table.clear();
      unknown.length = 0;
    },
    transform(code, id) {
      if (!/[\\/]src[\\/].*\.ts$/.test(id)) return null;
      let out = code.replace(
        /\bid:\s*(['"`])([\w.-]+)\1/g,
        (_all, _q, msgId: string) => `id:'${short('source', id, msgId)}'`,
      );
      if (/[\\/]generated[\\/]locales[\\/]/.test(id)) {
        out = out.replace(
          /^(\s*)(["'])([\w.-]+)\2:/gm,
          (_all, indent: string, _q, msgId: string) => `${indent}'${short('table', id, msgId)}':`,
        );
      }
      return out === code ? null : { code: out, map: null };
    },
    buildEnd(error) {
      if (error) return;
      const loaded = new Set(alsoLoaded);
      const problems = [
        ...unknown.map((what) => `unknown message id ${what}`),
        ...[...seen.source]
          .filter((id) => !seen.table.has(id) && !loaded.has(id))
          .map((id) => `${id}: not found in the nynorsk table`),
        ...[...seen.table].filter((id) => !seen.source.has(id)).map((id) => `${id}: in the table, not found in src/`),
      ];
      if (problems.length) this.error(`Message ids would not meet:\n  ${problems.join('\n  ')}`);
    },
  };
}

/**
 * One token per pair of first script and form module (src/pair.ts): the message ids in their order
 * (the short tokens are their positions) and the interface between the two files.
 */
const pairToken = () =>
  createHash('sha256')
    .update(
      readFileSync('locales/nn.xlf', 'utf8')
        .match(/<trans-unit id="[^"]+"/g)
        ?.join('') ?? '',
    )
    .update(readFileSync('src/signing/kit.ts'))
    .update(readFileSync('src/signing/form-module.ts'))
    .update(readFileSync('src/local/local-module.ts'))
    .update(readFileSync('src/campaign/campaign-module.ts'))
    .digest('hex')
    .slice(0, 6);

/** The ids of a generated table, for the form build: what the first script's table already holds. */
const tableIds = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*'([\w.-]+)':/gm)].map((m) => m[1]);

// Five files, none with imports: the first script as an ES module and as a classic script (modes
// `production` and `iife`), each with Lit, both languages of the pledge and the call to action; the
// signing form as an ES module (`form`) that either first script imports from beside itself on
// intent, handing it its own Lit (src/signing/kit.ts); a council's own lines (`council`), which
// only a widget with `municipality` imports; and a campaign's own words and state (`campaign`),
// which only a widget showing another campaign than the compiled one, or one not open, imports.
// `npm run build` builds every mode, the server's renderer (`ssr`) too, in one process
// (scripts/vite-builds.mjs); `vite build --mode <mode>` builds one. lit-localize and
// scripts/split-locales.mjs write src/generated/ before any of them.
export default defineConfig(({ mode }) => {
  const src = (file: string) => new URL(`src/${file}`, import.meta.url).pathname;
  // The server's renderer (src/ssr.ts, `npm run build:ssr`): an ES module for Node with lit and
  // @lit-labs/ssr left as imports (Node resolves Lit's server build), through the same template
  // minifier and message ids as the browser's files, so both render the same template strings.
  if (mode === 'ssr') {
    return {
      // The server renders the form closed; it never fetches the form module.
      define: { __KS_CLASSIC__: 'false' },
      resolve: { alias: [{ find: /^\.\/load-form\.js$/, replacement: src('load-form.dist.ts') }] },
      plugins: [minifyTemplates(), shortMessageIds()],
      build: {
        target: 'node20',
        outDir: 'dist/ssr',
        emptyOutDir: true,
        copyPublicDir: false,
        ssr: 'src/ssr.ts',
        rolldownOptions: { output: { entryFileNames: 'markup.js' } },
      },
    };
  }
  const iife = mode === 'iife';
  // The modules that come later, each with the first script's Lit: the form, a council's own lines,
  // a campaign's words and state.
  const later = {
    form: ['signing/form-module.ts', 'ks-valgloftet-form.js'],
    council: ['local/local-module.ts', 'ks-valgloftet-local.js'],
    campaign: ['campaign/campaign-module.ts', 'ks-valgloftet-campaign.js'],
  }[mode];
  const file = later?.[1] ?? (iife ? 'ks-valgloftet.iife.js' : 'ks-valgloftet.js');
  return {
    // A classic script has no import.meta; it finds its URL through document.currentScript.
    define: {
      __KS_PAIR__: JSON.stringify(pairToken()),
      __KS_CLASSIC__: JSON.stringify(iife),
      ...(iife ? { 'import.meta.url': 'undefined' } : {}),
    },
    resolve: {
      alias: later
        ? [{ find: /^(lit|\.\.\/fetch-json\.js|\.\.\/pledge-content\.js)$/, replacement: src('signing/kit.ts') }]
        : [{ find: /^\.\/load-form\.js$/, replacement: src('load-form.dist.ts') }],
    },
    plugins: later
      ? [minifyTemplates(), shortMessageIds(undefined, tableIds('src/generated/locales/nn.ts')), terserPass()]
      : [minifyTemplates(), shortMessageIds(), goodGuest(), litForOurselves(), terserPass()],
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: false,
      copyPublicDir: false,
      lib: {
        entry: later ? `src/${later[0]}` : 'src/ks-valgloftet.ts',
        name: 'KsValgloftet',
        formats: [iife ? 'iife' : 'es'],
        fileName: () => file,
      },
      rolldownOptions: { output: { minify: true, comments: { legal: false, annotation: false } } },
    },
  };
});
