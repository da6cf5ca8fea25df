// Testing Library's DOM queries, as a person finds things: by role and accessible name. Its ES
// build imports CommonJS packages the test runner cannot serve, so the self-contained UMD build is
// loaded instead; it sets `globalThis.TestingLibraryDom`.
import '@testing-library/dom/dist/@testing-library/dom.umd.js';
import type * as Dom from '@testing-library/dom';

declare global {
  var TestingLibraryDom: typeof Dom;
}

export const { within, prettyDOM } = globalThis.TestingLibraryDom;
