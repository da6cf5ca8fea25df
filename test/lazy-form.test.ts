import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { closePages, openPage, probedWindow, widgetsIn } from './support/frames.js';
import { getByRole, shadowOf, text } from './support/helpers.js';

// The built files as a host includes them (strict CSP, Trusted Types, the files copied to the
// host's own origin): the form is a module of its own, fetched when a reader shows intent to join
// and not before. Keyboard, pointer, and a module that cannot be fetched the first time.

const FORM_FILE = 'ks-valgloftet-form.js';

/** The form module's fetches the page has made so far. */
const formFetches = (frame: HTMLIFrameElement): string[] =>
  (frame.contentWindow?.performance.getEntriesByType('resource') ?? [])
    .map((entry) => entry.name)
    .filter((name) => new URL(name).pathname.endsWith(`/${FORM_FILE}`));

const cta = (widget: HTMLElement) => getByRole(widget, 'button', /^Slutt deg til løftet$/);
const nameField = (widget: HTMLElement) => shadowOf(widget).querySelector<HTMLInputElement>('input#name');

function expectNothingBroke(frame: HTMLIFrameElement): void {
  const win = probedWindow(frame);
  expect(win.__violations).to.deep.equal([]);
  expect(win.__errors).to.deep.equal([]);
}

describe('the form module loads on intent', () => {
  afterEach(closePages);

  it('by keyboard: not with the page, on focus of the call to action, open on Enter', async () => {
    const frame = await openPage('/test/fixtures/csp-lazy.html');
    const [widget] = await widgetsIn(frame);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(formFetches(frame), 'fetched with the page').to.deep.equal([]);
    expect(nameField(widget)).to.equal(null);

    frame.contentWindow?.focus();
    cta(widget).focus();
    await waitUntil(() => formFetches(frame).length === 1, 'focus did not fetch the form module', { timeout: 5000 });
    expect(cta(widget).getAttribute('aria-expanded'), 'intent alone opens nothing').to.equal('false');

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => nameField(widget), 'Enter did not open the form', { timeout: 10000 });
    expect(cta(widget).getAttribute('aria-expanded')).to.equal('true');
    // The form's own styles came with it: the field is as wide as the form allows, not the default.
    expect(nameField(widget)!.getBoundingClientRect().width).to.be.greaterThan(250);
    expect(formFetches(frame)).to.have.length(1);
    expectNothingBroke(frame);
  });

  it('by pointer, in the ES module build, in nynorsk: the pointer fetches it, the click opens it', async () => {
    const frame = await openPage('/test/fixtures/csp-lazy-module.html');
    const [widget] = await widgetsIn(frame);
    expect(formFetches(frame)).to.deep.equal([]);
    const button = cta(widget);
    const inner = button.getBoundingClientRect();
    const outer = frame.getBoundingClientRect();
    const position: [number, number] = [
      Math.round(outer.left + inner.left + inner.width / 2),
      Math.round(outer.top + inner.top + inner.height / 2),
    ];
    await sendMouse({ type: 'move', position });
    await waitUntil(() => formFetches(frame).length === 1, 'the pointer did not fetch the form module', {
      timeout: 5000,
    });
    await sendMouse({ type: 'click', position });
    await waitUntil(() => nameField(widget), 'the click did not open the form', { timeout: 10000 });
    // The form's messages came in nynorsk with it.
    expect(text(shadowOf(widget).querySelector('form'))).to.contain('Namn');
    expectNothingBroke(frame);
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('when the module cannot be fetched: a status, then the calm "try again", which works', async () => {
    const frame = await openPage('/test/fixtures/csp-lazy-broken.html');
    const [widget] = await widgetsIn(frame);
    cta(widget).click();
    await waitUntil(() => shadowOf(widget).querySelector('#load-failed'), 'no notice after the module failed', {
      timeout: 10000,
    });
    const notice = shadowOf(widget).querySelector('#load-failed')!;
    expect(text(notice)).to.contain('Vi fikk ikke kontakt med tjenesten. Prøv igjen om litt.');
    expect(shadowOf(widget).activeElement, 'focus moves to the notice').to.equal(notice);
    expect(nameField(widget)).to.equal(null);

    getByRole(widget, 'button', 'Prøv igjen').click();
    await waitUntil(() => nameField(widget), 'trying again did not bring the form', { timeout: 10000 });
    await waitUntil(
      () => shadowOf(widget).activeElement === nameField(widget),
      'the button that had focus is gone: focus belongs in the form',
      { timeout: 5000 },
    );
    expect(formFetches(frame).map((url) => new URL(url).search)).to.deep.equal(['', '?retry=1']);
    expect(probedWindow(frame).__violations).to.deep.equal([]);
  });

  it('refuses a form module from another build (a cached script after a deploy): "try again", no mixed texts', async () => {
    const frame = await openPage('/test/fixtures/csp-lazy-skewed.html');
    const [widget] = await widgetsIn(frame);
    cta(widget).click();
    await waitUntil(() => shadowOf(widget).querySelector('#load-failed'), 'the other build was taken', {
      timeout: 10000,
    });
    expect(formFetches(frame)).to.have.length(1);
    expect(nameField(widget)).to.equal(null);
  });

  it('shows a status while the module loads', async () => {
    const frame = await openPage('/test/fixtures/csp-lazy.html');
    const [widget] = await widgetsIn(frame);
    cta(widget).click();
    // The status renders in the update right after the click, before the module can have come.
    await (widget as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    expect(text(shadowOf(widget).querySelector('#join-panel [role="status"]'))).to.equal('Henter skjemaet …');
    await waitUntil(() => nameField(widget), 'the form never came', { timeout: 10000 });
  });
});
