import { readFileSync } from 'node:fs';
import { minifyHTMLLiterals } from 'minify-literals';
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
 * Lit's templates ship as written; minify-literals (the kept fork of minify-html-literals, as
 * emoji-picker-element uses) minifies every html`` and css`` in src/ with html-minifier-terser and
 * clean-css. White space is collapsed conservatively (a run becomes one space, never nothing), so
 * what a reader sees and what a screen reader announces are unchanged.
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
          conservativeCollapse: true,
          removeComments: true,
          minifyCSS: { level: 2 },
        },
      });
      return out && { code: out.code, map: out.map };
    },
  };
}

/** The message ids of one side of the build, as a module spells them, mapped to their tokens. */
type IdSide = 'source' | 'table';

/**
 * Message ids (`{ id: 'error.place.unknown' }` in src/, and the keys of the generated nynorsk
 * table) become short tokens, the same on both sides, numbered in the order of locales/nn.xlf.
 * The source keeps its readable ids. A lookup whose two sides disagree would silently show bokmål
 * to nynorsk readers, so the build fails unless every id of the XLIFF file was shortened on both
 * sides and no id was met that the file does not know (test/node/message-ids.test.mjs).
 */
export function shortMessageIds(xliff = 'locales/nn.xlf'): Plugin {
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
      const problems = [
        ...unknown.map((what) => `unknown message id ${what}`),
        ...ids.filter((id) => !seen.source.has(id)).map((id) => `${id}: not found in src/ (is nn.xlf stale?)`),
        ...ids.filter((id) => !seen.table.has(id)).map((id) => `${id}: not found in the nynorsk table`),
      ];
      if (problems.length) this.error(`Message ids would not meet:\n  ${problems.join('\n  ')}`);
    },
  };
}

// One self-contained file per format: Lit, both languages and the styles inside; no imports, no
// CSS files, no chunks. `npm run build` runs `vite build` (ES module) and `vite build --mode iife`
// (classic script); lit-localize writes src/generated/ before either.
export default defineConfig(({ mode }) => {
  // The server's renderer (src/ssr.ts, `npm run build:ssr`): an ES module for Node with lit and
  // @lit-labs/ssr left as imports (Node resolves Lit's server build), through the same template
  // minifier and message ids as the browser's files, so both render the same template strings.
  if (mode === 'ssr') {
    return {
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
  return {
    // A classic script has no import.meta; it finds its URL through document.currentScript.
    define: iife ? { 'import.meta.url': 'undefined' } : {},
    plugins: [minifyTemplates(), shortMessageIds(), goodGuest()],
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: false,
      copyPublicDir: false,
      lib: {
        entry: 'src/ks-valgloftet.ts',
        name: 'KsValgloftet',
        formats: [iife ? 'iife' : 'es'],
        fileName: () => (iife ? 'ks-valgloftet.iife.js' : 'ks-valgloftet.js'),
      },
      rolldownOptions: { output: { minify: true, comments: { legal: false } } },
    },
  };
});
