import type * as FormModule from './signing/form-module.js';
import type * as LocalModule from './local/local-module.js';
import type * as CampaignModule from './campaign/campaign-module.js';
import { scriptUrl } from './service-url.js';

export type { FormModule, LocalModule, CampaignModule };

/** Whether this build is the classic script, which has no import.meta (vite.config.ts). */
declare const __KS_CLASSIC__: boolean;

let attempts = 0;

/**
 * Imports a built module from beside the script: the service's stable or versioned path, a host's
 * own copy, or a site's bundle. A retry asks with a query, since a browser may remember a failed
 * import of the same URL.
 */
const importBeside = <M>(url: URL): Promise<M> => {
  if (attempts++) url.search = `retry=${attempts - 1}`;
  return import(/* @vite-ignore */ url.href) as Promise<M>;
};

// The ES module names each file as `new URL('./file.js', import.meta.url)`, the form that bundlers
// (Vite, webpack) recognise: a site that installs the npm package and bundles the script gets the
// file copied beside its own output, and the URL rewritten to it. `?no-inline` stops Vite from
// inlining a file under 4 KB (the council's module) as a data: URL, which a strict CSP refuses;
// servers ignore the query. `@vite-ignore` keeps this build's own Vite from rewriting the URL; the
// minifier drops the comment. The classic script resolves the name against its own URL.
export const importFormModule = (): Promise<typeof FormModule> =>
  importBeside(
    __KS_CLASSIC__
      ? new URL('ks-valgloftet-form.js', scriptUrl || location.href)
      : new URL(/* @vite-ignore */ './ks-valgloftet-form.js?no-inline', import.meta.url),
  );
export const importLocalModule = (): Promise<typeof LocalModule> =>
  importBeside(
    __KS_CLASSIC__
      ? new URL('ks-valgloftet-local.js', scriptUrl || location.href)
      : new URL(/* @vite-ignore */ './ks-valgloftet-local.js?no-inline', import.meta.url),
  );
export const importCampaignModule = (): Promise<typeof CampaignModule> =>
  importBeside(
    __KS_CLASSIC__
      ? new URL('ks-valgloftet-campaign.js', scriptUrl || location.href)
      : new URL(/* @vite-ignore */ './ks-valgloftet-campaign.js?no-inline', import.meta.url),
  );
