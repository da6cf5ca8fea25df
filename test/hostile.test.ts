import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { closePages, openPage, probedWindow, widgetsIn } from './support/frames.js';
import { getByRole, shadowOf } from './support/helpers.js';

// A host page at its worst (test/fixtures/hostile.html): !important rules on *, h2, a, button and
// :focus; a strict CSP with Trusted Types; its own copy of Lit; both builds, each included twice;
// <html lang="nn"> with one element forcing bokmål. The widget must look and work as anywhere else.

const ACCENT = 'rgb(15, 91, 140)';

describe('a hostile host page', () => {
  afterEach(closePages);

  it('renders both widgets as designed, beside the host’s own Lit, and violates nothing', async () => {
    const frame = await openPage('/test/fixtures/hostile.html');
    const [nn, nb] = await widgetsIn(frame);
    const doc = frame.contentDocument!;
    await waitUntil(
      () => doc.querySelector('host-card')?.shadowRoot?.querySelector('#host-card'),
      'the host’s Lit never rendered',
    );

    // Languages: the page's nynorsk, and the element that says bokmål.
    expect(getByRole(nn, 'heading', 'Demokratiet skal vere for alle')).to.exist;
    expect(getByRole(nb, 'heading', 'Demokratiet skal være for alle')).to.exist;

    for (const el of [nn, nb]) {
      const root = el.shadowRoot!;
      const style = (selector: string) => getComputedStyle(root.querySelector(selector)!);
      const title = root.querySelector('h2')!;
      expect(title.checkVisibility(), 'the title is shown').to.equal(true);
      expect(style('h2').color).to.equal(ACCENT);
      expect(parseFloat(style('h2').fontSize)).to.be.below(40);
      const body = style('.body p');
      expect(body.textTransform).to.equal('none');
      // Text spacing is the one exception, on purpose: a rule on * cannot be told from a reader's
      // own text-spacing styles (WCAG 1.4.12), and the reader must win. So line height, letter and
      // word spacing follow the element's own, and nothing else does.
      const host = getComputedStyle(el);
      expect(body.letterSpacing).to.equal(host.letterSpacing);
      expect(body.wordSpacing).to.equal(host.wordSpacing);
      expect(parseFloat(body.lineHeight) / parseFloat(body.fontSize)).to.be.closeTo(3, 0.01);
      expect(body.fontWeight).to.equal('400');
      expect(body.fontStyle).to.equal('normal');
      expect(body.textIndent).to.equal('0px');
      expect(body.whiteSpace).to.equal('normal');
      expect(body.textShadow).to.equal('none');
      expect(['start', 'left']).to.include(body.textAlign);
      const link = style('[part="link"]');
      expect(link.color).to.equal(ACCENT);
      expect(link.pointerEvents).to.equal('auto');
      const button = style('.join > button');
      expect(button.backgroundColor).to.equal(ACCENT);
      expect(parseFloat(button.paddingLeft)).to.be.above(10);
      // The card fills the width it is given; no text runs out of it.
      const article = root.querySelector('article')!;
      expect(article.getBoundingClientRect().width).to.be.closeTo(doc.body.getBoundingClientRect().width, 1);
      expect(article.scrollWidth).to.be.at.most(article.clientWidth);
    }

    const win = probedWindow(frame);
    expect(win.__violations).to.deep.equal([]);
    expect(win.__errors).to.deep.equal([]);
  });

  it('keeps a visible focus ring, whatever :focus rules the host has', async () => {
    const frame = await openPage('/test/fixtures/hostile.html');
    const [nn] = await widgetsIn(frame);
    const doc = frame.contentDocument!;
    frame.contentWindow!.focus();
    doc.getElementById('top')!.focus();
    await sendKeys({ press: 'Tab' });
    const join = getByRole(nn, 'button', 'Slutt deg til løftet');
    expect(shadowOf(nn).activeElement).to.equal(join);
    const ring = getComputedStyle(join);
    expect(ring.outlineStyle).to.equal('solid');
    expect(parseFloat(ring.outlineWidth)).to.be.at.least(2);
    expect(ring.outlineColor).to.equal(ACCENT);
  });
});
