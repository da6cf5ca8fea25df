import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { serviceApi, shadow } from './support/form-helpers.js';
import { countApi, getByRole, type KsValgloftet, settled, shadowOf } from './support/helpers.js';

// On paper: the pledge and the counter, every link with its address, and no form (its button
// would print at 2.4:1, and no one can press it). Print is emulated where the test runner can
// (Chromium); where the driver cannot (Firefox's BiDi, WebKit's WebDriver), the widget's own print
// rules are applied as screen rules, so every engine shows what they do.

describe('print', () => {
  let el: KsValgloftet;
  let screenWidth: number;
  let emulated = false;

  before(async () => {
    // The counter from the fixture and the form from the real service: every part is there.
    // Not a fixture(): those are removed after each test, and this one serves them all.
    el = document.createElement('ks-valgloftet');
    el.lang = 'nb';
    el.api = await countApi('ok');
    el.caseUrl = 'https://www.ks.no/sak';
    document.body.append(el);
    await settled(el);
    el.api = await serviceApi(); // the counter now counts from the service too
    await el.updateComplete;
    await settled(el);
    screenWidth = getByRole(el, 'link', 'Hør podkast om Valgløftet 2023').getBoundingClientRect().width;
    try {
      await emulateMedia({ media: 'print' });
      emulated = true;
    } catch {
      // This engine's driver cannot emulate print (WebKit's WebDriver, Firefox's BiDi here): apply
      // the widget's own print rules as screen rules instead, so the engine still shows what they do.
      const printRules = shadowOf(el).adoptedStyleSheets.flatMap((sheet) =>
        [...sheet.cssRules].filter(
          (rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.media.mediaText === 'print',
        ),
      );
      expect(printRules, 'the widget has print rules').to.have.length.above(0);
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(printRules.flatMap((rule) => [...rule.cssRules].map((r) => r.cssText)).join('\n'));
      shadowOf(el).adoptedStyleSheets = [...shadowOf(el).adoptedStyleSheets, sheet];
    }
  });

  after(async () => {
    el.remove();
    await emulateMedia({ media: 'screen' }).catch(() => undefined);
  });

  it('really prints (a probe for the emulation)', function (this: Mocha.Context) {
    if (!emulated) this.skip();
    expect(matchMedia('print').matches).to.equal(true);
  });

  it('leaves out the call to action and the form', () => {
    expect(getComputedStyle(shadow(el, '.join')!).display).to.equal('none');
  });

  it('keeps the pledge and the counter', () => {
    expect(shadow(el, 'h2')!.checkVisibility()).to.equal(true);
    expect(shadow(el, '.body p')!.checkVisibility()).to.equal(true);
    for (const count of shadowOf(el).querySelectorAll('[part="count"]')) {
      expect(getComputedStyle(count).visibility).to.equal('visible');
    }
  });

  it('prints each link with its address', () => {
    for (const link of shadowOf(el).querySelectorAll<HTMLAnchorElement>('a[href]')) {
      const after = getComputedStyle(link, '::after').content;
      // As declared, or resolved (WebKit): either way the address.
      expect(after, link.href).to.satisfy(
        (c: string) => c.includes('attr(href)') || c.includes(link.getAttribute('href')!),
      );
    }
    // The address takes room on the line: it is really there, not only declared.
    const link = getByRole(el, 'link', 'Hør podkast om Valgløftet 2023');
    expect(link.getBoundingClientRect().width).to.be.above(screenWidth + 50);
  });
});
