import type * as FormModule from './signing/form-module.js';

export type { FormModule };

/**
 * Imports the form module. This is the source's way, for development and the component tests; the
 * build puts `load-form.dist.ts` in its place, which imports the built file beside the script.
 */
export const importFormModule = (): Promise<typeof FormModule> => import('./signing/form-module.js');
