// A council's own lines (`municipality`): the status of its council and its local count under the
// national figures, the names of those who consented, the form starting with the council chosen.
// Against the real service (web-test-runner.config.mjs), whose adoptions and confirmations the
// test makes through its admin API and the links in its mails, as KS's staff and signers would.
// Each test has councils of its own (one per engine where it counts or lists names): the service
// is shared by every test file and by the three engines at once.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  fillForm,
  joinButton,
  placeField,
  serviceApi,
  shadow,
  submitButton,
  uniqueEmail,
  waitFor,
} from './support/form-helpers.js';
import { counterState, settled, shadowOf, text, widget, type KsValgloftet } from './support/helpers.js';
import { KsValgloftet as Implementation } from '../src/valgloftet-element.js';

const localLines = (el: KsValgloftet) => shadow(el, '.local');
const localText = (el: KsValgloftet) => text(localLines(el));
const names = (el: KsValgloftet) => [...shadowOf(el).querySelectorAll('.local details li')].map(text);

/** The widget for `municipality` against the real service, once its count and local lines are in. */
async function localWidget(municipality: string, attrs: Record<string, string | true> = {}): Promise<KsValgloftet> {
  const el = await widget({ api: await serviceApi(), municipality, 'refresh-interval': '0', ...attrs });
  await settled(el);
  await waitFor(() => localLines(el)?.querySelector('.count'), `no local lines for ${municipality}`);
  return el;
}

/** A surname no other run has used (the service outlives each browser's run): letters only. */
const uniqueSurname = () =>
  [...crypto.getRandomValues(new Uint8Array(8))]
    .map((b) => 'abcdefghijklmnoprstuvy'[b % 22])
    .join('')
    .replace(/^./, (c) => c.toUpperCase());

/**
 * The three engines run this file at the same time against the one service, so a test that counts
 * or lists a council's names takes a council of its own in each engine: another engine's signers
 * would otherwise change the count or the list between two reads.
 */
const agent = navigator.userAgent;
const engine = agent.includes('Firefox/') ? 'firefox' : agent.includes('Chrome/') ? 'chromium' : 'webkit';
const perEngine = <T>(councils: Record<typeof engine, T>): T => councils[engine];

