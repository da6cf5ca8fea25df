/**
 * Where this script was loaded from. A classic script knows it only while it first runs
 * (`document.currentScript`); a module knows it through `import.meta.url`. On the server
 * (src/ssr.ts) there is no document, and no default service.
 */
export const scriptUrl: string =
  ((globalThis as { document?: Document }).document?.currentScript as HTMLScriptElement | null | undefined)?.src ||
  import.meta.url;

/**
 * The signature service's API when the host sets no `api`: the script's own origin, but only when
 * the service itself served the script (its two file names), never a guess for a copy on a CDN.
 */
export const defaultApi = /\/ks-valgloftet(\.iife)?\.js([?#]|$)/.test(scriptUrl) ? new URL('/api', scriptUrl).href : '';
