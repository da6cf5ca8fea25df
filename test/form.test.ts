import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { SignedDetail } from '../src/ks-valgloftet.js';
import {
  backButton,
  deepActiveElement,
  emailField,
  errorSummary,
  errorTexts,
  fillForm,
  formOf,
  joinButton,
  nameField,
  openForm,
  options,
  placeField,
  roleRadio,
  serviceApi,
  shadow,
  submitButton,
  summaryLinks,
  theForm,
  typeInto,
  uniqueEmail,
  waitFor,
} from './support/form-helpers.js';
import { countApi, getByRole, requestsTo, shadowOf, text, view, widget, type KsValgloftet } from './support/helpers.js';

/** A port where nothing listens: the browser's connection is refused at once. */
const DEAD_API = 'http://127.0.0.1:9/api';

const sentHeading = (el: KsValgloftet) => view(el).queryByRole('heading', { name: 'Sjekk e-posten din' });
const notice = (el: KsValgloftet) => shadow(el, '.notice');
const labelOf = (el: KsValgloftet, id: string) => text(shadow(el, `label[for="${id}"]`));

/** Records the POSTs the page makes, passing each on to the real fetch. */
function recordPosts(): { posts: string[]; restore: () => void } {
  const original = Object.getOwnPropertyDescriptor(window, 'fetch');
  const real = window.fetch.bind(window);
  const posts: string[] = [];
  window.fetch = (input, init) => {
    if (init?.method === 'POST') posts.push(input instanceof Request ? input.url : String(input));
    return real(input, init);
  };
  return { posts, restore: () => original && Object.defineProperty(window, 'fetch', original) };
}

