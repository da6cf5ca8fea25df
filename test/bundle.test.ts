import { expect, waitUntil } from '@open-wc/testing';
import { closePages, openPage, probedWindow, widgetsIn } from './support/frames.js';
import { getByRole, shadowOf, text } from './support/helpers.js';

// The built single files, as a host page includes them: by script tag, on a page served with a
// strict Content-Security-Policy and Trusted Types (see STRICT_CSP in web-test-runner.config.mjs).

describe('the built files under a strict CSP with Trusted Types', () => {
  afterEach(closePages);

  it('the classic script renders both languages and violates nothing', async () => {
    const frame = await openPage('/test/fixtures/csp-iife.html');
    const [nb, nn] = await widgetsIn(frame);
    expect(getByRole(nb, 'heading', 'Demokratiet skal være for alle')).to.exist;
    expect(getByRole(nn, 'heading', 'Demokratiet skal vere for alle')).to.exist;
    expect(text(shadowOf(nb).querySelector('[part="counter"]'))).to.contain(
      '2 023 folkevalgte og kandidater har sluttet seg til løftet',
    );
    const win = probedWindow(frame);
    expect(win.__violations).to.deep.equal([]);
    expect(win.__errors).to.deep.equal([]);
  });

  it('the module, loaded twice beside the classic script, defines once and violates nothing', async () => {
    const frame = await openPage('/test/fixtures/csp-module.html');
    const [nn, nb] = await widgetsIn(frame);
    expect(getByRole(nn, 'heading', 'Demokratiet skal vere for alle')).to.exist;
    expect(getByRole(nb, 'heading', 'Demokratiet skal være for alle')).to.exist;
    expect(text(shadowOf(nn).querySelector('[part="counter"]'))).to.contain(
      '2 023 folkevalde og kandidatar har slutta seg til løftet',
    );
    const win = probedWindow(frame);
    expect(win.__violations).to.deep.equal([]);
    expect(win.__errors).to.deep.equal([]);
  });

  it('the page really enforces the policy (a probe for the probe)', async () => {
    const frame = await openPage('/test/fixtures/csp-iife.html');
    const win = probedWindow(frame);
    const doc = frame.contentDocument!;
    // Another origin (loopback, never contacted) is outside img-src 'self'.
    const img = doc.createElement('img');
    img.src = 'http://127.0.0.1:9/probe.png';
    doc.body.append(img);
    await waitUntil(() => win.__violations.some((v) => v.startsWith('img-src')), 'no violation reported', {
      timeout: 5000,
    });
    if (win.trustedTypes) {
      // Where the engine has Trusted Types, a plain string can no longer become script.
      const script = doc.createElement('script');
      expect(() => (script.textContent = 'window.__inlineRan = true')).to.throw();
    }
  });
});
