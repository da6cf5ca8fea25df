// A page of the service as a reader perceives it: parsed into a document (jsdom), and queried by role
// and accessible name with Testing Library, as the widget's tests do in a browser. No regular
// expressions over markup: a test finds the heading, the button, the field a person would.
import { within, type BoundFunctions, type queries } from '@testing-library/dom';
import { JSDOM } from 'jsdom';

export interface ReadPage {
  document: Document;
  /** Testing Library's queries on the whole page: getByRole('button', { name: 'Bekreft' }), … */
  screen: BoundFunctions<typeof queries>;
  /** The page's one h1, as read. */
  heading: string;
  title: string;
  lang: string;
}

/** Parses a page's HTML, as the browser would (no script runs). */
export function readPage(html: string): ReadPage {
  const { document } = new JSDOM(html).window;
  const h1s = [...document.querySelectorAll('h1')];
  return {
    document,
    screen: within(document.body),
    heading: h1s.length === 1 ? h1s[0].textContent.trim() : `(${h1s.length} h1 elements)`,
    title: document.title,
    lang: document.documentElement.lang,
  };
}

/** Fetches a page and reads it; the answer's status and headers beside it. */
export async function fetchPage(url: string | URL, init?: RequestInit): Promise<ReadPage & { response: Response }> {
  const response = await fetch(url, init);
  return { ...readPage(await response.text()), response };
}

/** A POST form of a page: where it posts and every field it sends without a person typing. */
export interface PostForm {
  action: string;
  fields: Record<string, string>;
}

/** The page's POST forms, each with its hidden fields; the one whose button is named `button`, if given. */
export function postFormsOf(page: ReadPage | string): PostForm[] {
  const { document } = typeof page === 'string' ? readPage(page) : page;
  return [...document.querySelectorAll<HTMLFormElement>('form[method="post"]')].map((form) => ({
    action: form.getAttribute('action') ?? '',
    fields: Object.fromEntries(
      [...form.querySelectorAll<HTMLInputElement>('input[type="hidden"]')].map((input) => [input.name, input.value]),
    ),
  }));
}

/** What a page says about one thing, as its description list has it: label → value, as read. */
export function detailsOf(page: ReadPage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dt of page.document.querySelectorAll('dl dt')) {
    const dd = dt.nextElementSibling;
    if (dd?.tagName === 'DD') out[dt.textContent.trim()] = dd.textContent.trim();
  }
  return out;
}

/** The text a reader meets on the page (its body), with white space as one space. */
export const textOf = (page: ReadPage): string => page.document.body.textContent.replace(/\s+/g, ' ').trim();

/** The page's paragraphs, each as read. */
export const paragraphsOf = (page: ReadPage): string[] =>
  [...page.document.querySelectorAll('p')].map((p) => p.textContent.replace(/\s+/g, ' ').trim());
