import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deepActiveElement } from './support/form-helpers.js';
import {
  countApi,
  counterState,
  getByRole,
  settled,
  shadowOf,
  text,
  widget,
  type KsValgloftet,
} from './support/helpers.js';

const states: [string, () => Promise<Record<string, string | true>>, string][] = [
  ['loading', async () => ({ api: await countApi('never') }), 'loading'],
  ['counted', async () => ({ api: await countApi('ok') }), 'ok'],
  ['degraded', async () => ({ api: await countApi('http-500') }), 'unavailable'],
  ['counter off', () => Promise.resolve({ 'no-counter': true }), ''],
];

describe('accessibility', () => {
  for (const lang of ['nb', 'nn']) {
    for (const [name, attrs, state] of states) {
      it(`passes axe: ${name}, ${lang}`, async () => {
        const el = await widget({ lang, ...(await attrs()) });
        if (state !== 'loading') await settled(el);
        expect(counterState(el)).to.equal(state);
        await expect(el).to.be.accessible();
      });
    }
  }

  it('is one article named by its heading', async () => {
    const el = await widget({ lang: 'nn', 'no-counter': true });
    const article = getByRole(el, 'article', 'Valgløftet 2023');
    const heading = getByRole(el, 'heading', 'Valgløftet 2023');
    expect(article.getAttribute('aria-labelledby')).to.equal(heading.id);
    expect(heading.tagName).to.equal('H2');
  });

  it('reaches every link with the keyboard, with a visible focus ring', async () => {
    const el: KsValgloftet = await widget({ lang: 'nb', 'case-url': 'https://www.ks.no/sak', 'no-counter': true });
    const before = document.createElement('button');
    before.textContent = 'før';
    el.before(before);
    before.focus();
    const reached: string[] = [];
    for (let i = 0; i < 3; i++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActiveElement();
      if (!active) throw new Error('Tab left the page');
      reached.push(text(active));
      const style = getComputedStyle(active);
      expect(style.outlineStyle, `focus ring on ${text(active)}`).to.equal('solid');
      expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    }
    before.remove();
    expect(reached).to.deep.equal([
      'KS har utarbeidet et forslag til saksfremlegg som kan brukes som utgangspunkt.',
      'Les Valgløftet 2023 på bokmål og nynorsk',
      'Hør podkast om Valgløftet 2023',
    ]);
  });

  it('reflows at 320 px (400 % zoom) without sideways scrolling, in both languages', async () => {
    for (const lang of ['nb', 'nn']) {
      const el = await widget({ lang, api: await countApi('ok') });
      el.parentElement!.style.width = '320px';
      await settled(el);
      const article = shadowOf(el).querySelector('article')!;
      expect(article.scrollWidth, lang).to.be.at.most(article.clientWidth);
      expect(el.getBoundingClientRect().width).to.equal(320);
      for (const node of shadowOf(el).querySelectorAll('h2, h3, p, a, .count')) {
        expect(node.getBoundingClientRect().right, text(node)).to.be.at.most(el.getBoundingClientRect().right + 0.5);
      }
    }
  });
});