describe('signing form', () => {
  describe('the call to action', () => {
    it('is a closed disclosure button until pressed', async () => {
      const el = await widget({ api: await serviceApi(), 'no-counter': true });
      const button = joinButton(el);
      expect(text(button)).to.equal('Slutt deg til løftet');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(shadowOf(el).getElementById(button.getAttribute('aria-controls')!)).to.exist;
      expect(formOf(el)).to.equal(null);
      button.click();
      await el.updateComplete;
      // While the list and the privacy facts come: a status, then the form.
      expect(text(shadow(el, '#join-panel [role="status"]'))).to.equal('Henter skjemaet …');
      await waitFor(() => formOf(el), 'the form never opened');
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      await expect(el).to.be.accessible();
    });

    it('says it is fetching the form while the service is slow, accessibly, in nynorsk too', async () => {
      for (const [lang, status] of [
        ['nb', 'Henter skjemaet …'],
        ['nn', 'Hentar skjemaet …'],
      ]) {
        const api = await countApi('never');
        const el = await widget({ lang: lang, api, 'no-counter': true });
        joinButton(el).click();
        await el.updateComplete;
        // Still so once the service has the requests and keeps them waiting.
        await waitFor(async () => (await requestsTo(api)).length > 0, 'the form was never asked for');
        expect(text(shadow(el, '#join-panel [role="status"]'))).to.equal(status);
        await expect(el).to.be.accessible();
        el.remove(); // aborts the hanging requests
      }
    });

    it('is not there with no-form, nor without a service; the pledge stays', async () => {
      const off = await widget({ api: await serviceApi(), 'no-form': true, 'no-counter': true });
      expect(shadow(off, '.join')).to.equal(null);
      expect(getByRole(off, 'heading', 'Valgløftet 2023')).to.exist;
      const noService = await widget({});
      expect(shadow(noService, '.join')).to.equal(null);
      off.noForm = false;
      await off.updateComplete;
      expect(shadow(off, '.join')).to.exist;
    });

    it('keeps what was typed when the form is closed and opened again', async () => {
      const el = await openForm();
      typeInto(nameField(el), 'Ola Nordmann');
      joinButton(el).click();
      await el.updateComplete;
      expect(formOf(el)).to.equal(null);
      joinButton(el).click();
      await waitFor(() => formOf(el), 'the form never opened again');
      expect(nameField(el).value).to.equal('Ola Nordmann');
    });
  });

  describe('editing', () => {
    it('labels every field, with autocomplete, and says once, in words and to assistive technology, that each is needed', async () => {
      const el = await openForm();
      expect(labelOf(el, 'name')).to.equal('Navn');
      expect(labelOf(el, 'email')).to.equal('E-postadresse');
      expect(labelOf(el, 'place')).to.equal('Kommune eller fylkeskommune');
      expect(getByRole(el, 'radiogroup', 'Er du folkevalgt eller kandidat?').getAttribute('aria-required')).to.equal(
        'true',
      );
      expect([...shadowOf(el).querySelectorAll('fieldset .choice')].map(text)).to.deep.equal([
        'Folkevalgt',
        'Kandidat ved valget',
      ]);
      expect(nameField(el).getAttribute('autocomplete')).to.equal('name');
      expect(emailField(el).getAttribute('autocomplete')).to.equal('email');
      expect(emailField(el).getAttribute('type')).to.equal('email');
      // The combobox has its own list; the browser's suggestions would cover it.
      expect(placeField(el).getAttribute('autocomplete')).to.equal('off');
      expect(text(formOf(el))).not.to.contain('*');
      // Said once, before the first field; and every field is required to assistive technology.
      const saying = [...shadowOf(el).querySelectorAll('form p')].filter(
        (p) => text(p) === 'Alle feltene må fylles ut.',
      );
      expect(saying).to.have.length(1);
      expect(saying[0].compareDocumentPosition(nameField(el)) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
      const inputs = [...shadowOf(el).querySelectorAll('input')];
      expect(inputs.map((i) => `${i.id || i.value}:${i.required}`)).to.deep.equal([
        'name:true',
        'email:true',
        // The radios are needed as a group (aria-required above), not each (see the next test).
        'role:false',
        'candidate:false',
        'place:true',
        // The one box that is not needed says so first in its hint ("Frivillig."), and is not ticked.
        'show-name:false',
      ]);
      // The form still checks itself: the browser shows no bubbles and no glow of its own.
      expect(theForm(el).noValidate).to.equal(true);
      typeInto(nameField(el), 'x');
      typeInto(nameField(el), '');
      submitButton(el).click();
      await el.updateComplete;
      for (const input of inputs) expect(getComputedStyle(input).boxShadow, input.id).to.equal('none');
      const nn = await openForm({ lang: 'nn' });
      expect(text(shadowOf(nn).querySelector('form > p'))).to.equal('Alle felta må fyllast ut.');
    });

    it('marks nothing invalid before a send, and each missing field after it (issue 24, item 2)', async () => {
      const el = await openForm();
      await el.updateComplete;
      const invalidNow = async () =>
        (await executeServerCommand<{ invalid: string[] | null }, undefined>('invalid-in-accessibility-tree')).invalid;
      // What a screen reader hears, where the engine gives the test its accessibility tree (Chromium).
      const before = await invalidNow();
      if (before !== null) expect(before).to.deep.equal([]);
      // What engines derive "invalid" from: aria-invalid, and a control's own validity.
      expect(shadowOf(el).querySelectorAll('[aria-invalid="true"]')).to.have.length(0);
      expect([...shadowOf(el).querySelectorAll('[type="radio"]')].filter((r) => r.matches(':invalid'))).to.deep.equal(
        [],
      );
      submitButton(el).click();
      await el.updateComplete;
      const after = await invalidNow();
      if (after !== null) {
        for (const field of [
          'textbox Navn',
          'textbox E-postadresse',
          'radio Folkevalgt',
          'radio Kandidat ved valget',
        ]) {
          expect(after, field).to.include(field);
        }
      }
    });

    it('asks separately, unticked and optionally, to show the name, and says what that means', async () => {
      for (const [lang, label, hint] of [
        [
          'nb',
          'Ja, vis navnet mitt og rollen min offentlig sammen med kommunen',
          'Frivillig. Når du har bekreftet og KS har sjekket navnet, viser vi navnet ditt der Valgløftet vises, også på andre nettsteder og i åpne data. Du kan trekke samtykket med lenken i e-posten, og da fjerner vi navnet innen ett minutt.',
        ],
        [
          'nn',
          'Ja, vis namnet mitt og rolla mi offentleg saman med kommunen',
          'Frivillig. Når du har stadfesta og KS har sjekka namnet, viser vi namnet ditt der Valgløftet blir vist, også på andre nettstader og i opne data. Du kan trekkje samtykket med lenka i e-posten, og då fjernar vi namnet innan eitt minutt.',
        ],
      ]) {
        const el = await openForm({ lang });
        const box = shadow(el, '#show-name') as HTMLInputElement;
        expect(box.type).to.equal('checkbox');
        expect(box.checked).to.equal(false);
        expect(box.required).to.equal(false);
        expect(getByRole(el, 'checkbox', label)).to.equal(box);
        expect(text(shadowOf(el).getElementById(box.getAttribute('aria-describedby')!))).to.equal(hint);
        // It is the signer's own choice: ticking it and sending is the consent, nothing else is.
        box.click();
        await el.updateComplete;
        expect(box.checked).to.equal(true);
        await expect(el).to.be.accessible();
      }
    });

    it('says who stores the data, why, for how long and how to withdraw, from the service', async () => {
      const el = await openForm();
      const privacy = shadow(el, '.privacy')!;
      // The test service runs with CONTROLLER_NAME=Testkommune and CONFIRM_HOURS=48.
      expect(text(privacy)).to.match(
        /^Testkommune lagrer navnet, e-postadressen, rollen og kommunen din for å registrere at du har sluttet deg til løftet\. Bekrefter du ikke innen 48 timer, blir alt slettet\. Du kan trekke deg når du vil med lenken i e-posten/,
      );
      const link = privacy.querySelector('a')!;
      expect(link.href).to.equal('https://www.ks.no/om-ks/personvern/');
      expect(link.rel).to.contain('noopener');
      // The notice stands before the button that sends.
      expect(privacy.compareDocumentPosition(submitButton(el)) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
      // No name is shown anywhere, so the notice does not say names are.
      expect(text(privacy)).not.to.match(/vise hvem|står bak/);
    });

    it('says "1 time" for one hour, in both languages', async () => {
      // The strict test service runs with CONFIRM_HOURS=1.
      for (const [lang, words] of [
        ['nb', 'Bekrefter du ikke innen 1 time, blir alt slettet.'],
        ['nn', 'Stadfestar du ikkje innan 1 time, blir alt sletta.'],
      ]) {
        const el = await openForm({ lang: lang, api: await serviceApi(true) });
        expect(text(shadow(el, '.privacy'))).to.contain(words);
      }
    });

    it('names the send button for what it does, as the call to action does', async () => {
      const el = await openForm({ lang: 'nn' });
      expect(text(submitButton(el))).to.equal('Slutt meg til løftet');
      expect(text(joinButton(el))).to.equal('Slutt deg til løftet');
    });
  });

  it('fits 320 px (400 % zoom) with the form open, the errors shown and the list open', async () => {
    const el = await openForm({ lang: 'nn' });
    el.parentElement!.style.width = '320px';
    submitButton(el).click();
    typeInto(placeField(el), 'n');
    await el.updateComplete;
    const article = shadowOf(el).querySelector('article')!;
    expect(article.scrollWidth).to.be.at.most(article.clientWidth);
    const right = el.getBoundingClientRect().right + 0.5;
    for (const node of shadowOf(el).querySelectorAll('.join *')) {
      if (node.closest('[role="listbox"]') && node.getAttribute('role') !== 'listbox') continue; // scrolled inside
      expect(node.getBoundingClientRect().right, node.outerHTML.slice(0, 60)).to.be.at.most(right);
    }
  });

  describe('errors', () => {
    it('lists every problem in a summary that takes focus, with a message by each field', async () => {
      const el = await openForm();
      submitButton(el).click();
      await el.updateComplete;
      const summary = errorSummary(el);
      if (!summary) throw new Error('no error summary');
      expect(deepActiveElement()).to.equal(summary);
      expect(getByRole(el, 'heading', 'Rett opp dette før du sender:').id).to.equal(
        summary.getAttribute('aria-labelledby'),
      );
      expect(summaryLinks(el).map(text)).to.deep.equal([
        'Skriv navnet ditt.',
        'Skriv e-postadressen din.',
        'Velg om du er folkevalgt eller kandidat.',
        'Skriv og velg kommunen eller fylkeskommunen din.',
      ]);
      expect(errorTexts(el)).to.deep.equal(summaryLinks(el).map(text));
      for (const id of ['name', 'email', 'place']) {
        const input = shadow(el, `#${id}`)!;
        expect(input.getAttribute('aria-invalid'), id).to.equal('true');
        const describedBy = input.getAttribute('aria-describedby')!.split(' ');
        expect(describedBy, id).to.include(`${id}-error`);
        // Each message repeats a word of its field's label.
        const firstWord = labelOf(el, id).split(/[\s-]/)[0].toLowerCase().slice(0, 5);
        expect(text(shadowOf(el).getElementById(`${id}-error`)).toLowerCase(), id).to.contain(firstWord);
      }
      const radios = [...shadowOf(el).querySelectorAll('[name="role"]')];
      expect(radios.every((r) => r.getAttribute('aria-invalid') === 'true')).to.equal(true);
      expect(shadow(el, 'fieldset')!.getAttribute('aria-describedby')).to.equal('role-error');
      // An invalid field has its red edge (#b3261e), a valid one its usual grey.
      expect(getComputedStyle(nameField(el)).borderTopColor).to.equal('rgb(179, 38, 30)');
      await expect(el).to.be.accessible();
      // The summary is a group named by its heading: aria-labelledby on a plain div is prohibited,
      // which axe reports as needing review rather than as a violation.
      expect(summary.getAttribute('role')).to.equal('group');
      const axe = (
        window as unknown as {
          axe: { run: (el: Element, o: object) => Promise<{ incomplete: unknown[]; violations: unknown[] }> };
        }
      ).axe;
      const review = await axe.run(el, { runOnly: ['aria-prohibited-attr', 'aria-allowed-attr'] });
      expect([...review.incomplete, ...review.violations]).to.deep.equal([]);
      typeInto(nameField(el), 'Kari Nordmann');
      submitButton(el).click();
      await el.updateComplete;
      expect(getComputedStyle(nameField(el)).borderTopColor).not.to.equal('rgb(179, 38, 30)');
    });

    it('moves focus to the field when its summary link is followed', async () => {
      const el = await openForm();
      submitButton(el).click();
      await el.updateComplete;
      for (const [i, id] of ['name', 'email', 'role', 'place'].entries()) {
        summaryLinks(el)[i].click();
        await el.updateComplete;
        expect(deepActiveElement(), id).to.equal(shadow(el, `#${id}`));
      }
    });

    it('explains an address that is not one, and a municipality not chosen from the list', async () => {
      const el = await openForm();
      await fillForm(el, { email: 'kari@kommune', place: 'Bodøy' });
      submitButton(el).click();
      await el.updateComplete;
      expect(errorTexts(el)).to.deep.equal([
        'Skriv e-postadressen din slik: navn@kommune.no',
        'Velg kommunen eller fylkeskommunen din fra listen.',
      ]);
      expect(nameField(el).hasAttribute('aria-invalid')).to.equal(false);
    });

    it('puts the service’s own field errors on the same fields', async () => {
      // Two dots in a row pass the form's quick check; the service's stricter rule refuses them.
      const el = await openForm();
      await fillForm(el, { email: 'kari..nordmann@kommune.example.no' });
      submitButton(el).click();
      await waitFor(() => errorSummary(el), 'no summary after the service refused');
      expect(deepActiveElement()).to.equal(errorSummary(el));
      expect(summaryLinks(el).map(text)).to.deep.equal(['Skriv e-postadressen din slik: navn@kommune.no']);
      expect(emailField(el).getAttribute('aria-invalid')).to.equal('true');
      expect(emailField(el).value).to.equal('kari..nordmann@kommune.example.no');
    });
  });

  describe('a name with a web address (issue 9, item 2)', () => {
    it('is refused by the form before anything is sent, in words that name the field', async () => {
      for (const [lang, message] of [
        ['nb', 'Navnet kan ikke inneholde nettadresser.'],
        ['nn', 'Namnet kan ikkje innehalde nettadresser.'],
      ]) {
        const el = await openForm({ lang: lang });
        const { posts, restore } = recordPosts();
        try {
          for (const name of [
            'Kari https://kjøp.example',
            'Kari www.kari',
            'Kari Nordmann kari.example.com',
            'Ola billig-pris.no',
          ]) {
            await fillForm(el, { name });
            submitButton(el).click();
            await el.updateComplete;
            expect(summaryLinks(el).map(text), name).to.deep.equal([message]);
            expect(errorTexts(el), name).to.deep.equal([message]);
            expect(nameField(el).getAttribute('aria-invalid')).to.equal('true');
          }
        } finally {
          restore();
        }
        expect(posts).to.deep.equal([]);
      }
    });

    it('lets ordinary names through, initials and hyphens too', async () => {
      const el = await openForm();
      for (const name of ['Kari Nordmann', 'Anne-Marie O. Hansen', 'Per St. Olav', 'Áslat Máhtte Gaup']) {
        await fillForm(el, { name });
        submitButton(el).click();
        await waitFor(() => sentHeading(el) ?? errorSummary(el), name);
        expect(sentHeading(el), `${name} was sent`).to.exist;
        backButton(el).click();
        await el.updateComplete;
      }
    });

    it('takes a name of invisible characters alone for no name', async () => {
      const el = await openForm();
      const { posts, restore } = recordPosts();
      try {
        await fillForm(el, { name: '\u200b\u2060 \u200d' });
        submitButton(el).click();
        await el.updateComplete;
      } finally {
        restore();
      }
      expect(errorTexts(el)).to.deep.equal(['Skriv navnet ditt.']);
      expect(posts).to.deep.equal([]);
    });

    it('puts the service’s contains_link on the name field, with its own message', async () => {
      // The service's answer as it is specified ({"fields":{"name":"contains_link"}}), from the
      // fixture; the form's own check does not stop this name, so the service's answer is shown.
      const el = await openForm();
      await fillForm(el);
      el.api = await countApi('refuses-name');
      submitButton(el).click();
      await waitFor(() => errorSummary(el), 'no summary after the service refused the name');
      expect(deepActiveElement()).to.equal(errorSummary(el));
      expect(summaryLinks(el).map(text)).to.deep.equal(['Navnet kan ikke inneholde nettadresser.']);
      expect(nameField(el).getAttribute('aria-invalid')).to.equal('true');
      expect(nameField(el).value).to.equal('Kari Nordmann');
    });

    it('[real service] gets contains_link for a web address', async () => {
      // Drives the real service directly (the form would not send this name): its own rule refuses it.
      const answer = await fetch(`${await serviceApi()}/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Kari www.kari.no',
          email: uniqueEmail(),
          role: 'elected',
          municipality: '1804',
          lang: 'nb',
        }),
      });
      expect(answer.status).to.equal(422);
      expect(await answer.json()).to.deep.equal({ error: 'invalid_fields', fields: { name: 'contains_link' } });
    });
  });

  describe('the municipality field', () => {
    it('is a combobox whose list filters as one types', async () => {
      const el = await openForm();
      const input = placeField(el);
      expect(input.getAttribute('role')).to.equal('combobox');
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      // Closed, the list takes no room: no empty box under the field, which would look like a second one.
      const list = shadowOf(el).getElementById(input.getAttribute('aria-controls')!)!;
      expect(list.getBoundingClientRect().height).to.equal(0);
      typeInto(placeField(el), 'kar');
      await el.updateComplete;
      expect(input.getAttribute('aria-expanded')).to.equal('true');
      expect(list.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(options(el)).to.deep.equal(['Kárášjohka – Karasjok, Finnmark', 'Karlsøy, Troms', 'Karmøy, Rogaland']);
      expect(shadowOf(el).getElementById(input.getAttribute('aria-controls')!)!.getAttribute('role')).to.equal(
        'listbox',
      );
      await expect(el).to.be.accessible();
    });

    it('finds Sámi names, parts of names, counties, and Oslo once', async () => {
      const el = await openForm();
      const search = async (query: string) => {
        typeInto(placeField(el), query);
        await el.updateComplete;
        return options(el);
      };
      // A Sámi name found shows both names, so the signer sees which council it is.
      expect(await search('Guovdageaidnu')).to.deep.equal(['Guovdageaidnu – Kautokeino, Finnmark']);
      expect(await search('karasjohka')).to.deep.equal(['Kárášjohka – Karasjok, Finnmark']);
      expect(await search('Tråante')).to.deep.equal(['Trondheim – Tråante, Trøndelag']);
      expect(await search('odal')).to.deep.equal(['Nord-Odal, Innlandet', 'Sør-Odal, Innlandet']);
      expect(await search('Nordland')).to.deep.equal(['Nordland fylkeskommune, Nordland – Nordlánnda']);
      expect(await search('Herøy')).to.deep.equal([
        'Herøy (Møre og Romsdal), Møre og Romsdal',
        'Herøy (Nordland), Nordland',
      ]);
      expect(await search('Oslo')).to.deep.equal(['Oslo']);
      expect(await search('xyz')).to.deep.equal([]);
      expect(text(shadow(el, '#place ~ [role="status"]'))).to.equal('Ingen treff.');
      expect(placeField(el).getAttribute('aria-expanded')).to.equal('false');
    });

    it('says "Ingen treff." in a status region that was there before it was needed', async () => {
      const el = await openForm({ lang: 'nn' });
      const status = shadow(el, '#place ~ [role="status"]')!;
      expect(text(status)).to.equal('');
      typeInto(placeField(el), 'Atlantis');
      await el.updateComplete;
      expect(shadow(el, '#place ~ [role="status"]')).to.equal(status);
      expect(text(status)).to.equal('Ingen treff.');
      typeInto(placeField(el), 'Bod');
      await el.updateComplete;
      expect(text(status)).to.equal('');
    });

    it('is used with the keyboard: arrows move, Enter chooses without sending, Escape closes then clears', async () => {
      const el = await openForm();
      const input = placeField(el);
      input.focus();
      await sendKeys({ type: 'bod' });
      await el.updateComplete;
      expect(options(el)).to.deep.equal(['Bodø, Nordland']);
      expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      const active = shadowOf(el).getElementById(input.getAttribute('aria-activedescendant')!)!;
      expect(text(active)).to.equal('Bodø, Nordland');
      expect(active.getAttribute('aria-selected')).to.equal('true');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(input.value).to.equal('Bodø');
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      expect(errorSummary(el), 'Enter in the list sent the form').to.equal(null);

      await sendKeys({ press: 'Backspace' });
      await el.updateComplete;
      expect(input.getAttribute('aria-expanded')).to.equal('true');
      await sendKeys({ press: 'ArrowUp' }); // from the end of the list
      await el.updateComplete;
      expect(text(shadowOf(el).getElementById(input.getAttribute('aria-activedescendant')!))).to.equal(
        options(el).at(-1),
      );
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      expect(input.value).to.equal('Bod');
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(input.value).to.equal('');
    });

    it('sends the form on Enter when a name typed in full has chosen itself', async () => {
      const el = await openForm();
      await fillForm(el, { place: 'Tromsø' });
      const input = placeField(el);
      input.focus();
      await el.updateComplete;
      await sendKeys({ press: 'Enter' });
      await waitFor(() => sentHeading(el), 'Enter in the field did not send the form');
    });

    it('chooses an option by pointer, keeping focus in the field', async () => {
      const el = await openForm();
      typeInto(placeField(el), 'tromsø');
      await el.updateComplete;
      const option = shadowOf(el).querySelector<HTMLElement>('[role="option"]')!;
      option.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
      option.click();
      await el.updateComplete;
      expect(placeField(el).value).to.equal('Tromsø');
      expect(deepActiveElement()).to.equal(placeField(el));
    });
  });

  describe('sending', () => {
    it('sends once, however often the button is pressed, then asks the signer to check their e-mail', async () => {
      const el = await openForm();
      const email = uniqueEmail();
      await fillForm(el, { email });
      const signed: CustomEvent<SignedDetail>[] = [];
      const listener = (e: Event) => signed.push(e as CustomEvent<SignedDetail>);
      document.addEventListener('ks-valgloftet-signed', listener);
      const { posts, restore } = recordPosts();
      try {
        submitButton(el).click();
        await el.updateComplete;
        // Sending: the button says so and refuses a second press, by pointer or by Enter.
        expect(text(submitButton(el))).to.equal('Sender …');
        expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
        expect(text(shadow(el, 'form > [role="status"]'))).to.equal('Sender …');
        submitButton(el).click();
        theForm(el).requestSubmit();
        await waitFor(() => sentHeading(el), 'never reached "check your e-mail"');
      } finally {
        restore();
        document.removeEventListener('ks-valgloftet-signed', listener);
      }
      expect(posts).to.deep.equal([`${await serviceApi()}/signatures`]);
      expect(text(sentHeading(el))).to.equal('Sjekk e-posten din');
      expect(deepActiveElement()).to.equal(sentHeading(el));
      expect(text(shadow(el, '.sent p'))).to.equal(
        `Vi har sendt en e-post til ${email}. Trykk på lenken i e-posten innen 48 timer for å bekrefte at du slutter deg til. Finner du ikke e-posten, se i søppelposten.`,
      );
      await expect(el).to.be.accessible();

      // The event bubbles out of the shadow root and tells nothing about the person.
      expect(signed).to.have.length(1);
      expect(signed[0].bubbles && signed[0].composed).to.equal(true);
      expect(signed[0].target).to.equal(el);
      expect(signed[0].detail).to.deep.equal({ lang: 'nb', role: 'elected', municipality: '1804' });

      // The service has the signature, unconfirmed, and mailed its link.
      // (The mail goes out from a queue just after the 202.)
      await waitFor(
        async () => String(await executeServerCommand('service-outbox')).includes(email),
        'no mail in the outbox',
      );
      // Nothing about the signer stays in the browser.
      expect([localStorage.length, sessionStorage.length, document.cookie]).to.deep.equal([0, 0, '']);
    });

    it('stays in "sending" while the service is slow, accessibly', async () => {
      const el = await openForm();
      await fillForm(el);
      const api = await countApi('never'); // a real endpoint that takes the request and never answers
      el.api = api;
      submitButton(el).click();
      await el.updateComplete;
      // Still so once the service has the signature and keeps it waiting.
      await waitFor(
        async () => (await requestsTo(api)).some((r) => r.method === 'POST'),
        'the signature was never sent',
      );
      expect(text(submitButton(el))).to.equal('Sender …');
      await expect(el).to.be.accessible();
      el.remove(); // leaving the page mid-send aborts the request
    });

    it('goes back to the form as it was sent, to mend the address', async () => {
      const el = await openForm();
      await fillForm(el, { name: 'Per Hansen', email: uniqueEmail('per') });
      submitButton(el).click();
      await waitFor(() => sentHeading(el), 'never sent');
      backButton(el).click();
      await el.updateComplete;
      expect(deepActiveElement()).to.equal(emailField(el));
      expect(nameField(el).value).to.equal('Per Hansen');
      expect(placeField(el).value).to.equal('Bodø');
    });

    it('says calmly when the service cannot be reached, keeps everything, and tries again', async () => {
      const el = await openForm();
      const email = uniqueEmail();
      await fillForm(el, { email, role: 'candidate', place: 'Tromsø' });
      const api = el.api!;
      el.api = DEAD_API; // the service went away after the form was opened
      submitButton(el).click();
      await waitFor(() => notice(el), 'no notice when unreachable');
      expect(deepActiveElement()).to.equal(notice(el));
      expect(text(notice(el))).to.equal(
        'Vi fikk ikke kontakt med tjenesten. Prøv igjen om litt. Det du har skrevet, er tatt vare på.',
      );
      expect(text(submitButton(el))).to.equal('Prøv igjen');
      expect(emailField(el).value).to.equal(email);
      expect(roleRadio(el, 'candidate').checked).to.equal(true);
      expect(placeField(el).value).to.equal('Tromsø');
      await expect(el).to.be.accessible();

      el.api = api; // back again
      submitButton(el).click();
      await waitFor(() => sentHeading(el), 'the retry did not send');
    });

    it('says so when the service is busy with this address, and lets the signer try again', async () => {
      const el = await openForm({ api: await serviceApi(true) });
      // The strict service allows one write a minute from here, so one of two attempts is refused.
      for (let attempt = 0; attempt < 2 && !notice(el); attempt++) {
        if (sentHeading(el)) backButton(el).click();
        await el.updateComplete;
        await fillForm(el, { email: uniqueEmail() });
        submitButton(el).click();
        await waitFor(() => sentHeading(el) ?? notice(el), 'no answer from the strict service');
      }
      expect(deepActiveElement()).to.equal(notice(el));
      expect(text(notice(el))).to.equal(
        'Det har kommet mange påmeldinger herfra på kort tid. Vent et minutt, og prøv igjen.',
      );
      expect(text(submitButton(el))).to.equal('Prøv igjen');
      expect(nameField(el).value).to.equal('Kari Nordmann');
      await expect(el).to.be.accessible();
    });

    it('says so when the form cannot be fetched, with a button to try again', async () => {
      const el = await widget({ api: DEAD_API, 'no-counter': true });
      joinButton(el).click();
      await waitFor(() => notice(el), 'no notice when the form could not be fetched');
      expect(deepActiveElement()).to.equal(notice(el));
      expect(text(notice(el)?.querySelector('p'))).to.equal('Vi fikk ikke kontakt med tjenesten. Prøv igjen om litt.');
      await expect(el).to.be.accessible();
      el.api = await serviceApi();
      getByRole(el, 'button', 'Prøv igjen').click();
      await waitFor(() => formOf(el), 'the retry did not fetch the form');
    });
  });

  describe('keyboard only', () => {
    it('opens, fills in and sends the form with the keyboard alone, with a focus ring on every stop', async () => {
      const el = await widget({ api: await serviceApi(), 'no-counter': true });
      const before = document.createElement('button');
      before.textContent = 'før';
      el.before(before);
      before.focus();
      const ring = () => {
        const style = getComputedStyle(deepActiveElement()!);
        return style.outlineStyle === 'solid' && parseFloat(style.outlineWidth) >= 2;
      };
      try {
        await sendKeys({ press: 'Tab' });
        expect(deepActiveElement()).to.equal(joinButton(el));
        expect(ring(), 'CTA').to.equal(true);
        await sendKeys({ press: 'Enter' });
        await waitFor(() => formOf(el), 'Enter did not open the form');
        await sendKeys({ press: 'Tab' });
        expect(deepActiveElement()).to.equal(nameField(el));
        expect(ring(), 'name').to.equal(true);
        await sendKeys({ type: 'Kari Nordmann' });
        await sendKeys({ press: 'Tab' });
        expect(deepActiveElement()).to.equal(emailField(el));
        await sendKeys({ type: uniqueEmail() });
        await sendKeys({ press: 'Tab' });
        expect(deepActiveElement()).to.equal(roleRadio(el, 'elected'));
        expect(ring(), 'radio').to.equal(true);
        await sendKeys({ press: ' ' }); // Space: "Space" is unknown to Firefox's BiDi keyboard
        await sendKeys({ press: 'Tab' });
        expect(deepActiveElement()).to.equal(placeField(el));
        await sendKeys({ type: 'Tromsø' });
        await sendKeys({ press: 'Tab' });
        // The consent to show one's name: a stop of its own, with a ring, left unticked.
        expect(deepActiveElement()).to.equal(shadow(el, '#show-name'));
        expect(ring(), 'consent').to.equal(true);
        await sendKeys({ press: 'Tab' });
        expect(text(deepActiveElement())).to.equal('Les personvernerklæringen (åpnes i ny fane)');
        await sendKeys({ press: 'Tab' });
        expect(deepActiveElement()).to.equal(submitButton(el));
        expect(ring(), 'submit').to.equal(true);
        await sendKeys({ press: 'Enter' });
        await waitFor(() => sentHeading(el), 'the keyboard could not send the form');
        expect(deepActiveElement()).to.equal(sentHeading(el));
      } finally {
        before.remove();
      }
    });
  });

  describe('nynorsk', () => {
    it('speaks nynorsk in every state, beside a bokmål form on the same page', async () => {
      const api = await serviceApi();
      const parent = await fixture(html`<div>
        <ks-valgloftet lang="nb" api=${api} no-counter></ks-valgloftet>
        <ks-valgloftet lang="nn" api=${api} no-counter></ks-valgloftet>
      </div>`);
      const [nb, nn] = parent.querySelectorAll('ks-valgloftet');
      await Promise.all([nb.updateComplete, nn.updateComplete]);
      for (const el of [nb, nn]) joinButton(el).click();
      await waitFor(() => formOf(nb) && formOf(nn), 'the forms never opened');
      expect(labelOf(nb, 'name')).to.equal('Navn');
      expect(labelOf(nn, 'name')).to.equal('Namn');
      expect(getByRole(nn, 'radiogroup', 'Er du folkevald eller kandidat?')).to.exist;
      expect([...shadowOf(nn).querySelectorAll('fieldset .choice')].map(text)).to.deep.equal([
        'Folkevald',
        'Kandidat ved valet',
      ]);
      expect(text(shadow(nn, '#place-hint'))).to.equal('Skriv dei første bokstavane, og vel frå lista.');
      expect(text(shadow(nn, '.privacy'))).to.match(/^Testkommune lagrar namnet, e-postadressa, rolla og kommunen din/);
      await expect(nn).to.be.accessible();

      submitButton(nn).click();
      await nn.updateComplete;
      expect(summaryLinks(nn).map(text)).to.deep.equal([
        'Skriv namnet ditt.',
        'Skriv e-postadressa di.',
        'Vel om du er folkevald eller kandidat.',
        'Skriv og vel kommunen eller fylkeskommunen din.',
      ]);
      expect(errorSummary(nn)).to.exist;
      await expect(nn).to.be.accessible();

      await fillForm(nn, { email: uniqueEmail('nn') });
      const signed = new Promise<SignedDetail>((resolve) => {
        parent.addEventListener(
          'ks-valgloftet-signed',
          (e) => {
            resolve((e as CustomEvent<SignedDetail>).detail);
          },
          {
            once: true,
          },
        );
      });
      submitButton(nn).click();
      await waitFor(() => sentHeading(nn), 'the nynorsk form never sent');
      expect(text(sentHeading(nn))).to.equal('Sjekk e-posten din');
      expect(text(shadow(nn, '.sent p'))).to.match(
        /^Vi har sendt ein e-post til .*\. Trykk på lenka i e-posten innan 48 timar for å stadfeste at du sluttar deg til\. Finn du ikkje e-posten, sjå i søppelposten\.$/,
      );
      expect(text(backButton(nn))).to.equal('Gå tilbake til skjemaet');
      expect((await signed).lang).to.equal('nn');
      await expect(nn).to.be.accessible();
      // The bokmål form beside it is untouched.
      expect(summaryLinks(nb)).to.deep.equal([]);
      expect(labelOf(nb, 'email')).to.equal('E-postadresse');
    });

    it('speaks nynorsk when it cannot reach the service', async () => {
      const el = await widget({ lang: 'nn', api: DEAD_API, 'no-counter': true });
      joinButton(el).click();
      await waitFor(() => notice(el), 'no notice');
      expect(text(notice(el))).to.equal('Vi fekk ikkje kontakt med tenesta. Prøv igjen om litt. Prøv igjen');
      await expect(el).to.be.accessible();
    });
  });
});
