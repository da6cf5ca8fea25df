import type * as FormModule from './signing/form-module.js';
import type * as LocalModule from './local/local-module.js';
import type * as CampaignModule from './campaign/campaign-module.js';

export type { FormModule, LocalModule, CampaignModule };

/**
 * Imports the modules that come later. This is the source's way, for development and the component
 * tests; the build puts `load-form.dist.ts` in its place, which imports the built files beside the
 * script.
 */
export const importFormModule = (): Promise<typeof FormModule> => import('./signing/form-module.js');
export const importLocalModule = (): Promise<typeof LocalModule> => import('./local/local-module.js');
export const importCampaignModule = (): Promise<typeof CampaignModule> => import('./campaign/campaign-module.js');
