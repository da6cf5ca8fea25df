import { expect, fixture, html } from '@open-wc/testing';
import { KsValgloftet } from '../src/valgloftet-element.js';
import { allByRole, first, getByRole, shadowOf, text, widget } from './support/helpers.js';

const KS_PAGE = 'https://www.ks.no/fagomrader/demokrati-og-styring/lokaldemokrati/valglofte-om-saklig-debatt/';

describe('content', () => {
  it('shows the whole pledge in bokmål', async () => {
    const el = await widget({ lang: 'nb' });
    expect(allByRole(el, 'heading').map(text)).to.deep.equal([
      'Valgløftet 2023',
      'Demokratiet skal være for alle',
      'Oppfordring til de folkevalgte',
    ]);
    const body = text(el.shadowRoot);
    for (const passage of [
      'Folkevalgte som slutter seg til Valgløftet 2023, lover en saklig og respektfull debatt',
      'Landets ordførere og lokalpolitiske ledere ser hver dag',
      'stortingspresident Masud Gharahkhani og plenumsleder på Sametinget, Tom Sottinen',
      'Det er andre gang KS lanserer et eget valgløfte',
      'Internett og sosiale medier gir muligheter for deltakelse i demokratiet',
      'Høy demokratisk deltakelse er et kjennetegn på et godt demokrati',
      'Vi må vise barn og unge hvorfor lokaldemokratiet er verdt å kjempe for',
      'Før valget i 2023 vedtok en rekke kommunestyrer valgløftet.',
      'KS – Kommunesektorens organisasjon',
    ]) {
      expect(body).to.contain(passage);
    }
  });

  it('shows the whole pledge in nynorsk', async () => {
    const el = await widget({ lang: 'nn' });
    expect(allByRole(el, 'heading').map(text)).to.deep.equal([
      'Valgløftet 2023',
      'Demokratiet skal vere for alle',
      'Oppmoding til dei folkevalde',
    ]);
    const body = text(el.shadowRoot);
    for (const passage of [
      'Folkevalde som sluttar seg til Valgløftet 2023, lovar ein sakleg og respektfull debatt',
      'Ordførarane og dei lokalpolitiske leiarane i landet ser kvar dag',
      'ser kvar dag kva lokaldemokratiet har å seie for innbyggjarane',
      'Det er andre gong KS lanserer eit eige valløfte.',
      'Valgløftet viser kor stor kraft det er i ein samla kommunesektor.',
      'Men dei opnar òg for spreiing av usann informasjon',
      'Vi må vise barn og unge kvifor lokaldemokratiet er verd å kjempe for',
      'vinn demokratiet og den gode debatten over usaklege åtak',
      'Før valet i 2023 vedtok ei rekkje kommunestyre valløftet.',
      'eit initiativ frå KS',
    ]) {
      expect(body).to.contain(passage);
    }
    expect(body).not.to.match(/\b(ikke|være|noen|hvorfor|sier)\b/);
    expect(getByRole(el, 'link', 'Høyr podkast om Valgløftet 2023')).to.exist;
    for (const claim of [
      'i heile landet',
      'andre gongen',
      'Valløftet viser', // the pledge's name is Valgløftet in nynorsk too (issue 24)
      'høve til å spreie',
      'framfor usaklege',
      'verdt',
    ]) {
      expect(body).not.to.contain(claim);
    }
  });

  it('says only what is true: who the pledge binds, and a council count that stands alone', async () => {
    const el = await widget({ lang: 'nb' });
    const body = text(el.shadowRoot);
    // Not every elected official has joined; and "a number of councils have already adopted it"
    // must not stand under a counter that may say 0.
    expect(body).not.to.contain('Folkevalgte i hele landet');
    expect(body).not.to.contain('har allerede vedtatt');
    // The draft case text is offered only where there is one to link to.
    expect(body).not.to.contain('saksfremlegg');
    const withCase = await widget({ lang: 'nn', 'case-url': 'https://www.ks.no/sak' });
    expect(
      getByRole(withCase, 'link', 'KS har utarbeidd eit forslag til saksframlegg som kan brukast som utgangspunkt.'),
    ).to.exist;
  });

  it('links to the pledge documents and the podcast at KS by default', async () => {
    const el = await widget();
    expect(getByRole(el, 'link', 'Les Valgløftet 2023 på bokmål og nynorsk').getAttribute('href')).to.equal(KS_PAGE);
    expect(getByRole(el, 'link', 'Hør podkast om Valgløftet 2023').getAttribute('href')).to.equal(
      'https://shows.acast.com/ks',
    );
    expect(allByRole(el, 'link', /saksfremlegg/)).to.have.length(0);
  });

  it('takes link targets per element, the draft case text included', async () => {
    const el = await widget({
      'pledge-url': 'https://example.kommune.no/valgloftet.pdf',
      'podcast-url': 'https://shows.acast.com/ks/episodes/valgloftet',
      'case-url': '/saker/valgloftet',
    });
    expect(getByRole(el, 'link', /^Les Valgløftet/).getAttribute('href')).to.equal(
      'https://example.kommune.no/valgloftet.pdf',
    );
    expect(getByRole(el, 'link', /podkast/).getAttribute('href')).to.equal(
      'https://shows.acast.com/ks/episodes/valgloftet',
    );
    expect(getByRole(el, 'link', /saksfremlegg/).getAttribute('href')).to.equal(
      new URL('/saker/valgloftet', document.baseURI).href,
    );
  });

  it('never puts a javascript: URL in a link', async () => {
    const el = await widget({ 'pledge-url': 'javascript:alert(1)', 'case-url': 'javascript:alert(2)' });
    expect(getByRole(el, 'link', /^Les Valgløftet/).getAttribute('href')).to.equal(KS_PAGE);
    expect(allByRole(el, 'link', /saksfremlegg/)).to.have.length(0);
  });

  it('lets the host replace the pledge text through the body slot', async () => {
    const el = await fixture<KsValgloftet>(html`
      <ks-valgloftet lang="nb">
        <div slot="body"><p>Vedtatt tekst fra kommunestyret.</p></div>
      </ks-valgloftet>
    `);
    await el.updateComplete;
    const slot = shadowOf(el).querySelector<HTMLSlotElement>('slot[name="body"]');
    expect(slot?.assignedElements().map(text)).to.deep.equal(['Vedtatt tekst fra kommunestyret.']);
    expect(allByRole(el, 'heading').map(text)).to.deep.equal(['Valgløftet 2023']);
    expect(getByRole(el, 'link', /podkast/)).to.exist;
  });

  it('keeps no-script fallback content out of sight once it runs', async () => {
    const el = await fixture<KsValgloftet>(html`
      <ks-valgloftet><a href="https://www.ks.no/">Les om Valgløftet 2023 hos KS</a></ks-valgloftet>
    `);
    await el.updateComplete;
    const fallback = first(el, 'a');
    expect(fallback.assignedSlot).to.equal(null);
    expect(fallback.getBoundingClientRect().height).to.equal(0);
  });

  it('credits KS', async () => {
    const el = await widget({ lang: 'nn' });
    expect(text(shadowOf(el).querySelector('[part="credit"]'))).to.equal(
      'Valgløftet 2023 er eit initiativ frå KS – Kommunesektorens organisasjon.',
    );
  });
});

describe('registration and upgrade', () => {
  it('is defined once, as the class the entry exports', () => {
    expect(customElements.get('ks-valgloftet')).to.equal(KsValgloftet);
  });

  it('keeps properties set before the element was upgraded', async () => {
    // A CMS may create the element and set properties before the script has run.
    const el = document.createElement('ks-valgloftet-late') as HTMLElement & Record<string, unknown>;
    el.pledgeUrl = 'https://example.kommune.no/vedtak';
    el.noCounter = true;
    el.setAttribute('lang', 'nn');
    await fixture(html`<div>${el}</div>`);
    customElements.define('ks-valgloftet-late', class extends KsValgloftet {});
    const upgraded = el as unknown as KsValgloftet;
    await upgraded.updateComplete;
    expect(upgraded.pledgeUrl).to.equal('https://example.kommune.no/vedtak');
    expect(getByRole(upgraded, 'link', /^Les Valgløftet/).getAttribute('href')).to.equal(
      'https://example.kommune.no/vedtak',
    );
    expect(shadowOf(upgraded).querySelector('[part="counter"]')).to.equal(null);
    expect(getByRole(upgraded, 'heading', 'Demokratiet skal vere for alle')).to.exist;
  });
});
