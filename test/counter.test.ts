import { expect, waitUntil } from '@open-wc/testing';
import { within } from './support/dom.js';
import { countApi, counterState, requestsTo, settled, text, widget, type KsValgloftet } from './support/helpers.js';

/** The counter, by its part (the theming API); null when it is off. */
const counterBox = (el: KsValgloftet) => el.shadowRoot?.querySelector<HTMLElement>('[part="counter"]') ?? null;
const theCounter = (el: KsValgloftet): HTMLElement => {
  const box = counterBox(el);
  if (!box) throw new Error('no counter');
  return box;
};
const figures = (el: KsValgloftet) => [...theCounter(el).querySelectorAll('.figures p')].map(text);

/** A widget's whole round trip to the count fixture, on another address: time for a stray request to show. */
async function aRoundTripLater(): Promise<void> {
  const other = await widget({ api: await countApi('ok') });
  await settled(other);
  other.remove();
}

/** Moves a widget below the fold; resolves once IntersectionObserver has reported it gone. */
async function outOfSight(el: KsValgloftet): Promise<{ back(): void }> {
  const box = el.parentElement;
  if (!box) throw new Error('the widget is not in a fixture');
  box.style.cssText = 'position: fixed; top: 200vh;';
  // Observers are notified in the order they were made, so the widget's has heard it first.
  await new Promise<void>((resolve) => {
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => !entry.isIntersecting)) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(el);
  });
  return { back: () => (box.style.cssText = '') };
}

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
    expect(theCounter(el).querySelector('[part="count"]')?.textContent).to.equal('12\u00a0345');
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
    await aRoundTripLater();
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
    const sight = await outOfSight(el);
    const before = (await requestsTo(api)).length;
    // A widget in sight, with the same interval, refreshes twice meanwhile.
    const control = await countApi('rising');
    await widget({ api: control, 'refresh-interval': '1' });
    await waitUntil(async () => (await requestsTo(control)).length >= 3, 'the widget in sight never refreshed', {
      timeout: 6000,
    });
    expect((await requestsTo(api)).length).to.equal(before);
    sight.back();
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
    await aRoundTripLater();
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

  it('keeps its size when the figures arrive (no layout shift)', async () => {
    const el = await widget({ api: await countApi('ok') });
    const body = (): DOMRect | undefined => el.shadowRoot?.querySelector('[part="body"]')?.getBoundingClientRect();
    const before = theCounter(el).getBoundingClientRect();
    const bodyBefore = body()?.top;
    expect(bodyBefore).to.be.a('number');
    await settled(el);
    const after = theCounter(el).getBoundingClientRect();
    expect(after.height).to.equal(before.height);
    expect(body()?.top).to.equal(bodyBefore);
  });

  describe('what a screen reader hears', () => {
    const status = (el: KsValgloftet) => within(theCounter(el)).getByRole('status');
    // Every live region in the counter, whatever makes it one.
    const LIVE = '[aria-live], [role="status"], [role="alert"]';
    const live = (el: KsValgloftet) => {
      const box = theCounter(el);
      return [box, ...box.querySelectorAll(LIVE)].filter((node) => node.matches(LIVE));
    };

    it('hears nothing when the figures first arrive', async () => {
      const el = await widget({ api: await countApi('ok') });
      const region = status(el); // throws if there is none before the figures
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
      const sight = await outOfSight(el);
      await el.refreshCount();
      await el.updateComplete;
      expect(figures(el)[0]).to.equal('102 folkevalgte og kandidater har sluttet seg til løftet');
      expect(live(el).map(text)).to.deep.equal(['']);
      sight.back();
    });
  });
});
