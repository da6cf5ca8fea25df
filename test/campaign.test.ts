// Campaigns (issue 27): the count's `campaign` field, when signing has not opened or has closed,
// and the `campaign` attribute, which shows another campaign's words from the service. Against the
// count fixture (test/support/count-fixture.mjs): the compiled campaign, 2023, closed or not yet
// open, and "Testløftet", a campaign made up for the tests.
import { expect, waitUntil } from '@open-wc/testing';
import { fillForm, formOf, openForm, shadow, submitButton } from './support/form-helpers.js';
import {
  allByRole,
  countApi,
  counterState,
  requestsTo,
  settled,
  shadowOf,
  text,
  widget,
  type KsValgloftet,
} from './support/helpers.js';
import { KsValgloftet as Implementation } from '../src/valgloftet-element.js';

/** The line that says when signing opens or when it closed, once the campaign module has drawn it. */
const whenLine = (el: KsValgloftet) => shadow(el, '.when');
const waitForLine = (el: KsValgloftet) =>
  waitUntil(() => whenLine(el), 'no line about the signing period', { timeout: 10000 });
const title = (el: KsValgloftet) => text(shadow(el, 'h2'));
/** The call to action, by role and name, in either language. */
const callsToAction = (el: KsValgloftet) => allByRole(el, 'button', /Slutt deg til løftet/);

/** Everything the widget's shadow root ever showed while `run` ran, as text, mutation by mutation. */
async function textsWhile(el: KsValgloftet, run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const root = shadowOf(el);
  const observer = new MutationObserver(() => seen.push(text(root)));
  observer.observe(root, { subtree: true, childList: true, characterData: true });
  seen.push(text(root));
  try {
    await run();
  } finally {
    observer.disconnect();
  }
  return seen;
}

/** Warnings the page logs while `run` runs. */
async function warningsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return warnings;
}