/** Signs through the API, as the form does, and confirms through the link in the mail. */
async function signAndConfirm(municipality: string, showName: boolean, name: string): Promise<string> {
  const email = uniqueEmail('lokal');
  const res = await fetch(`${await serviceApi()}/signatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, email, role: 'candidate', municipality, lang: 'nb', showName }),
  });
  expect(res.status).to.equal(202);
  await waitUntil(
    async () => String(await executeServerCommand('service-outbox')).includes(`To: ${email}\n`),
    `no mail to ${email}`,
    { timeout: 10000 },
  );
  await executeServerCommand('service-press-in-mail', { email, kind: 'confirm' });
  return email;
}

/** Warnings the page logs while `run` runs (it gets the list as it grows). */
async function warningsDuring(run: (warnings: string[]) => Promise<unknown>): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  try {
    await run(warnings);
  } finally {
    console.warn = original;
  }
  return warnings;
}

describe('a council on its own page (municipality)', () => {
  it('shows an adopted council with the date and the decision, and its local count, in bokmål', async () => {
    await executeServerCommand('service-adopt', {
      municipality: '3301',
      date: '2024-03-12',
      link: 'https://www.drammen.kommune.no/vedtak/valgloftet',
    });
    const el = await localWidget('3301');
    const decision = shadow(el, '.local .decision');
    expect(text(decision)).to.equal('Drammen har vedtatt løftet (12. mars 2024). Les vedtaket');
    const link = decision?.querySelector('a');
    expect(link?.getAttribute('href')).to.equal('https://www.drammen.kommune.no/vedtak/valgloftet');
    expect(localText(el)).to.contain('0 folkevalgte og kandidater fra Drammen har sluttet seg til');
    // The national figures are still there, above, and the council counts among them.
    expect(counterState(el)).to.equal('ok');
    // No names: no disclosure.
    expect(shadowOf(el).querySelector('.local details')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says plainly, in nynorsk, when no adoption is recorded', async () => {
    const el = await localWidget('1860', { lang: 'nn' });
    expect(text(shadow(el, '.local .decision'))).to.equal('Det er ikkje registrert at Vestvågøy har vedteke løftet.');
    expect(localText(el)).to.contain('0 folkevalde og kandidatar frå Vestvågøy har slutta seg til');
    expect(text(shadow(el, '.local a[href*="/kommunar"]'))).to.equal('Alle kommunar og fylkeskommunar');
    expect(shadow(el, '.local a[href*="/kommunar"]')?.getAttribute('href')).to.equal(
      `${(await serviceApi()).replace(/\/api$/, '')}/kommunar?lang=nn`,
    );
    await expect(el).to.be.accessible();
  });

  it('takes a county by its two digits', async () => {
    await executeServerCommand('service-adopt', { municipality: '46', date: '2023-06-20' });
    const el = await localWidget('46');
    expect(text(shadow(el, '.local .decision'))).to.equal('Vestland fylkeskommune har vedtatt løftet (20. juni 2023).');
    // Without a recorded link, no link.
    expect(shadow(el, '.local .decision a')).to.equal(null);
  });

  it('ignores an unknown or malformed code with one warning each, and everything else works', async () => {
    let unknown: KsValgloftet | undefined;
    let malformed: KsValgloftet | undefined;
    const warnings = await warningsDuring(async (seen) => {
      unknown = await widget({ api: await serviceApi(), municipality: '9999' });
      malformed = await widget({ api: await serviceApi(), municipality: 'Bergen' });
      await settled(unknown);
      await settled(malformed);
      // Wait for the module, then render again: still one warning each.
      await waitFor(() => seen.length >= 2, 'no warnings');
      // requestUpdate is Lit's, which the element's public type leaves out (src/public-types.ts).
      for (const el of [unknown, malformed]) {
        if (!(el instanceof Implementation)) throw new Error('<ks-valgloftet> is not the element class');
        el.requestUpdate();
      }
      await unknown.updateComplete;
      await malformed.updateComplete;
    });
    expect(warnings).to.have.length(2);
    expect(warnings.find((w) => w.includes('"9999"'))).to.contain('not a municipality or county the service knows');
    expect(warnings.find((w) => w.includes('"Bergen"'))).to.contain('not an SSB code');
    for (const el of [unknown!, malformed!]) {
      expect(counterState(el)).to.equal('ok');
      expect(shadowOf(el).querySelector('.local .count')).to.equal(null);
      expect(text(joinButton(el))).to.equal('Slutt deg til løftet');
    }
  });

  it('shows the lines for a municipality set as a property, as for the attribute', async () => {
    await executeServerCommand('service-adopt', { municipality: '1103', date: '2024-05-02' });
    const el = document.createElement('ks-valgloftet');
    el.setAttribute('api', await serviceApi());
    el.setAttribute('refresh-interval', '0');
    // A framework sets the property, and no attribute comes with it.
    el.municipality = '1103';
    document.body.append(el);
    try {
      await settled(el);
      await waitFor(() => localLines(el)?.querySelector('.count'), 'no local lines for a property');
      expect(el.hasAttribute('municipality')).to.equal(false);
      expect(text(shadow(el, '.local .decision'))).to.equal('Stavanger har vedtatt løftet (2. mai 2024).');
    } finally {
      el.remove();
    }
  });

  it('asks for the national and the local figures in one request', async () => {
    const requests: string[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name.includes('/api/count')) requests.push(entry.name);
    });
    observer.observe({ type: 'resource', buffered: false });
    const el = await localWidget('1511');
    await new Promise((resolve) => setTimeout(resolve, 300));
    observer.disconnect();
    expect(requests).to.deep.equal([`${await serviceApi()}/count?municipality=1511`]);
    expect(localText(el)).to.contain('fra Vanylven');
  });

  it('starts the form with the council chosen', async () => {
    const el = await widget({ api: await serviceApi(), municipality: '3907', 'no-counter': true });
    joinButton(el).click();
    await waitFor(() => shadow(el, '#place'), 'the form never opened');
    expect(placeField(el).value).to.equal('Sandefjord');
    // Nothing else is filled in, and the consent is not ticked.
    expect((shadow(el, '#show-name') as HTMLInputElement).checked).to.equal(false);
  });

  it('starts the form with the council chosen by a property, with no attribute', async () => {
    const el = await widget({ api: await serviceApi(), 'no-counter': true });
    el.municipality = '3907';
    await el.updateComplete;
    joinButton(el).click();
    await waitFor(() => shadow(el, '#place'), 'the form never opened');
    expect(el.hasAttribute('municipality')).to.equal(false);
    expect(placeField(el).value).to.equal('Sandefjord');
  });

  it('counts a confirmation in the council, shows by name only those who consented, and only once confirmed and approved', async () => {
    const [code, council] = perEngine({
      chromium: ['5001', 'Trondheim – Tråante'],
      firefox: ['5007', 'Namsos – Nåavmesjenjaelmie'],
      webkit: ['5006', 'Steinkjer'],
    });
    const el = await localWidget(code);
    const before = Number(text(shadow(el, '.local .count')));
    await signAndConfirm(code, true, 'Åse Tråante Lund');
    await signAndConfirm(code, false, 'Nils Uten Samtykke');
    await executeServerCommand('service-approve-names');
    // Signed with consent but not confirmed: not shown, not counted.
    const pending = uniqueEmail('venter');
    await fetch(`${await serviceApi()}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Ikke Bekreftet',
        email: pending,
        role: 'elected',
        municipality: code,
        lang: 'nb',
        showName: true,
      }),
    });
    await el.refreshCount();
    await el.updateComplete;
    expect(Number(text(shadow(el, '.local .count')))).to.equal(before + 2);
    expect(localText(el)).to.contain(`folkevalgte og kandidater fra ${council} har sluttet seg til`);
    const summary = shadow(el, '.local summary')!;
    expect(text(summary)).to.equal('Se hvem som har sluttet seg til');
    summary.click();
    await el.updateComplete;
    expect(names(el)).to.include('Åse Tråante Lund, kandidat');
    expect(names(el).join()).not.to.contain('Nils Uten Samtykke');
    expect(names(el).join()).not.to.contain('Ikke Bekreftet');
    expect(text(shadow(el, '.local details .note'))).to.equal(
      'Bare de som har sagt ja til å bli vist med navn, står her.',
    );
    await expect(el).to.be.accessible();
  });

  it('takes a name away when its owner withdraws the consent, and when KS erases the person', async () => {
    const code = perEngine({ chromium: '3907', firefox: '3905', webkit: '3909' });
    const kept = await signAndConfirm(code, true, 'Berit Samtykke Hansen');
    const erased = await signAndConfirm(code, true, 'Geir Slettes Olsen');
    await executeServerCommand('service-approve-names');
    const el = await localWidget(code);
    expect(names(el)).to.include.members(['Berit Samtykke Hansen, kandidat', 'Geir Slettes Olsen, kandidat']);
    const count = Number(text(shadow(el, '.local .count')));

    // The withdraw link's second button: the name goes, the signature stays.
    await executeServerCommand('service-press-in-mail', { email: kept, kind: 'withdraw', nth: 1 });
    await el.refreshCount();
    await el.updateComplete;
    expect(names(el).join()).not.to.contain('Berit Samtykke Hansen');
    expect(Number(text(shadow(el, '.local .count')))).to.equal(count);

    await executeServerCommand('service-erase', { email: erased });
    await el.refreshCount();
    await el.updateComplete;
    expect(shadowOf(el).querySelector('.local details')).to.equal(null);
    expect(Number(text(shadow(el, '.local .count')))).to.equal(count - 1);
  });

  it('sends the consent only when the signer ticks it, and the name then shows once confirmed and approved by KS', async () => {
    const el = await widget({ api: await serviceApi(), municipality: '1511', 'refresh-interval': '0' });
    await settled(el);
    joinButton(el).click();
    await waitFor(() => shadow(el, '#show-name'), 'the form never opened');
    const email = uniqueEmail('skjema');
    const name = `Randi ${uniqueSurname()}`;
    await fillForm(el, { name, email, place: 'Vanylven' });
    (shadow(el, '#show-name') as HTMLInputElement).click();
    await el.updateComplete;
    submitButton(el).click();
    await waitFor(() => shadow(el, '#sent'), 'never sent');
    await waitUntil(
      async () => String(await executeServerCommand('service-outbox')).includes(`To: ${email}\n`),
      'no mail',
      { timeout: 10000 },
    );
    await el.refreshCount();
    await el.updateComplete;
    expect(names(el).join()).not.to.contain(name);
    await executeServerCommand('service-press-in-mail', { email, kind: 'confirm' });
    await el.refreshCount();
    await el.updateComplete;
    expect(names(el).join()).not.to.contain(name);
    await executeServerCommand('service-approve-names');
    await el.refreshCount();
    await el.updateComplete;
    expect(names(el)).to.include(`${name}, folkevalgt`);
  });
});
