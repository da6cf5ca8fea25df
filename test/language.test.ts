import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { declaredLang, toLang } from '../src/language.js';
import { first, getByRole, widget, type KsValgloftet } from './support/helpers.js';

const title = (el: KsValgloftet) => getByRole(el, 'heading', /^Valgløftet 2023$/);
const podcastLink = (el: KsValgloftet) => getByRole(el, 'link', /podkast/);
const renderedLang = (el: KsValgloftet) => getByRole(el, 'article').getAttribute('lang');

describe('language', () => {
  const originalHtmlLang = document.documentElement.getAttribute('lang');
  afterEach(() => {
    if (originalHtmlLang === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', originalHtmlLang);
  });

  describe('maps language tags to bokmål or nynorsk', () => {
    const table: [string, 'nb' | 'nn'][] = [
      ['nn', 'nn'],
      ['nn-NO', 'nn'],
      ['NN-no', 'nn'],
      ['no-NYN', 'nn'],
      ['nb', 'nb'],
      ['nb-NO', 'nb'],
      ['no', 'nb'],
      ['no-NO', 'nb'],
      ['no-BOK', 'nb'],
      ['en', 'nb'],
      ['se', 'nb'],
      ['nno', 'nb'],
      ['not a tag', 'nb'],
      ['', 'nb'],
    ];
    for (const [tag, lang] of table) {
      it(`"${tag}" → ${lang}`, () => expect(toLang(tag)).to.equal(lang));
    }
  });

  it('uses its own lang first', async () => {
    const parent = await fixture(html`<div lang="nb"><ks-valgloftet lang="nn"></ks-valgloftet></div>`);
    const el = first(parent, 'ks-valgloftet');
    await el.updateComplete;
    expect(renderedLang(el)).to.equal('nn');
    expect(podcastLink(el).textContent).to.contain('Høyr podkast om Valgløftet 2023');
  });

  it('else the closest ancestor with lang', async () => {
    const parent = await fixture(
      html`<section lang="nb"><div lang="nn-NO"><p><ks-valgloftet></ks-valgloftet></p></div></section>`,
    );
    const el = first(parent, 'ks-valgloftet');
    await el.updateComplete;
    expect(renderedLang(el)).to.equal('nn');
  });

  it('else <html lang>, and follows it when the page changes language', async () => {
    document.documentElement.setAttribute('lang', 'nn');
    const el = await widget();
    expect(renderedLang(el)).to.equal('nn');
    document.documentElement.setAttribute('lang', 'nb-NO');
    await waitUntil(() => renderedLang(el) === 'nb', 'did not follow <html lang>');
    expect(podcastLink(el).textContent).to.contain('Hør podkast om Valgløftet 2023');
  });

  it('else bokmål', async () => {
    document.documentElement.removeAttribute('lang');
    const el = await widget();
    expect(declaredLang(el)).to.equal('');
    expect(renderedLang(el)).to.equal('nb');
  });

  it('renders unknown languages in bokmål and says so with lang="nb"', async () => {
    const el = await widget({ lang: 'en-GB' });
    expect(renderedLang(el)).to.equal('nb');
    expect(getByRole(el, 'heading', 'Demokratiet skal være for alle')).to.exist;
  });

  it('skips an empty lang and inherits', async () => {
    const parent = await fixture(html`<div lang="nn"><ks-valgloftet lang=""></ks-valgloftet></div>`);
    const el = first(parent, 'ks-valgloftet');
    await el.updateComplete;
    expect(renderedLang(el)).to.equal('nn');
  });

  it("inherits a wrapper component's lang across its shadow root", async () => {
    const host = await fixture(html`<div lang="nn"></div>`);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<div><ks-valgloftet></ks-valgloftet></div>';
    const el = first(root, 'ks-valgloftet');
    await el.updateComplete;
    expect(renderedLang(el)).to.equal('nn');
  });

  it('renders bokmål and nynorsk side by side on one page', async () => {
    const parent = await fixture(html`
      <div lang="nb">
        <ks-valgloftet id="a"></ks-valgloftet>
        <ks-valgloftet id="b" lang="nn"></ks-valgloftet>
      </div>
    `);
    const [nb, nn] = parent.querySelectorAll('ks-valgloftet');
    await Promise.all([nb.updateComplete, nn.updateComplete]);
    expect(getByRole(nb, 'heading', 'Demokratiet skal være for alle')).to.exist;
    expect(getByRole(nn, 'heading', 'Demokratiet skal vere for alle')).to.exist;
    expect(getByRole(nb, 'heading', 'Oppfordring til de folkevalgte')).to.exist;
    expect(getByRole(nn, 'heading', 'Oppmoding til dei folkevalde')).to.exist;
    expect(title(nb)).to.exist;
    expect(title(nn)).to.exist;
  });

  it('re-renders at once when lang changes at run time', async () => {
    const el = await widget({ lang: 'nb' });
    expect(podcastLink(el).textContent).to.contain('Hør podkast');
    el.lang = 'nn';
    await el.updateComplete;
    expect(renderedLang(el)).to.equal('nn');
    expect(podcastLink(el).textContent).to.contain('Høyr podkast');
    el.setAttribute('lang', 'no-BOK');
    await el.updateComplete;
    expect(renderedLang(el)).to.equal('nb');
  });
});