// First in the file: its first test is the first on this page to need the campaign module, so it
// sees the widget before the module has come as well as after.
describe('the campaign attribute', () => {
  it('counts that campaign and shows its own words, never the compiled campaign’s', async () => {
    const api = await countApi('testloftet');
    const el = document.createElement('ks-valgloftet');
    el.setAttribute('api', api);
    el.setAttribute('campaign', 'testloftet');
    el.setAttribute('lang', 'nb');
    document.body.append(el);
    try {
      const seen = await textsWhile(el, () =>
        waitUntil(() => title(el) === 'Testløftet' && counterState(el) === 'ok', 'Testløftet never showed', {
          timeout: 10000,
        }),
      );
      expect(seen.filter((t) => t.includes('Valgløftet 2023'))).to.deep.equal([]);
      expect(text(shadow(el, '.lead'))).to.equal(
        'Testløftet er et oppdiktet løfte som bare finnes i testene. Den som slutter seg til, lover å prøve alt før det tas i bruk.',
      );
      expect(allByRole(el, 'heading', 'Hva Testløftet lover')).to.have.length(1);
      expect(text(shadow(el, '.credit'))).to.equal('Testløftet er oppdiktet og brukes bare i testene.');
      const links = [...shadowOf(el).querySelectorAll('a')].map((a) => [text(a), a.getAttribute('href')]);
      expect(links).to.deep.equal([
        ['Her er et tenkt saksfremlegg.', 'https://example.org/testloftet/sak'],
        ['Les hele Testløftet', 'https://example.org/testloftet'],
        ['Hør en tenkt podkast om Testløftet', 'https://example.org/testloftet/podkast'],
      ]);
      expect(text(shadow(el, '.counter .count'))).to.equal('42');
      // An open campaign: the call to action as ever.
      expect(callsToAction(el)).to.have.length(1);
      const asked = (await requestsTo(api)).map((r) => r.path.replace(/^\/[^/]+\/[^/]+/, '') + r.query);
      expect(asked).to.include('/count?campaign=testloftet');
      expect(asked).to.include('/campaigns/testloftet?lang=nb');
      await settled(el);
      await expect(el).to.be.accessible();
    } finally {
      el.remove();
    }
  });

  it('brings the words in nynorsk, and reflects the property to the attribute', async () => {
    const api = await countApi('testloftet');
    const el = await widget({ api, lang: 'nn' });
    el.campaign = 'testloftet';
    await waitUntil(() => title(el) === 'Testløftet' && shadow(el, '.credit'), 'Testløftet never showed', {
      timeout: 10000,
    });
    expect(el.getAttribute('campaign')).to.equal('testloftet');
    expect(text(shadow(el, '.lead'))).to.equal(
      'Testløftet er eit oppdikta løfte som berre finst i testane. Den som sluttar seg til, lovar å prøve alt før det blir teke i bruk.',
    );
    expect(allByRole(el, 'heading', 'Kva Testløftet lovar')).to.have.length(1);
    expect(text(shadow(el, '.credit'))).to.equal('Testløftet er oppdikta og blir berre brukt i testane.');
    expect((await requestsTo(api)).map((r) => r.query)).to.include('?lang=nn');
  });

  it('shows its closing day when it has closed', async () => {
    const el = await widget({ api: await countApi('testloftet-closed'), campaign: 'testloftet' });
    await waitForLine(el);
    expect(text(whenLine(el))).to.equal('Underskrivingen ble avsluttet 30. juni 2026.');
    expect(title(el)).to.equal('Testløftet');
    expect(callsToAction(el)).to.have.length(0);
  });

  it('ignores a value that is no campaign id, with one warning, and shows the compiled campaign', async () => {
    const api = await countApi('ok');
    let el: KsValgloftet | undefined;
    const warnings = await warningsDuring(async () => {
      el = await widget({ api, campaign: 'Testløftet 2027!' });
      await settled(el);
      await waitUntil(() => title(el!) === 'Valgløftet 2023', 'the compiled campaign never showed', {
        timeout: 10000,
      });
      // Render again: still one warning.
      if (!(el instanceof Implementation)) throw new Error('<ks-valgloftet> is not the element class');
      el.requestUpdate();
      await el.updateComplete;
    });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('campaign="Testløftet 2027!"').and.to.contain('not a campaign id');
    expect((await requestsTo(api)).map((r) => r.query)).to.deep.equal(['']);
    expect(callsToAction(el!)).to.have.length(1);
  });

  it('shows hostile words as text and follows no javascript: link', async () => {
    const el = await widget({ api: await countApi('testloftet-hostile'), campaign: 'testloftet' });
    await waitUntil(() => shadow(el, '.credit'), 'the words never showed', { timeout: 10000 });
    const root = shadowOf(el);
    expect(title(el)).to.equal('<img src="x" onerror="window.__ksPwned = 1">Testløftet');
    expect(text(shadow(el, '.lead'))).to.equal('<b>Fet</b> <a href="https://example.org/lure">lenke</a>');
    expect(root.querySelectorAll('img, script, b, .lead a')).to.have.length(0);
    expect((window as { __ksPwned?: number }).__ksPwned).to.equal(undefined);
    const hrefs = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal(['https://example.org/testloftet/podkast']);
    expect(hrefs.some((href) => /^javascript:/i.test(href ?? ''))).to.equal(false);
    // The case text's link was refused, so its words are not a link either.
    expect(text(root.querySelector('.body'))).not.to.contain('Oppdiktet sak');
  });

  it('says so briefly when the words cannot be had, and never shows the compiled campaign’s', async () => {
    const el = await widget({ api: await countApi('testloftet-broken'), campaign: 'testloftet' });
    const seen = await textsWhile(el, () =>
      waitUntil(() => title(el) === 'Løftet kan ikke vises akkurat nå.', 'no message', { timeout: 10000 }),
    );
    expect(seen.filter((t) => t.includes('Valgløftet 2023'))).to.deep.equal([]);
    expect(callsToAction(el)).to.have.length(0);
    await settled(el);
    await expect(el).to.be.accessible();
  });

  it('signs the campaign: the form sends its id', async () => {
    const el = await openForm();
    await fillForm(el);
    const api = await countApi('testloftet');
    el.campaign = 'testloftet';
    el.api = api;
    await waitUntil(() => title(el) === 'Testløftet', 'Testløftet never showed', { timeout: 10000 });
    await waitUntil(() => formOf(el), 'the form closed', { timeout: 10000 });
    submitButton(el).click();
    await waitUntil(
      async () => (await requestsTo(api)).some((r) => r.method === 'POST' && r.body),
      'the form never sent',
      { timeout: 10000 },
    );
    const sent = (await requestsTo(api)).find((r) => r.method === 'POST');
    expect(JSON.parse(sent!.body!)).to.include({ campaign: 'testloftet', name: 'Kari Nordmann' });
  });

  it('sends no campaign for the compiled one', async () => {
    const el = await openForm({ campaign: '2023' });
    await fillForm(el);
    const api = await countApi('refuses-closed');
    el.api = api;
    submitButton(el).click();
    await waitUntil(
      async () => (await requestsTo(api)).some((r) => r.method === 'POST' && r.body),
      'the form never sent',
      { timeout: 10000 },
    );
    const sent = (await requestsTo(api)).find((r) => r.method === 'POST');
    expect(JSON.parse(sent!.body!)).not.to.have.property('campaign');
  });
});

