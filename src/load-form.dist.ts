import type * as FormModule from './signing/form-module.js';
import type * as LocalModule from './local/local-module.js';
import { scriptUrl } from './service-url.js';

export type { FormModule, LocalModule };

let attempts = 0;

/**
 * Imports a built module from beside the script: the service's stable or versioned path, or a
 * host's own copy. A retry asks with a query, since a browser may remember a failed import of the
 * same URL.
 */
const importBeside = <M>(file: string): Promise<M> =>
  import(
    /* @vite-ignore */ new URL(attempts++ ? `${file}?retry=${attempts - 1}` : file, scriptUrl || location.href).href
  ) as Promise<M>;

export const importFormModule = (): Promise<typeof FormModule> => importBeside('ks-valgloftet-form.js');
export const importLocalModule = (): Promise<typeof LocalModule> => importBeside('ks-valgloftet-local.js');
