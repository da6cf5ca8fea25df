/**
 * A council's own status on its page (`municipality="4601"`): whether its council has adopted the
 * pledge, how many of its elected officials and candidates have joined, and, in a disclosure, those
 * who consented to be shown by name. A module of its own, built to `ks-valgloftet-local.js` beside
 * the script: only widgets with the attribute fetch it, so every other reader pays nothing. Like
 * the form module, it takes the first script's Lit (`setKit`) and brings its nynorsk table (`nn`).
 */
import type { MsgFn } from '@lit/localize';
import { html, nothing } from 'lit';
import { fill } from '../../contract/fill.js';
import type { Lang } from '../language.js';
import { formatDate } from '../../contract/dates.js';
import { parseLocal } from './local-figures.js';
import { localCss } from './local.styles.js';

export { setKit } from '../signing/kit.js';
export { PAIR } from '../pair.js';
export { templates as nn } from '../generated/locales/nn-local.js';

/** What the element hands over: its count's state and the answer's untrusted `local` part. */
export interface CountView {
  state: string;
  count?: { local?: unknown };
}

/** An SSB code: 4 digits for a municipality, 2 for a county. */
const SSB_CODE = /^\d{2}(\d{2})?$/;

/** Each code is warned about once a page, however often the widgets render. */
const warned = new Set<string>();
const warn = (code: string, why: string) => {
  if (warned.has(code)) return;
  warned.add(code);
  console.warn(`<ks-valgloftet municipality="${code}">: ${why}; the widget shows the national figures only.`);
};

let sheet: CSSStyleSheet | undefined;

/**
 * A count for the language, as the national figures are ("1 234" with a no-break space). Nynorsk
 * falls back to bokmål's rules where a browser lacks nynorsk's data (Debian's Chromium).
 */
const formatNumber = (lang: Lang, n: number) =>
  new Intl.NumberFormat(lang === 'nn' ? ['nn-NO', 'nb-NO'] : 'nb-NO').format(n);

/** Adopts the module's styles into the element's shadow root (nothing for a host's CSP to block). */
function adopt(root: ShadowRoot | null): void {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(localCss);
  }
  if (root && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/**
 * The local lines for the element's `municipality`, or nothing (a code that is not an SSB code, or one the service does
 * not know, with one console warning; then the empty block goes). While the count is on its way,
 * the block keeps its place (the first script's `.local`).
 */
export function render(
  host: HTMLElement & { resolvedLang: Lang; municipality?: string },
  counter: CountView,
  msg: MsgFn,
  api: string,
) {
  adopt(host.shadowRoot);
  const lang = host.resolvedLang;
  // The property, as the count's URL reads it: a framework may set it with no attribute at all.
  const code = host.municipality ?? '';
  if (!SSB_CODE.test(code)) {
    warn(code, 'not an SSB code (4 digits for a municipality, 2 for a county)');
    return nothing;
  }
  // While the count is on its way, the block keeps its place; without lines to show, it goes.
  if (counter.state === 'loading') return html`<span class="wait"></span>`;
  const raw = counter.count?.local;
  if (counter.state !== 'ok' || raw === undefined) return nothing;
  const local = parseLocal(raw, code);
  if (!local) {
    if (raw === null) warn(code, 'not a municipality or county the service knows');
    return nothing;
  }
  const { name, signatures, adopted, names } = local;
  const values = { name, date: adopted ? formatDate(adopted.on) : '', n: formatNumber(lang, signatures) };
  const councils = api.endsWith('/api') ? `${api.slice(0, -4)}/kommunar${lang === 'nn' ? '?lang=nn' : ''}` : '';
  return html`
    <p class="decision">
      ${
        adopted
          ? html`${fill(msg('{name} har vedtatt løftet ({date}).', { id: 'local.adopted' }), values)}
            ${
              adopted.link
                ? html`<a href=${adopted.link} part="link" rel="noopener noreferrer"
                    >${msg('Les vedtaket', { id: 'local.decision' })}</a
                  >`
                : nothing
            }`
          : fill(msg('Det er ikke registrert at {name} har vedtatt løftet.', { id: 'local.not-adopted' }), values)
      }
    </p>
    <p>
      <span class="count" part="count">${values.n}</span>
      ${fill(
        signatures === 1
          ? msg('folkevalgt eller kandidat fra {name} har sluttet seg til', { id: 'local.signatures.one' })
          : msg('folkevalgte og kandidater fra {name} har sluttet seg til', { id: 'local.signatures.other' }),
        values,
      )}
    </p>
    ${
      names.length
        ? html`<details>
          <summary>${msg('Se hvem som har sluttet seg til', { id: 'local.names' })}</summary>
          <ul>
            ${names.map(
              (person) =>
                html`<li>
                  ${person.name},
                  ${
                    person.role === 'candidate'
                      ? msg('kandidat', { id: 'local.role.candidate' })
                      : msg('folkevalgt', { id: 'local.role.elected' })
                  }
                </li>`,
            )}
          </ul>
          <p class="note">
            ${msg('Bare de som har sagt ja til å bli vist med navn, står her.', { id: 'local.names.note' })}
          </p>
        </details>`
        : nothing
    }
    ${
      councils
        ? html`<p>
          <a href=${councils} part="link">${msg('Alle kommuner og fylkeskommuner', { id: 'local.all' })}</a>
        </p>`
        : nothing
    }
  `;
}
