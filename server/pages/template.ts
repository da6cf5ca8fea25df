// Every page of the service is made from Lit's server-only templates (@lit-labs/ssr's `html`): a
// value lands in a page as text, escaped in an element and in an attribute alike, never as markup.
// The one way to put markup in is `trustedHtml`, for markup the service made itself (the widget's
// server-rendered shadow DOM); ESLint allows unsafeHTML nowhere else. So no page module escapes by
// hand, and a user's value passed anywhere in a template cannot become markup.
import { html, render, type ServerRenderedTemplate } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';

export { html, nothing };

/** A page, or a part of one: a template, nothing, or a list of them. */
export type Html = ServerRenderedTemplate | typeof nothing | readonly Html[];

/**
 * The page as HTML. No element is rendered on the server here (`elementRenderers: []`): a
 * `<ks-valgloftet>` in a template stays the tag it is written as, whether or not the widget's
 * server renderer has defined it in this process.
 */
export const renderHtml = (page: Html): string => collectResultSync(render(page, { elementRenderers: [] }));

/**
 * Markup the service made itself, put into a page as markup: the widget's server-rendered shadow
 * DOM (src/ssr.ts), which carries its own escaping. Never anything a request or the store holds.
 */
export const trustedHtml = (markup: string) => unsafeHTML(markup);
