import { expect, waitUntil } from '@open-wc/testing';
import { countApi, counterState, requestsTo, settled, text, view, type KsValgloftet } from './support/helpers.js';

// Fault injection: the count endpoint (test/support/count-fixture.mjs, a real HTTP server) slow for
// ever, dropping the connection, failing, lying. In every case the pledge is complete in the
// element's first render, before any answer, exactly as with a healthy service; the counter then
// says, quietly, that the figures cannot be shown; no number is shown; the box does not move when
// the fault shows; nothing is thrown or logged. (How fast that first render is, the benchmark
// measures: `npm run bench`.)

/** Every answer the widget must refuse (a scenario of the count fixture, or a host that is not there). */
const BAD_ANSWERS = [
  'never',
  'drop',
  'unknown-host',
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
  'fraction',
  'huge',
  'too-many-councils',
  'missing-field',
  'bad-date',
  'no-cors',
];

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

const counterBox = (el: KsValgloftet): HTMLElement => {
  const box = el.shadowRoot?.querySelector<HTMLElement>('[part="counter"]');
  if (!box) throw new Error('no counter');
  return box;
};

/** Everything a reader sees, less the counter. */
const pledge = (el: KsValgloftet) =>
  [...(el.shadowRoot?.querySelector('article')?.children ?? [])]
    .filter((node) => !node.matches('[part="counter"]'))
    .map(text)
    .join(' ');

describe('a bad answer to the count (fault injection)', () => {
  const errors: unknown[] = [];
  const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push('message' in e ? e.message : e.reason);
  const originalError = console.error;
  beforeEach(() => {
    errors.length = 0;
    console.error = (...args: unknown[]) => errors.push(args);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
  });
  afterEach(() => {
    console.error = originalError;
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

  for (const scenario of BAD_ANSWERS) {
    it(`${scenario}: the pledge is whole at once, the counter degrades quietly, nothing moves`, async function (this: Mocha.Context) {
      this.timeout(20000); // 'never' waits for the widget to give up
      const api = scenario === 'unknown-host' ? 'http://127.0.0.1:9/api' : await countApi(scenario);
      const el = await firstRender(api);
      // The first render, before any answer could arrive: the whole pledge is there.
      expect(counterState(el)).to.equal('loading');
      expect(pledge(el)).to.equal(healthy);
      const height = el.getBoundingClientRect().height;
      const counterHeight = counterBox(el).getBoundingClientRect().height;
      await settled(el, 15000);
      expect(counterState(el)).to.equal('unavailable');
      expect(view(el).getByText('Oppslutningen kan ikke vises akkurat nå.')).to.exist;
      const shown = [...(el.shadowRoot?.querySelectorAll('[part="count"]') ?? [])].filter(
        (node) => getComputedStyle(node).visibility === 'visible',
      );
      expect(shown, 'no number is shown').to.have.length(0);
      expect(view(el).getAllByRole('heading', { level: 3 })).to.have.length(2);
      expect(pledge(el)).to.equal(healthy);
      expect(counterBox(el).getBoundingClientRect().height).to.equal(counterHeight);
      expect(el.getBoundingClientRect().height).to.equal(height);
      el.remove();
      expect(errors).to.deep.equal([]);
    });
  }

  it('leaving while the request hangs is clean', async () => {
    const api = await countApi('never');
    const el = await firstRender(api);
    await waitUntil(async () => (await requestsTo(api)).length === 1, 'the request never arrived');
    expect(counterState(el)).to.equal('loading');
    expect(pledge(el)).to.equal(healthy);
    el.remove(); // aborts the request
    await el.updateComplete;
    expect(errors).to.deep.equal([]);
  });
});
