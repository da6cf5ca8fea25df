import { expect, waitUntil } from '@open-wc/testing';
import { closePages, openPage, probedWindow, type ProbedWindow } from './support/frames.js';
import { getByRole, shadowOf, text } from './support/helpers.js';

// Server-rendered markup from the real service (GET /api/markup), parsed as declarative shadow DOM
// in a host page, then the built module (web-test-runner.config.mjs, ssrPage). The element renders
// over the server's shadow root in the task that defines it (the fallback: hydration
// support would cost 2 KB gzip of the first script); what a reader sees must not change.

interface Snapshot {
  defined: boolean;
  root: ShadowRoot | null;
  article: HTMLElement | null;
  display: string;
  edge: string;
  text: string;
  boxes: string[];
  host: string;
  below: string;
  focused: Element | null;
}
interface SsrWindow extends ProbedWindow {
  __ssr: { before: Snapshot; after?: Snapshot; shifts: number[] };
}

/** The page in an iframe tall enough that the whole widget, and what is below it, is in view. */
async function openSsrPage(query: string): Promise<{ frame: HTMLIFrameElement; win: SsrWindow; widget: HTMLElement }> {
  const frame = await openPage(`/test/ssr-page.html?${query}`, 800, 3000);
  const win = probedWindow(frame) as SsrWindow;
  await waitUntil(() => win.__ssr.after, 'the widget never rendered', { timeout: 10000 });
  return { frame, win, widget: frame.contentDocument!.querySelector('ks-valgloftet')! };
}

const HEADINGS = { nb: 'Demokratiet skal være for alle', nn: 'Demokratiet skal vere for alle' };
const COUNTS = {
  nb: '2 023 folkevalgte og kandidater har sluttet seg til løftet',
  nn: '2 023 folkevalde og kandidatar har slutta seg til løftet',
};