describe('a campaign whose signing is not open', () => {
  const closed: [string, string][] = [
    ['nb', 'Underskrivingen ble avsluttet 11. september 2023.'],
    ['nn', 'Underskrivinga vart avslutta 11. september 2023.'],
  ];
  for (const [lang, line] of closed) {
    it(`closed (${lang}): the final figures, the date it closed, no call to action and no form`, async () => {
      const el = await widget({ api: await countApi('campaign-closed'), lang });
      await settled(el);
      await waitForLine(el);
      expect(text(whenLine(el))).to.equal(line);
      expect(counterState(el)).to.equal('ok');
      expect(text(shadow(el, '.counter .count'))).to.equal('12\u00a0345'.replace(/\s/g, ' '));
      expect(callsToAction(el)).to.have.length(0);
      expect(shadow(el, '.join')).to.equal(null);
      expect(formOf(el)).to.equal(null);
      // The pledge itself stays: it is the compiled campaign's.
      expect(title(el)).to.equal('Valgløftet 2023');
      await expect(el).to.be.accessible();
    });
  }

  const upcoming: [string, string, string][] = [
    ['nb', 'Du kan slutte deg til fra 15. september 2027.', 'Demokratiet skal være for alle'],
    ['nn', 'Du kan slutte deg til frå 15. september 2027.', 'Demokratiet skal vere for alle'],
  ];
  for (const [lang, line, heading] of upcoming) {
    it(`upcoming (${lang}): the pledge, the day it opens, no call to action and no form`, async () => {
      const el = await widget({ api: await countApi('campaign-upcoming'), lang });
      await settled(el);
      await waitForLine(el);
      expect(text(whenLine(el))).to.equal(line);
      expect(allByRole(el, 'heading', heading)).to.have.length(1);
      expect(callsToAction(el)).to.have.length(0);
      expect(formOf(el)).to.equal(null);
      await expect(el).to.be.accessible();
    });
  }

  it('open: the call to action as ever, and no campaign module line', async () => {
    const el = await widget({ api: await countApi('campaign-open') });
    await settled(el);
    expect(callsToAction(el)).to.have.length(1);
    expect(whenLine(el)).to.equal(null);
  });

  it('a campaign field that is not one is passed over: the call to action as without it', async () => {
    const el = await widget({ api: await countApi('campaign-broken') });
    await settled(el);
    // The module looks at it, finds no state it knows, and leaves the compiled parts.
    await waitUntil(() => callsToAction(el).length === 1, 'no call to action', { timeout: 10000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(callsToAction(el)).to.have.length(1);
    expect(whenLine(el)).to.equal(null);
  });
});

describe('the form outside the signing period', () => {
  const messages: [string, string][] = [
    ['nb', 'Løftet tar ikke imot underskrifter nå.'],
    ['nn', 'Løftet tek ikkje imot underskrifter no.'],
  ];
  for (const [lang, message] of messages) {
    it(`says so plainly (${lang}) when the service answers 409 campaign_closed`, async () => {
      const el = await openForm({ lang });
      await fillForm(el);
      el.api = await countApi('refuses-closed');
      submitButton(el).click();
      await waitUntil(() => shadow(el, '#send-problem'), 'no notice after the 409', { timeout: 10000 });
      expect(text(shadow(el, '#send-problem'))).to.equal(message);
      expect(el.shadowRoot?.activeElement).to.equal(shadow(el, '#send-problem'));
      await expect(el).to.be.accessible();
    });
  }
});
