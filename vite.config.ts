import { readFileSync } from 'node:fs';
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
 * What the minifier leaves alone, made small:
 * - Template literals ship as written. The indentation of src/ goes (a newline stays, so
 *   JavaScript's line rules are unchanged and HTML sees the same white space), and each css``
 *   block loses its comments and the space around punctuation. Our css`` blocks have no ${}; the
 *   build fails if one does.
 * - Message ids (`{ id: 'error.place.unknown' }`, and the keys of the generated nynorsk table)
 *   become short tokens, the same in both places, numbered in the order of locales/nn.xlf. The
 *   source keeps its readable ids; the language tests prove the two still meet.
 */
function compactTemplates(): Plugin {
  const ids = [...readFileSync('locales/nn.xlf', 'utf8').matchAll(/<trans-unit id="([^"]+)"/g)].map((m) => m[1]);
  const token = new Map(ids.map((id, i) => [id, i.toString(36)]));
  const short = (all: string, id: string, before = '', after = '') =>
    token.has(id) ? `${before}'${token.get(id)}'${after}` : all;
  return {
    name: 'ks-valgloftet-compact-templates',
    transform(code, id) {
      if (!/[\\/]src[\\/].*\.ts$/.test(id)) return null;
      let out = code.replace(/\n[ \t]+/g, '\n');
      out = out.replace(/\bcss`([^`]*)`/g, (_all, body: string) => {
        if (body.includes('${')) this.error(`${id}: css\`\` with \${} cannot be compacted`);
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
          .replace(/\[([\w-]+)='([\w-]+)'\]/g, '[$1=$2]')
          .trim();
        return `css\`${min}\``;
      });
      out = out.replace(/\bid:\s*(['"`])([\w.-]+)\1/g, (all, _q, msgId: string) => short(all, msgId, 'id:'));
      if (/[\\/]generated[\\/]locales[\\/]/.test(id)) {
        out = out.replace(/^["']([\w.-]+)["']:/gm, (all, msgId: string) => short(all, msgId, '', ':'));
      }
      return { code: out, map: null };
    },
  };
}

// One self-contained file per format: Lit, both languages and the styles inside; no imports, no
// CSS files, no chunks. `npm run build` runs `vite build` (ES module) and `vite build --mode iife`
// (classic script); lit-localize writes src/generated/ before either.
export default defineConfig(({ mode }) => {
  const iife = mode === 'iife';
  return {
    // A classic script has no import.meta; it finds its URL through document.currentScript.
    define: iife ? { 'import.meta.url': 'undefined' } : {},
    plugins: [compactTemplates(), goodGuest()],
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
      rolldownOptions: { output: { minify: true, legalComments: 'none' } },
    },
  };
});
