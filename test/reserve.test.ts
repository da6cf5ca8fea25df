import { expect, waitUntil } from '@open-wc/testing';

// embed/ks-valgloftet-reserve.css (served as /ks-valgloftet.css): the place a host page keeps for
// the widget before its script has run. A page in a frame of a phone's, a tablet's and a laptop's
// size, the widget 150 px from the top and the rest of the page below it: first the page with the
// rule alone, then the built script. The content below must not shift by more than the layout
// shift score 0.02 (the share of the window that moves times the distance it moves over the
// window's larger side, as Layout Instability counts it), and the reserve must not leave a gap
// that closes (more than 2 % of the window).

const WINDOWS = [
  [320, 568],
  [375, 667],
  [768, 1024],
  [1280, 800],
] as const;
const VARIANTS = ['', 'no-counter', 'no-form', 'no-counter no-form'];
const ABOVE = 150;

const nextFrame = (win: Window) =>
  new Promise((resolve) => {
    win.requestAnimationFrame(resolve);
  });

async function open(width: number, height: number, lang: string, attrs: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `width: ${width}px; height: ${height}px; border: 0`;
  document.body.append(frame);
  await new Promise((resolve) => {
    frame.addEventListener('load', resolve, { once: true });
    frame.srcdoc = `<!doctype html><html lang="nb"><head><meta charset="utf-8">
<link rel="stylesheet" href="/embed/ks-valgloftet-reserve.css">
<style>body{margin:0;font-family:system-ui,sans-serif;line-height:1.5}#above{height:${ABOVE}px}#below{height:3000px}</style>
</head><body><div id="above"></div>
<ks-valgloftet lang="${lang}" ${attrs}><a href="https://www.ks.no/">Les om Valgløftet 2023 hos KS</a></ks-valgloftet>
<div id="below">Resten av siden</div></body></html>`;
  });
  return frame;
}

/** The shift score of the content below when its top moves from y0 to y1 in a w × h window. */
function shiftScore(y0: number, y1: number, w: number, h: number): number {
  const top = Math.min(y0, y1);
  if (top >= h || y0 === y1) return 0;
  return ((h - top) / h) * (Math.min(Math.abs(y1 - y0), h) / Math.max(w, h));
}

describe('the reserve rule for the script embed', () => {
  afterEach(() => {
    document.querySelectorAll('iframe').forEach((f) => {
      f.remove();
    });
  });

  it('is in the stylesheet the service serves, only until the element is defined', async () => {
    const css = await (await fetch('/embed/ks-valgloftet-reserve.css')).text();
    expect(css).to.contain('ks-valgloftet:not(:defined)');
    expect(css).to.contain('@media (scripting: enabled)');
  });

  for (const [w, h] of WINDOWS) {
    for (const attrs of VARIANTS) {
      for (const lang of ['nb', 'nn']) {
        it(`keeps the content below in place: ${w} × ${h}, ${lang}${attrs ? `, ${attrs}` : ''}`, async () => {
          const frame = await open(w, h, lang, attrs);
          const win = frame.contentWindow!;
          const doc = frame.contentDocument!;
          const widget = doc.querySelector('ks-valgloftet')!;
          const below = doc.getElementById('below')!;
          await waitUntil(() => widget.getBoundingClientRect().height > 100, 'the reserve never applied', {
            timeout: 5000,
          });
          const reserved = widget.getBoundingClientRect().height;
          const y0 = below.getBoundingClientRect().top;

          const script = doc.createElement('script');
          script.type = 'module';
          script.src = '/dist/ks-valgloftet.js';
          doc.head.append(script);
          await waitUntil(() => win.customElements.get('ks-valgloftet'), 'never defined', { timeout: 10000 });
          await (widget as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
          if (!attrs.includes('no-counter')) {
            await waitUntil(
              () => widget.shadowRoot?.querySelector('[part="counter"]')?.getAttribute('data-state') === 'ok',
              'the counter never arrived',
              { timeout: 10000 },
            );
          }
          await nextFrame(win);
          const rendered = widget.getBoundingClientRect().height;
          const y1 = below.getBoundingClientRect().top;

          const score = shiftScore(y0, y1, w, h);
          const note = `reserved ${reserved.toFixed(0)} px, rendered ${rendered.toFixed(0)} px, shift ${score.toFixed(4)}`;
          expect(score, note).to.be.at.most(0.02);
          expect(reserved - rendered, `a gap that closes: ${note}`).to.be.at.most(0.02 * Math.max(w, h));
        });
      }
    }
  }
});
