/**
 * The widget's markup on the server: `<ks-valgloftet …>` with its shadow root as declarative shadow
 * DOM (`<template shadowrootmode="open">`), its styles in one `<style>`, rendered by @lit-labs/ssr
 * from the element's own templates. Built by `npm run build:ssr` (vite.config.ts, mode `ssr`) into
 * dist/ssr/markup.js with the same template minifier and message ids as the browser's files, so the
 * markup is what the script's first render makes; the service imports that file
 * (server/widget/markup.ts) and never src/.
 *
 * What is rendered is the element's first state in a browser: the counter's space reserved with no
 * figures, the call to action closed. Nothing later (figures, an open form) is ever rendered here.
 */
import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { html, nothing } from 'lit';
import type { MarkupOptions } from '../contract/markup.js';
import { KsValgloftet } from './valgloftet-element.js';

export type { MarkupOptions };

// In the registry of Lit's server build (@lit-labs/ssr-dom-shim). package.json marks src/ free of
// side effects, so the registration is made here rather than by importing the browser's entry.
if (!customElements.get('ks-valgloftet')) customElements.define('ks-valgloftet', KsValgloftet);

const TAG_START = '<ks-valgloftet';
const TAG_END = '</ks-valgloftet>';

/** The element and its declarative shadow root, without the markers of the wrapping template. */
export function renderMarkup(o: MarkupOptions): string {
  const out = collectResultSync(
    render(
      html`<ks-valgloftet
        lang=${o.lang}
        api=${o.api ?? nothing}
        ?no-counter=${o.noCounter}
        ?no-form=${o.noForm}
        refresh-interval=${o.refreshInterval ?? nothing}
        pledge-url=${o.pledgeUrl ?? nothing}
        podcast-url=${o.podcastUrl ?? nothing}
        case-url=${o.caseUrl ?? nothing}
      ></ks-valgloftet>`,
    ),
  );
  const start = out.indexOf(TAG_START);
  const end = out.lastIndexOf(TAG_END);
  if (start < 0 || end < start) throw new Error('The widget did not render');
  // The wrapping template's line breaks before the first attribute become one space.
  return out.slice(start, end + TAG_END.length).replace(/^<ks-valgloftet\s+/, '<ks-valgloftet ');
}
