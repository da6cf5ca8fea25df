import { waitUntil } from '@open-wc/testing';

/** What test/fixtures/csp-probe.js records on a fixture page. */
export interface ProbedWindow extends Window {
  __violations: string[];
  __errors: string[];
}

/** Removes every page `openPage` opened: for `afterEach`. */
export function closePages(): void {
  document.querySelectorAll('iframe').forEach((frame) => {
    frame.remove();
  });
}

/** The window of a fixture page, with what its probe recorded. */
export function probedWindow(frame: HTMLIFrameElement): ProbedWindow & { trustedTypes?: unknown } {
  const win = frame.contentWindow;
  if (!win || !('__violations' in win)) throw new Error('the page has no CSP probe');
  return win as ProbedWindow;
}

/** A fixture page (served with its CSP by the test server) in an iframe of the test page. */
export async function openPage(path: string, width = 800, height = 600): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `width: ${width}px; height: ${height}px`;
  document.body.append(frame);
  await new Promise((resolve) => {
    frame.addEventListener('load', resolve, { once: true });
    frame.src = path;
  });
  return frame;
}

/** The page's widgets, once each has its count from the test server. */
export async function widgetsIn(frame: HTMLIFrameElement): Promise<HTMLElement[]> {
  const doc = frame.contentDocument;
  if (!doc) throw new Error('the page did not load');
  await waitUntil(() => frame.contentWindow?.customElements.get('ks-valgloftet'), 'never defined', { timeout: 10000 });
  const widgets = [...doc.querySelectorAll<HTMLElement>('ks-valgloftet')];
  await waitUntil(
    () => widgets.every((w) => w.shadowRoot?.querySelector('[part="counter"]')?.getAttribute('data-state') === 'ok'),
    'the counter never arrived',
    { timeout: 10000 },
  );
  return widgets;
}
