// The size budgets of the built files, in gzip bytes: the size test holds the build to them and the
// bench prints them beside the figures. One home, so the two never disagree.

/** Each first script (ES module and classic): Lit, the pledge in both languages, the counter, the call to action. */
export const BUDGET_GZIP_BYTES = 12 * 1024;

/** The signing form, loaded on intent: its states, the municipality combobox, validation, messages, styles. */
export const FORM_BUDGET_GZIP_BYTES = 6 * 1024;

/** Every built file the widget loads, with its budget. */
export const BUDGETS = {
  'ks-valgloftet.js': BUDGET_GZIP_BYTES,
  'ks-valgloftet.iife.js': BUDGET_GZIP_BYTES,
  'ks-valgloftet-form.js': FORM_BUDGET_GZIP_BYTES,
};
