import { fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { KsValgloftet } from '../../src/ks-valgloftet.js';
import '../../src/ks-valgloftet.js';

export type { KsValgloftet };

/** Normalised visible text, as a person reads it. */
export const text = (node: Node | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

const ROLE_SELECTORS: Record<string, string> = {
  heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
  link: 'a[href]',
  list: 'ul, ol, [role="list"]',
  article: 'article',
};

/**
 * Elements of a role that a reader can see inside the widget's shadow root (not, say, a slot's
 * fallback content that the host has replaced), optionally with a given accessible name.
 */
export function allByRole(el: KsValgloftet, role: string, name?: string | RegExp): HTMLElement[] {
  const found = [...el.shadowRoot!.querySelectorAll<HTMLElement>(ROLE_SELECTORS[role] ?? `[role="${role}"]`)].filter(
    (node) => node.checkVisibility(),
  );
  if (name === undefined) return found;
  return found.filter((node) => (typeof name === 'string' ? text(node) === name : name.test(text(node))));
}

export function getByRole(el: KsValgloftet, role: string, name?: string | RegExp): HTMLElement {
  const found = allByRole(el, role, name);
  if (found.length !== 1) throw new Error(`Expected one ${role} named ${String(name)}, found ${found.length}`);
  return found[0];
}

let fixtureUrl: Promise<string> | undefined;
let unique = 0;

/** A fresh API base on the count fixture: `/{scenario}/{unique key}`. */
export async function countApi(scenario: string): Promise<string> {
  fixtureUrl ??= executeServerCommand('count-fixture-url') as Promise<string>;
  return `${await fixtureUrl}/${scenario}/${Date.now().toString(36)}-${++unique}-${Math.random().toString(36).slice(2, 8)}`;
}

export interface FixtureRequest {
  path: string;
  method: string;
  headers: Record<string, string | undefined>;
}

/** What the widget asked the count fixture under an API base. */
export async function requestsTo(api: string): Promise<FixtureRequest[]> {
  return (await executeServerCommand('count-fixture-requests', {
    prefix: new URL(api).pathname + '/',
  })) as FixtureRequest[];
}

/** The counter's state, as CSS and tests see it: loading, ok, unavailable, or '' when off. */
export const counterState = (el: KsValgloftet): string =>
  el.shadowRoot!.querySelector('[part="counter"]')?.getAttribute('data-state') ?? '';

export async function settled(el: KsValgloftet, timeout = 15000): Promise<void> {
  await waitUntil(() => counterState(el) !== 'loading', 'the counter never settled', { timeout });
  await el.updateComplete;
  // Let the figures finish fading in, so colours are measured as a reader sees them.
  await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
}

/** A widget with the given attributes, connected to the page and rendered. */
export async function widget(attrs: Record<string, string | true> = {}): Promise<KsValgloftet> {
  const el = document.createElement('ks-valgloftet');
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value === true ? '' : value);
  await fixture(html`<div>${el}</div>`);
  await el.updateComplete;
  return el;
}
