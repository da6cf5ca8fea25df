import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import { EMBED_HEIGHT, HEIGHT_MESSAGE, embedUrl } from '../contract/embed.js';
import { serviceApi, uniqueEmail } from './support/form-helpers.js';

// The embed page (GET /embed) as WordPress frames it: `sandbox="allow-scripts"` and nothing else,
// on a page of another origin (this test page's), in each engine. No script here can reach into
// that frame; the engine's automation reads it (the `embed-frame-eval` command), and the reader's
// own mouse and keys (sendMouse, sendKeys) do the rest.

/** The secret in the current frame's address (`#?secret=…`, as WordPress gives it): its own per frame. */
let secret = '';

interface FrameState {
  lang: string;
  title: string;
  lead: string;
  counter: string | null;
  figure: string;
  form: boolean;
  sent: string;
  joinBottom: number;
}

const STATE = `() => {
  const root = document.querySelector('ks-valgloftet')?.shadowRoot;
  const text = (selector) => root?.querySelector(selector)?.textContent.trim().replace(/\\s+/g, ' ') ?? '';
  return {
    lang: document.documentElement.lang,
    title: text('#title'),
    lead: text('[part=lead]'),
    counter: root?.querySelector('[part=counter]')?.getAttribute('data-state') ?? null,
    figure: text('[part=count]'),
    form: !!root?.querySelector('form'),
    sent: text('#sent'),
    joinBottom: Math.round(root?.querySelector('[part=join]')?.getBoundingClientRect().bottom ?? -1),
  };
}`;

const inFrame = <T>(script: string) =>
  executeServerCommand<T, { script: string; marker: string }>('embed-frame-eval', {
    script,
    marker: `secret=${secret}`,
  });
const frameState = () => inFrame<FrameState>(STATE);

/** What the frame posted to this page. */
let posted: { source: MessageEventSource | null; data: unknown }[] = [];
const listen = (e: MessageEvent) => posted.push({ source: e.source, data: e.data });

/**
 * The embed page in a sandboxed frame of this page; `helper`: marked for /embed.js to resize;
 * `municipality`: the council it is for.
 */
async function openEmbed(
  lang: 'nb' | 'nn',
  width = 600,
  helper = false,
  municipality?: string,
): Promise<HTMLIFrameElement> {
  const origin = new URL(await serviceApi()).origin;
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.setAttribute('data-embed-frame', '');
  if (helper) frame.setAttribute('data-ks-valgloftet', '');
  frame.title = 'Valgløftet 2023';
  frame.style.cssText = `display: block; border: 0; width: ${width}px; height: ${EMBED_HEIGHT}px`;
  secret = `wp${Math.random().toString(36).slice(2, 12)}`;
  frame.src = `${embedUrl(origin, { lang, municipality })}#?secret=${secret}`;
  await new Promise((resolve) => {
    frame.addEventListener('load', resolve, { once: true });
    document.body.append(frame);
  });
  await waitUntil(async () => (await frameState()).counter === 'ok', 'the count never came', { timeout: 15000 });
  return frame;
}

/** A real click, by the pointer, on what `selector` finds in the widget's shadow root in the frame. */
async function clickInFrame(frame: HTMLIFrameElement, selector: string): Promise<void> {
  const box = await inFrame<{ x: number; y: number } | null>(`() => {
    const el = document.querySelector('ks-valgloftet').shadowRoot.querySelector(${JSON.stringify(selector)});
    if (!el) return null;
    // Into the frame's own view (scrollIntoView would scroll this page too, later, from another process).
    window.scrollBy(0, el.getBoundingClientRect().top - innerHeight / 2);
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }`);
  if (!box) throw new Error(`nothing in the frame matches ${selector}`);
  window.scrollTo(0, frame.offsetTop + box.y - 200);
  const at = frame.getBoundingClientRect();
  const position: [number, number] = [Math.round(at.left + box.x), Math.round(at.top + box.y)];
  // The pointer comes first, as a hand's does: Chromium routes input to a frame of another process
  // by a hit test that may not know a frame this new yet.
  await sendMouse({ type: 'move', position });
  await new Promise((resolve) => setTimeout(resolve, 150));
  await sendMouse({ type: 'click', position });
}

/** Opens the form in the frame by a click on the call to action. */
async function openFormInFrame(frame: HTMLIFrameElement): Promise<void> {
  await clickInFrame(frame, '[part=join] button');
  await waitUntil(async () => (await frameState()).form, 'the form did not open in the frame', {
    timeout: 10000,
    interval: 250,
  });
}

/** An address WebKit's driver types as written: it drops the second of two equal keys in a row. */
const addressToType = (who: string) => uniqueEmail(who).replace(/(.)\1+/g, '$1');

/** The subject of the mail to `email`, once the service has sent it. */
async function subjectOfMailTo(email: string): Promise<string> {
  let subject = '';
  await waitUntil(
    async () => {
      const outbox = String(await executeServerCommand('service-outbox'));
      subject = new RegExp(`To: ${email.replace(/[.+]/g, '\\$&')}\nSubject: (.*)`).exec(outbox)?.[1] ?? '';
      return subject !== '';
    },
    `no mail to ${email} in ${(String(await executeServerCommand('service-outbox')).match(/To: .*/g) ?? []).slice(-3).join(' | ')}`,
    { timeout: 15000 },
  );
  return subject;
}

