/**
 * The entry point and the only module with a side effect: it registers `<ks-valgloftet>`. The
 * guard makes a second copy of the script on the same page (or a CMS plugin that bundles its
 * own) harmless: the first definition stays, nothing throws.
 */
import type { KsValgloftetElement, SignedDetail } from './public-types.js';
import { KsValgloftet as Implementation } from './valgloftet-element.js';

/**
 * The element's class, typed as a page sees it (src/public-types.ts), so the published types need
 * no Lit; the assignment fails to compile when the class stops fitting that description.
 */
export const KsValgloftet: { prototype: KsValgloftetElement; new (): KsValgloftetElement } = Implementation;
export type KsValgloftet = KsValgloftetElement;
export type { Lang } from './language.js';
export type { SignedDetail };

if (!customElements.get('ks-valgloftet')) customElements.define('ks-valgloftet', Implementation);

declare global {
  interface HTMLElementTagNameMap {
    'ks-valgloftet': KsValgloftetElement;
  }
  interface HTMLElementEventMap {
    'ks-valgloftet-signed': CustomEvent<SignedDetail>;
  }
}
