/**
 * The types a site sees: `<ks-valgloftet>` as a page meets it, and what its event carries. The
 * element's class extends Lit's LitElement, but the script carries its own Lit, so the npm package
 * has no Lit for a site's TypeScript to resolve that class against. The package's types therefore
 * describe the element by this interface, in DOM types only, as emoji-picker-element does;
 * src/ks-valgloftet.ts fails to compile when the class no longer fits it, and
 * test/e2e/package.test.ts when a public member of the class is missing here.
 */
import type { Lang } from './language.js';

/** What `ks-valgloftet-signed` carries: never a name or an address. */
export interface SignedDetail {
  lang: Lang;
  role: 'elected' | 'candidate';
  /** The SSB code of the municipality or county. */
  municipality: string;
}

/** `<ks-valgloftet>`: KS's election pledge Valgløftet 2023, with its counter and its form. */
export interface KsValgloftetElement extends HTMLElement {
  /**
   * Base URL of the signature service's API; the counter reads `{api}/count`. Defaults to `/api` on
   * the script's own origin when the service served the script.
   */
  api?: string;
  /** Hides the counter and makes no request (`no-counter`). */
  noCounter: boolean;
  /** Hides the call to action and the signing form; the pledge and the counter stay (`no-form`). */
  noForm: boolean;
  /** Seconds between refreshes of the count while the widget is visible; 0 turns refreshing off. */
  refreshInterval: number;
  /** Where the link to the pledge documents goes. Defaults to KS's page about the pledge. */
  pledgeUrl?: string;
  /** Where the podcast link goes. Defaults to KS's podcast "Der livet leves". */
  podcastUrl?: string;
  /** KS's draft case text for councils ("forslag til saksfremlegg"); the sentence about it shows only when set. */
  caseUrl?: string;
  /** The SSB code of the host's council: 4 digits for a municipality, 2 for a county ("4601" Bergen). */
  municipality?: string;
  /**
   * The campaign to show, by its id ("2027"); without it, the service's current campaign. One other
   * than the compiled campaign (2023) brings its own words from the service (`campaign`).
   */
  campaign?: string;
  /** The language the widget renders in, from `lang` on the element or its closest ancestor. */
  readonly resolvedLang: Lang;
  /** Fetches the count now, for example after the host knows it has changed. */
  refreshCount(): Promise<void>;
  /** Settles once the element has drawn its latest change (Lit's `updateComplete`). */
  readonly updateComplete: Promise<boolean>;
}
