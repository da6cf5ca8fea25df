import { expect } from '@open-wc/testing';
import { openForm, shadow, submitButton } from './support/form-helpers.js';
import { countApi, type KsValgloftet, settled, shadowOf, text, widget } from './support/helpers.js';
import { TEXT_SPACING as BOOKMARKLET } from './support/text-spacing.js';

// WCAG 1.4.12 Text Spacing: a reader who sets their own line height, letter, word and paragraph
// spacing must get it in the widget too, and lose nothing. The bookmarklet's rules, set on the page
// as the bookmarklet sets them.

const px = (value: string) => parseFloat(value);

describe('text spacing (WCAG 1.4.12)', () => {
  let sheet: HTMLStyleElement;
  beforeEach(() => {
    sheet = document.createElement('style');
    sheet.textContent = BOOKMARKLET;
    document.head.append(sheet);
  });
  afterEach(() => {
    sheet.remove();
  });

  /** Every text element's spacing, relative to the host's font size as the bookmarklet's em is. */
  function expectReadersSpacing(el: KsValgloftet, selectors: string[]) {
    const em = px(getComputedStyle(el).fontSize);
    for (const selector of selectors) {
      const style = getComputedStyle(shadow(el, selector)!);
      expect(px(style.letterSpacing), `letter spacing of ${selector}`).to.be.closeTo(0.12 * em, 0.05);
      expect(px(style.wordSpacing), `word spacing of ${selector}`).to.be.closeTo(0.16 * em, 0.05);
    }
  }

  it('reaches the pledge, the headings and the counter, and nothing is lost at 320 px', async () => {
    const el = await widget({ lang: 'nn', api: await countApi('ok'), 'no-form': true });
    el.parentElement!.style.width = '320px';
    await settled(el);
    expectReadersSpacing(el, ['h2', 'h3', '.lead', '.body p', '.count', '[part="link"]']);
    for (const selector of ['h2', '.body p', '.count']) {
      const style = getComputedStyle(shadow(el, selector)!);
      expect(px(style.lineHeight) / px(style.fontSize), `line height of ${selector}`).to.be.closeTo(1.5, 0.02);
    }
    const article = shadow(el, 'article')!;
    expect(article.scrollWidth).to.be.at.most(article.clientWidth);
    const counter = shadow(el, '[part="counter"]')!;
    expect(counter.scrollHeight, 'the counter clips nothing').to.be.at.most(counter.clientHeight + 1);
    const right = el.getBoundingClientRect().right + 0.5;
    for (const node of shadowOf(el).querySelectorAll('h2, h3, p, a, .count')) {
      expect(node.getBoundingClientRect().right, text(node)).to.be.at.most(right);
    }
  });

  it('reaches the form’s labels, fields and buttons, and nothing is clipped', async () => {
    const el = await openForm({ lang: 'nb' });
    el.parentElement!.style.width = '320px';
    submitButton(el).click(); // with the error summary and messages shown
    await el.updateComplete;
    expectReadersSpacing(el, ['label', '.error', '#name', '.join > button', 'form [type="submit"]']);
    for (const button of shadowOf(el).querySelectorAll('button')) {
      expect(button.scrollHeight, text(button)).to.be.at.most(button.clientHeight + 1);
      expect(button.scrollWidth, text(button)).to.be.at.most(button.clientWidth + 1);
    }
    const article = shadow(el, 'article')!;
    expect(article.scrollWidth).to.be.at.most(article.clientWidth);
  });

  it('leaves the widget as designed on a page that sets no spacing of its own', async () => {
    sheet.remove();
    const el = await widget({ 'no-counter': true });
    const style = getComputedStyle(shadow(el, '.body p')!);
    expect(style.letterSpacing).to.equal('normal');
    expect(style.wordSpacing).to.equal('0px');
    expect(px(style.lineHeight) / px(style.fontSize)).to.be.closeTo(1.5, 0.02);
  });
});
