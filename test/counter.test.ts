import { expect, waitUntil } from '@open-wc/testing';
import { countApi, counterState, requestsTo, settled, text, widget, type KsValgloftet } from './support/helpers.js';

const figures = (el: KsValgloftet) => [...el.shadowRoot!.querySelectorAll('[part="counter"] .figures p')].map(text);
const counterBox = (el: KsValgloftet) => el.shadowRoot!.querySelector<HTMLElement>('[part="counter"]')!;
const isShown = (node: Element) => getComputedStyle(node).visibility === 'visible';

describe('counter', () => {
  it('shows both figures, grouped for bokmål', async () => {
    const el = await widget({ lang: 'nb', api: await countApi('ok') });
    await settled(el);
    expect(counterState(el)).to.equal('ok');
    expect(figures(el)).to.deep.equal([
      '12 345 folkevalgte og kandidater har sluttet seg til løftet',
      '56 kommunestyrer og fylkesting har vedtatt løftet',
    ]);
    // The thousands separator is a no-break space, so the number never wraps.
    expect(el.shadowRoot!.querySelector('[part="count"]')!.textContent).to.equal('12\u00a0345');
  });

  it('shows both figures in nynorsk, with singular forms for one', async () => {
    const el = await widget({ lang: 'nn', api: await countApi('ok') });
    await settled(el);
    expect(figures(el)).to.deep.equal([
      '12 345 folkevalde og kandidatar har slutta seg til løftet',
      '56 kommunestyre og fylkesting har vedteke løftet',
    ]);
    const one = await widget({ lang: 'nn', api: await countApi('one') });
    await settled(one);
    expect(figures(one)).to.deep.equal([
      '1 folkevald eller kandidat har slutta seg til løftet',
      '1 kommunestyre eller fylkesting har vedteke løftet',
    ]);
  });

  it('asks once, without cookies, with no header that needs a preflight', async () => {
    const api = await countApi('ok');
    const el = await widget({ api });
    await settled(el);
    await new Promise((r) => setTimeout(r, 300));
    const requests = await requestsTo(api);
    expect(requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal([`GET ${new URL(api).pathname}/count`]);
    expect(requests[0].headers.cookie).to.equal(undefined);
    expect(requests[0].headers['access-control-request-method']).to.equal(undefined);
  });

  it('asks the service each time, even while the browser holds a fresh copy', async () => {
    // A reader who reloads right after confirming must see the new figure, not a cached one.
    const api = await countApi('fresh-for-a-minute');
    const first = await widget({ api, 'refresh-interval': '0' });
    await settled(first);
    expect(figures(first)[0]).to.equal('501 folkevalgte og kandidater har sluttet seg til løftet');
    const second = await widget({ api, 'refresh-interval': '0' });
    await settled(second);
    expect(figures(second)[0]).to.equal('502 folkevalgte og kandidater har sluttet seg til løftet');
  });

  it('accepts an api with a trailing slash', async () => {
    const api = await countApi('ok');
    const el = await widget({ api: `${api}/` });
    await settled(el);
    expect(counterState(el)).to.equal('ok');
  });

  it('revalidates with the ETag and keeps the figures on 304', async () => {
    const api = await countApi('etag');
    const el = await widget({ api, 'refresh-interval': '0' });
    await settled(el);
    expect(figures(el)[0]).to.equal('777 folkevalgte og kandidater har sluttet seg til løftet');
    await el.refreshCount();
    await el.updateComplete;
    const requests = await requestsTo(api);
    expect(requests).to.have.length(2);
    // The browser's HTTP cache does the revalidating. WebKitGTK's automation session keeps no HTTP
    // cache (seen here), so there the second request is a plain GET; the figures stay all the same.
    if (/Chrome|Firefox/.test(navigator.userAgent)) {
      expect(requests[1].headers['if-none-match']).to.equal('"v1"');
    }
    expect(figures(el)[0]).to.equal('777 folkevalgte og kandidater har sluttet seg til løftet');
  });

  it('refreshes while visible, and the new figure replaces the old', async () => {
    const api = await countApi('rising');
    const el = await widget({ api, 'refresh-interval': '1' });
    await settled(el);
    expect(figures(el)[0]).to.equal('101 folkevalgte og kandidater har sluttet seg til løftet');
    await waitUntil(() => figures(el)[0] === '102 folkevalgte og kandidater har sluttet seg til løftet', 'no refresh', {
      timeout: 5000,
    });
  });

  it('does not refresh while out of sight', async () => {
    const api = await countApi('rising');
    const el = await widget({ api, 'refresh-interval': '1' });
    await settled(el);
    el.parentElement!.style.cssText = 'position: fixed; top: 200vh;';
    await new Promise((r) => setTimeout(r, 200));
    const before = (await requestsTo(api)).length;
    await new Promise((r) => setTimeout(r, 2500));
    expect((await requestsTo(api)).length).to.equal(before);
    el.parentElement!.style.cssText = '';
    await waitUntil(async () => (await requestsTo(api)).length > before, 'no refresh when back in sight', {
      timeout: 5000,
    });
  });

  it('keeps the last good figures when a refresh fails', async () => {
    const api = await countApi('flaky');
    const el = await widget({ api, 'refresh-interval': '0' });
    await settled(el);
    await el.refreshCount();
    await el.updateComplete;
    expect(counterState(el)).to.equal('ok');
    expect(figures(el)[0]).to.equal('42 folkevalgte og kandidater har sluttet seg til løftet');
  });

  it('makes no request and shows no counter when turned off', async () => {
    const api = await countApi('ok');
    const el = await widget({ api, 'no-counter': true });
    await new Promise((r) => setTimeout(r, 300));
    expect(counterBox(el)).to.equal(null);
    expect(await requestsTo(api)).to.deep.equal([]);
  });

  it('starts counting when the api is set later', async () => {
    const el = await widget();
    expect(counterBox(el)).to.equal(null);
    el.api = await countApi('ok');
    await el.updateComplete;
    await settled(el);
    expect(counterState(el)).to.equal('ok');
  });

  describe('degrades quietly on a bad answer', () => {
    const badAnswers = [
      'http-500',
      'http-404',
      'html',
      'not-json',
      'json-as-text',
      'negative',
      'fraction',
      'huge',
      'too-many-councils',
      'strings',
      'missing-field',
      'bad-date',
      'array',
      'null',
      'huge-body',
      'no-cors',
      'drop',
      'unknown-host',
    ];
    for (const scenario of badAnswers) {
      it(scenario, async () => {
        const consoleErrors: unknown[] = [];
        const originalError = console.error;
        console.error = (...args: unknown[]) => consoleErrors.push(args);
        const pageErrors: unknown[] = [];
        const onError = (e: ErrorEvent | PromiseRejectionEvent) => pageErrors.push(e);
        window.addEventListener('error', onError);
        window.addEventListener('unhandledrejection', onError);
        try {
          const api = scenario === 'unknown-host' ? 'http://127.0.0.1:9/api' : await countApi(scenario);
          const el = await widget({ lang: 'nb', api });
          const loadingHeight = counterBox(el).getBoundingClientRect().height;
          await settled(el);
          expect(counterState(el)).to.equal('unavailable');
          const shown = [...el.shadowRoot!.querySelectorAll('[part="count"]')].filter(isShown);
          expect(shown, 'no number is shown').to.have.length(0);
          expect(text(el.shadowRoot!.querySelector('.note'))).to.equal('Oppslutningen kan ikke vises akkurat nå.');
          expect(counterBox(el).getBoundingClientRect().height).to.equal(loadingHeight);
          expect(el.shadowRoot!.querySelectorAll('h3')).to.have.length(2);
        } finally {
          console.error = originalError;
          window.removeEventListener('error', onError);
          window.removeEventListener('unhandledrejection', onError);
        }
        expect(consoleErrors).to.deep.equal([]);
        expect(pageErrors).to.deep.equal([]);
      });
    }
  });

  it('gives up on a service that never answers, and the pledge is there meanwhile', async function (this: Mocha.Context) {
    this.timeout(20000);
    const el = await widget({ api: await countApi('never') });
    expect(counterState(el)).to.equal('loading');
    expect(el.shadowRoot!.querySelectorAll('h3')).to.have.length(2);
    await settled(el, 15000);
    expect(counterState(el)).to.equal('unavailable');
  });

  it('keeps its size when the figures arrive (no layout shift)', async () => {
    const el = await widget({ api: await countApi('ok') });
    const before = counterBox(el).getBoundingClientRect();
    const bodyBefore = el.shadowRoot!.querySelector('[part="body"]')!.getBoundingClientRect().top;
    await settled(el);
    const after = counterBox(el).getBoundingClientRect();
    expect(after.height).to.equal(before.height);
    expect(el.shadowRoot!.querySelector('[part="body"]')!.getBoundingClientRect().top).to.equal(bodyBefore);
  });

  describe('what a screen reader hears', () => {
    const status = (el: KsValgloftet) => el.shadowRoot!.querySelector('[part="counter"] [role="status"]')!;
    const live = (el: KsValgloftet) =>
      [...el.shadowRoot!.querySelectorAll('[aria-live], [role="status"], [role="alert"]')].filter((node) =>
        node.closest('[part="counter"]'),
      );

    it('hears nothing when the figures first arrive', async () => {
      const el = await widget({ api: await countApi('ok') });
      const region = status(el);
      expect(region, 'a status region exists before the figures').to.exist;
      await settled(el);
      expect(figures(el)[0]).to.equal('12 345 folkevalgte og kandidater har sluttet seg til løftet');
      expect(status(el)).to.equal(region);
      // Every live region in the counter is still silent: the figures were not news.
      expect(live(el).map(text)).to.deep.equal(['']);
    });

    it('hears a change once, as a whole sentence, from a widget on screen', async () => {
      const el = await widget({ lang: 'nn', api: await countApi('rising'), 'refresh-interval': '1' });
      await settled(el);
      const region = status(el);
      expect(text(region)).to.equal('');
      await waitUntil(() => figures(el)[0].startsWith('102 '), 'no refresh', { timeout: 5000 });
      await el.updateComplete;
      // Only what changed (the councils stayed at 7), as a sentence, and in no other live region.
      expect(live(el).map(text)).to.deep.equal(['102 folkevalde og kandidatar har slutta seg til løftet.']);
      expect(status(el)).to.equal(region);
    });

    it('hears nothing from a widget off screen', async () => {
      const el = await widget({ api: await countApi('rising'), 'refresh-interval': '0' });
      await settled(el);
      el.parentElement!.style.cssText = 'position: fixed; top: 200vh;';
      await new Promise((r) => setTimeout(r, 300)); // the IntersectionObserver reports it gone
      await el.refreshCount();
      await el.updateComplete;
      expect(figures(el)[0]).to.equal('102 folkevalgte og kandidater har sluttet seg til løftet');
      expect(live(el).map(text)).to.deep.equal(['']);
      el.parentElement!.style.cssText = '';
    });
  });
});
