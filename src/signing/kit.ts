import type { html as litHtml, nothing as litNothing } from 'lit';
import type { fetchJson as fetchJsonFn } from '../fetch-json.js';
import type { safeHref as safeHrefFn } from '../pledge-content.js';

/**
 * What the form module takes from the first script. The form module is one file for both builds
 * (the ES module and the classic script each carry their own Lit), so it cannot import Lit itself:
 * in its build, `lit` (and the two helpers the first script has anyway) resolve to this module, and
 * the first script hands over its own when the module arrives (`setKit`), before anything renders.
 * One Lit on the page means one template cache and one Trusted Types policy. In development and in
 * the component tests the form's files import them directly and this module is not used.
 */
export let html: typeof litHtml;
export let nothing: typeof litNothing;
export let fetchJson: typeof fetchJsonFn;
export let safeHref: typeof safeHrefFn;

export interface Kit {
  html: typeof litHtml;
  nothing: typeof litNothing;
  fetchJson: typeof fetchJsonFn;
  safeHref: typeof safeHrefFn;
}

export function setKit(kit: Kit): void {
  ({ html, nothing, fetchJson, safeHref } = kit);
}