describe('server-rendered markup, then the script', () => {
  afterEach(closePages);

  it('a reader who tabbed to the button before the script keeps focus on it', async () => {
    const { win, widget } = await openSsrPage('lang=nb&focus=1');
    const { before, after } = win.__ssr;
    expect(text(before.focused)).to.equal('Slutt deg til løftet');
    expect(before.focused!.isConnected, 'the server-rendered button is gone').to.be.false;
    expect(after!.focused, 'focus is on the new button').to.equal(getByRole(widget, 'button', 'Slutt deg til løftet'));
  });

  for (const lang of ['nb', 'nn'] as const) {
    it(`${lang}: the pledge is there before the script, and the script changes nothing a reader sees`, async () => {
      const { win, widget } = await openSsrPage(`lang=${lang}`);
      const { before, after } = win.__ssr;
      // Before: parsed as a shadow root, styled by its own <style>, and no script has run.
      expect(before.defined).to.be.false;
      expect(before.root).to.exist;
      expect(before.display).to.equal('block');
      expect(before.edge).to.equal('6px');
      expect(before.text).to.contain(HEADINGS[lang]);
      // After: the same shadow root, drawn again by the element in the task that defined it.
      expect(after!.defined).to.be.true;
      expect(after!.root).to.equal(before.root);
      expect(before.article!.isConnected, 'the server-rendered nodes are gone').to.be.false;
      expect(after!.article).to.not.equal(before.article);
      expect(after!.text).to.equal(before.text);
      expect(after!.boxes).to.deep.equal(before.boxes);
      expect(after!.host).to.equal(before.host);
      expect(after!.below).to.equal(before.below);
      expect(after!.display).to.equal('block');
      expect(after!.edge).to.equal('6px');
      expect(shadowOf(widget).querySelectorAll('article')).to.have.length(1);
      // Then the counter shows its figures, in the space it had from the start.
      await waitUntil(
        () => text(shadowOf(widget).querySelector('[part="counter"]')).includes(COUNTS[lang]),
        'no count',
        {
          timeout: 10000,
        },
      );
      expect(JSON.stringify(widget.getBoundingClientRect())).to.equal(before.host);
      expect(JSON.stringify(win.document.getElementById('below')!.getBoundingClientRect())).to.equal(before.below);
      // Chromium reports layout shifts: none, from navigation on (CLS 0).
      expect(win.__ssr.shifts.reduce((sum, value) => sum + value, 0)).to.equal(0);
      expect(getByRole(widget, 'heading', HEADINGS[lang])).to.exist;
      expect(win.__violations).to.deep.equal([]);
      expect(win.__errors).to.deep.equal([]);
    });
  }

  it('the call to action opens the form once the script has run', async () => {
    const { win, widget } = await openSsrPage('lang=nb');
    const button = getByRole(widget, 'button', 'Slutt deg til løftet');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.click();
    await waitUntil(
      () => shadowOf(widget).querySelector('form') && getByRole(widget, 'textbox', 'Navn'),
      'the form never opened',
      { timeout: 10000 },
    );
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(win.__violations).to.deep.equal([]);
  });

  it('through the loader (dist/ks-valgloftet-loader.js, defer), under the strict CSP with Trusted Types', async () => {
    const { win, widget } = await openSsrPage('lang=nn&loader');
    const { before, after } = win.__ssr;
    expect(before.defined, 'the loader waits for a painted frame').to.be.false;
    expect(after!.defined).to.be.true;
    expect(after!.text).to.equal(before.text);
    expect(after!.boxes).to.deep.equal(before.boxes);
    expect(after!.below).to.equal(before.below);
    await waitUntil(
      () => text(shadowOf(widget).querySelector('[part="counter"]')).includes(COUNTS.nn),
      'the script the loader brought never showed the count',
      { timeout: 10000 },
    );
    expect(win.__violations).to.deep.equal([]);
    expect(win.__errors).to.deep.equal([]);
  });

  it('a press on the call to action before the script came is made again once it has', async () => {
    const { widget } = await openSsrPage('lang=nb&loader&press');
    await waitUntil(
      () => getByRole(widget, 'button', 'Slutt deg til løftet').getAttribute('aria-expanded') === 'true',
      'the early press was lost',
      { timeout: 10000 },
    );
    await waitUntil(() => shadowOf(widget).querySelector('input#name'), 'the form never opened', { timeout: 10000 });
    expect(getByRole(widget, 'textbox', 'Navn')).to.exist;
  });

  it('when the loader cannot fetch the script, the call to action goes: no button that does nothing', async () => {
    const frame = await openPage('/test/ssr-page.html?lang=nb&loader=broken', 800, 3000);
    const widget = frame.contentDocument!.querySelector('ks-valgloftet')!;
    const join = () => widget.shadowRoot!.querySelector<HTMLElement>('[part="join"]')!;
    await waitUntil(() => join().hidden, 'the dead call to action stayed', { timeout: 10000 });
    expect(join().getBoundingClientRect().height).to.equal(0);
    expect(text(widget.shadowRoot!.querySelector('article'))).to.contain(HEADINGS.nb);
  });

  it('no-counter and no-form reach the markup and the element alike', async () => {
    const { win, widget } = await openSsrPage('lang=nn&no-counter&no-form');
    const { before, after } = win.__ssr;
    expect(before.root!.querySelector('[part="counter"]')).to.be.null;
    expect(before.root!.querySelector('[part="join"]')).to.be.null;
    expect(after!.boxes).to.deep.equal(before.boxes);
    expect(shadowOf(widget).querySelector('[part="counter"]')).to.be.null;
    expect(shadowOf(widget).querySelector('[part="join"]')).to.be.null;
  });

  it('under the strict CSP, the <style> in the declarative shadow root needs the hash the service gives', async () => {
    // With the hash in style-src (the hash test above ran under it too): styled, no violation.
    const hashed = await openSsrPage('lang=nb&csp=hash');
    expect(hashed.win.__ssr.before.edge).to.equal('6px');
    expect(hashed.win.__violations).to.deep.equal([]);
    hashed.frame.remove();
    // Without it the browser refuses the inline <style> (it is one, shadow root or not): the
    // server-rendered widget is unstyled until the script's constructed stylesheets arrive.
    const { win } = await openSsrPage('lang=nb&csp=nohash');
    expect(win.__ssr.before.display).to.equal('inline');
    // The violation's event comes as a task of its own, in WebKit sometimes after the page's load.
    await waitUntil(() => win.__violations.some((v) => v.startsWith('style-src')), 'no style-src violation reported', {
      timeout: 3000,
    });
    expect(win.__ssr.after!.display).to.equal('block');
  });
});
