import { expect } from '@open-wc/testing';
import { countApi, counterState, settled, shadowOf, text, widget } from './support/helpers.js';

// The service answers `updatedAt: null` until its count first changes (a fresh campaign).
describe('count contract', () => {
  it('shows the figures of a service on which nothing has happened yet', async () => {
    const el = await widget({ lang: 'nb', api: await countApi('never-changed') });
    await settled(el);
    expect(counterState(el)).to.equal('ok');
    expect(text(shadowOf(el).querySelector('[part="count"]'))).to.equal('0');
  });
});
