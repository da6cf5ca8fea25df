import type * as FormModule from './signing/form-module.js';
import { scriptUrl } from './service-url.js';

export type { FormModule };

/** The form module's file name; it lies beside the script, wherever the script was served from. */
export const FORM_FILE = 'ks-valgloftet-form.js';

/**
 * Imports the built form module from beside the script: the service's stable or versioned path,
 * or a host's own copy. A retry asks with a query, since a browser may remember a failed import
 * of the same URL.
 */
let attempts = 0;

export const importFormModule = (): Promise<typeof FormModule> => {
  const url = new URL(FORM_FILE, scriptUrl || location.href);
  if (attempts++) url.searchParams.set('retry', String(attempts - 1));
  return import(/* @vite-ignore */ url.href) as Promise<typeof FormModule>;
};
