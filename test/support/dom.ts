// Testing Library's DOM queries, as a person finds things: by role and accessible name. Its ES
// build imports CommonJS packages the test runner cannot serve, so the self-contained UMD build is
// loaded instead; it sets `globalThis.TestingLibraryDom`.
import '@testing-library/dom/dist/@testing-library/dom.umd.js';
import type * as TestingLibraryDom from '@testing-library/dom';

declare global {
  var TestingLibraryDom: typeof TestingLibraryDom; // eslint-disable-line no-var -- a global declaration must be a var
}

export const { within, prettyDOM } = globalThis.TestingLibraryDom;
export type { ByRoleOptions, BoundFunctions, queries } from '@testing-library/dom';
