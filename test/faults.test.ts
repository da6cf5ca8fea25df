import { expect, waitUntil } from '@open-wc/testing';
import { countApi, counterState, settled, text, type KsValgloftet } from './support/helpers.js';

/**
 * A widget, connected and rendered once, with nothing in between: no task can run before the first
 * render, so no network answer can have arrived when this resolves.
 */
async function firstRender(api: string): Promise<KsValgloftet> {
  const el = document.createElement('ks-valgloftet');
  el.lang = 'nb';
  el.api = api;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

// Fault injection: the count endpoint (test/support/count-fixture.mjs, a real HTTP server) slow for
// ever, dropping the connection, failing, lying. In every case the pledge is complete in the
// element's first render, before any answer, exactly as with a healthy service; the box does not
// move when the fault shows; nothing is thrown. (How fast that first render is, the benchmark
// measures: `npm run bench`.)

/** Everything a reader sees, less the counter. */
const pledge = (el: KsValgloftet) =>
  [...el.shadowRoot!.querySelector('article')!.children]
    .filter((node) => !node.matches('[part="counter"]'))
    .map(text)
    .join(' ');

const faults = [
  'never',
  'drop',
  'http-500',
  'http-404',
  'html',
  'huge-body',
  'not-json',
  'json-as-text',
  'array',
  'null',
  'strings',
  'negative',
  'huge',
  'missing-field',
  'bad-date',
  'no-cors',
];

describe('fault injection on the count', () => {
  const errors: string[] = [];
  const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push(String('message' in e ? e.message : e.reason));
  before(() => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
  });
  after(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
  });

  let healthy = '';
  it('(a healthy service, for comparison)', async () => {
    const el = await firstRender(await countApi('ok'));
    expect(counterState(el)).to.equal('loading');
    healthy = pledge(el);
    expect(healthy).to.contain('Demokratiet skal være for alle');
    await settled(el);
    expect(pledge(el)).to.equal(healthy);
    el.remove();
  });

  for (const fault of faults) {
    it(`${fault}: the pledge is whole at once and the box keeps its size`, async () => {
      const el = await firstRender(await countApi(fault));
      // The first render, before any answer could arrive: the whole pledge is there.
      expect(counterState(el)).to.equal('loading');
      expect(pledge(el)).to.equal(healthy);
      const height = el.getBoundingClientRect().height;
      if (fault === 'never') {
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(counterState(el)).to.equal('loading');
      } else {
        await settled(el);
        expect(counterState(el)).to.equal('unavailable');
        expect(text(el.shadowRoot!.querySelector('.note'))).to.equal('Oppslutningen kan ikke vises akkurat nå.');
      }
      expect(pledge(el)).to.equal(healthy);
      expect(el.getBoundingClientRect().height).to.equal(height);
      el.remove(); // and leaving mid-request is clean too
      await waitUntil(() => !el.isConnected);
      expect(errors).to.deep.equal([]);
    });
  }
});
