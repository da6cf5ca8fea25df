import { fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { KsValgloftet } from '../../src/ks-valgloftet.js';
import '../../src/ks-valgloftet.js';
import { within } from './dom.js';
import type { ByRoleMatcher } from '@testing-library/dom';

export type { KsValgloftet };

/** Normalised visible text, as a person reads it. */
export const text = (node: Node | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The first element of a tag under a root (a host page's own structure); throws if there is none. */
export function first<K extends keyof HTMLElementTagNameMap>(root: ParentNode, tag: K): HTMLElementTagNameMap[K] {
  const found = root.querySelector(tag);
  if (!found) throw new Error(`No <${tag}> found`);
  return found;
}

/** An element's open shadow root; throws if it has none (not yet upgraded, say). */
export function shadowOf(el: Element): ShadowRoot {
  if (!el.shadowRoot) throw new Error(`<${el.localName}> has no open shadow root`);
  return el.shadowRoot;
}

/** The widget's shadow root, searched as a person would: `view(el).getByRole('button', { name })`. */
export function view(el: Element) {
  return within(shadowOf(el) as unknown as HTMLElement);
}

/**
 * Elements of a role that a reader can perceive inside the widget's shadow root, optionally with a
 * given accessible name. Testing Library skips what is hidden by style or ARIA; `checkVisibility`
 * also skips what is not rendered at all, such as a slot's fallback content that the host replaced.
 */
export const allByRole = (el: Element, role: ByRoleMatcher, name?: string | RegExp): HTMLElement[] =>
  view(el)
    .queryAllByRole(role, { name })
    .filter((node) => node.checkVisibility());

/** The one element of a role (and name) a reader can perceive; throws if there is none, or more. */
export function getByRole(el: Element, role: ByRoleMatcher, name?: string | RegExp): HTMLElement {
  const found = allByRole(el, role, name);
  if (found.length !== 1) throw new Error(`Expected one ${role} named ${String(name)}, found ${found.length}`);
  return found[0];
}

let fixtureUrl: Promise<string> | undefined;
let unique = 0;

/** A fresh API base on the count fixture: `/{scenario}/{unique key}`. */
export async function countApi(scenario: string): Promise<string> {
  fixtureUrl ??= executeServerCommand<string, undefined>('count-fixture-url');
  return `${await fixtureUrl}/${scenario}/${Date.now().toString(36)}-${++unique}-${Math.random().toString(36).slice(2, 8)}`;
}

export interface FixtureRequest {
  path: string;
  /** The query, with its `?`, or ''. */
  query: string;
  method: string;
  headers: Record<string, string | undefined>;
  /** The body as received (a POST's). */
  body?: string;
}

/** What the widget asked the count fixture under an API base. */
export async function requestsTo(api: string): Promise<FixtureRequest[]> {
  return executeServerCommand<FixtureRequest[], { prefix: string }>('count-fixture-requests', {
    prefix: new URL(api).pathname + '/',
  });
}

/** The counter's state, as CSS and tests see it: loading, ok, unavailable, or '' when off. */
export const counterState = (el: KsValgloftet): string =>
  shadowOf(el).querySelector('[part="counter"]')?.getAttribute('data-state') ?? '';

export async function settled(el: KsValgloftet, timeout = 15000): Promise<void> {
  await waitUntil(() => counterState(el) !== 'loading', 'the counter never settled', { timeout });
  await el.updateComplete;
  // Let the figures finish fading in, so colours are measured as a reader sees them.
  await Promise.all(
    shadowOf(el)
      .getAnimations()
      .map((a) => a.finished),
  );
}

/** A widget with the given attributes, connected to the page and rendered. */
export async function widget(attrs: Record<string, string | true> = {}): Promise<KsValgloftet> {
  const el = document.createElement('ks-valgloftet');
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value === true ? '' : value);
  await fixture(html`<div>${el}</div>`);
  await el.updateComplete;
  return el;
}
