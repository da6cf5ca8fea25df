declare const __KS_PAIR__: string | undefined;

/**
 * Which build this is, the same in the first script and the form module of one build (vite.config.ts
 * defines it from the message ids and the interface between the two). The form module is fetched by
 * its stable name, so a first script cached from before a deploy can meet a newer form module: their
 * message tokens and interface may differ, and the first script then refuses it rather than show
 * the wrong texts. Empty in development, where both come from the same source.
 */
export const PAIR = typeof __KS_PAIR__ === 'string' ? __KS_PAIR__ : '';