describe('the embed page in sandbox="allow-scripts" on another origin', () => {
  beforeEach(() => {
    posted = [];
    addEventListener('message', listen);
  });
  afterEach(async () => {
    removeEventListener('message', listen);
    document.querySelectorAll('iframe, script[data-helper]').forEach((el) => {
      el.remove();
    });
    await sendMouse({ type: 'move', position: [0, 0] });
    window.scrollTo(0, 0);
  });

  it('shows the pledge in nynorsk with the count, and tells the page its height in both messages', async () => {
    const frame = await openEmbed('nn');
    const state = await frameState();
    expect(state.lang).to.equal('nn');
    expect(state.title).to.equal('Valgløftet 2023');
    expect(state.lead).to.match(/^Folkevalde som sluttar seg til Valgløftet 2023, lovar/);
    expect(state.figure).to.match(/^\d+$/);
    const mine = () => posted.filter((m) => m.source === frame.contentWindow).map((m) => m.data);
    await waitUntil(() => mine().length >= 2, 'the frame posted no height');
    const ours = mine().filter((d) => (d as { type?: string }).type === HEIGHT_MESSAGE) as { height: number }[];
    const wordpress = mine().filter((d) => (d as { message?: string }).message === 'height') as {
      value: number;
      secret: string;
    }[];
    expect(ours.length).to.be.greaterThan(0);
    expect(wordpress.at(-1)).to.deep.equal({ message: 'height', value: ours.at(-1)!.height, secret });
    // The whole card, its text behind a disclosure: more than the bare card, within WordPress's 1 000 px.
    expect(ours.at(-1)!.height).to.be.within(300, 1000);
  });

  it('for a council (municipality=4601) the element in the frame carries it, and the pledge and the count still come', async () => {
    await openEmbed('nn', 600, false, '4601');
    const state = await frameState();
    expect(state.lang).to.equal('nn');
    expect(state.lead).to.match(/^Folkevalde som sluttar seg til Valgløftet 2023/);
    expect(state.figure).to.match(/^\d+$/);
    expect(
      await inFrame<string | null>("() => document.querySelector('ks-valgloftet').getAttribute('municipality')"),
    ).to.equal('4601');
    expect(await inFrame<string>('() => location.search')).to.equal('?lang=nn&municipality=4601');
  });

  it('is resized by /embed.js to the height it reports, however late the helper comes', async () => {
    const frame = await openEmbed('nb', 600, true);
    await waitUntil(() => posted.some((m) => m.source === frame.contentWindow), 'the frame posted no height');
    const helper = document.createElement('script');
    helper.dataset.helper = '';
    helper.src = `${new URL(await serviceApi()).origin}/embed.js`;
    document.head.append(helper);
    await waitUntil(() => frame.style.height !== `${EMBED_HEIGHT}px`, 'the helper did not resize the frame');
    const last = posted.filter((m) => m.source === frame.contentWindow).at(-1)?.data as {
      height?: number;
      value?: number;
    };
    const reported = last.height ?? last.value ?? -1;
    expect(frame.getBoundingClientRect().height).to.be.closeTo(reported, 1);
    // The pledge now fits the frame: nothing below it is cut.
    const inside = await inFrame<number>('() => Math.ceil(document.body.getBoundingClientRect().height)');
    expect(inside).to.be.at.most(frame.getBoundingClientRect().height + 1);
  });

  for (const width of [320, 768, 1280]) {
    it(`shows the lead, the counter and the call to action in the recommended height at ${width} px, nb and nn`, async () => {
      for (const lang of ['nb', 'nn'] as const) {
        const frame = await openEmbed(lang, width);
        const { joinBottom } = await frameState();
        expect(joinBottom, `${lang} at ${width} px`).to.be.within(100, EMBED_HEIGHT);
        frame.remove();
      }
    });
  }

  it("signs by the reader's keys: Enter in the municipality field sends, and the mail goes out in nynorsk", async () => {
    const frame = await openEmbed('nn');
    await openFormInFrame(frame);
    await clickInFrame(frame, '#name');
    const email = addressToType('ramme');
    await sendKeys({ type: 'Kari Nordmann' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: email });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: ' ' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Tromsø' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(async () => (await frameState()).sent !== '', 'Enter did not send the form', { timeout: 10000 });
    expect((await frameState()).sent).to.equal('Sjekk e-posten din');
    expect(await subjectOfMailTo(email)).to.equal('Stadfest at du sluttar deg til Valgløftet 2023');
  });

  it('signs by the pointer: a click on the send button sends', async () => {
    const frame = await openEmbed('nb');
    await openFormInFrame(frame);
    await clickInFrame(frame, '#name');
    const email = addressToType('klikk');
    await sendKeys({ type: 'Ola Nordmann' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: email });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: ' ' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Bodø' });
    await sendKeys({ press: 'Tab' }); // past the list of matches, which would lie over the button
    await clickInFrame(frame, 'button[type=submit]');
    await waitUntil(async () => (await frameState()).sent !== '', 'the click did not send the form', {
      timeout: 10000,
    });
    expect((await frameState()).sent).to.equal('Sjekk e-posten din');
    expect(await subjectOfMailTo(email)).to.equal('Bekreft at du slutter deg til Valgløftet 2023');
  });
});
