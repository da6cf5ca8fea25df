// The static twin of a rendered widget: its shadow DOM and styles as plain HTML, with :host made a
// class, for the same text to be measured without any script (bench/browser.mjs, bench/phone.mjs).

/**
 * `{ body, head }` for a host page, read from the first widget on the tab's page once it has
 * rendered; with `page`, the head carries the page's own `<style>` rules too (the embed page's).
 */
export async function staticTwin(tab, { page = false } = {}) {
  const { html, css, own } = await tab.evaluate(() => {
    const host = document.querySelector('ks-valgloftet');
    const root = host.shadowRoot;
    // What the element's light DOM puts into a slot (the embed page's disclosure of the text)
    // stands where that slot is.
    const slotted = (slot) => {
      const name = /name="([^"]*)"/.exec(slot)?.[1];
      const assigned = [...host.children].filter((child) => child.slot === name);
      return assigned.length ? assigned.map((child) => child.outerHTML).join('') : slot;
    };
    return {
      html: root.innerHTML.replace(/<!--[^>]*-->/g, '').replace(/<slot name="[^"]*">[\s\S]*?<\/slot>/g, slotted),
      own: [...document.head.querySelectorAll('style')].map((style) => style.textContent).join(''),
      css: root.adoptedStyleSheets.map((sheet) => [...sheet.cssRules].map((r) => r.cssText).join('\n')).join('\n'),
    };
  });
  const hostCss = css.replace(/:host\((\[[^\]]*\])\)/g, '.ks-host$1').replace(/:host/g, '.ks-host');
  return { body: `<div class="ks-host">${html}</div>`, head: `<style>${page ? own : ''}${hostCss}</style>` };
}
