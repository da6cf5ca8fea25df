// The static twin of a rendered widget: its shadow DOM and styles as plain HTML, with :host made a
// class, for the same text to be measured without any script (bench/browser.mjs, bench/phone.mjs).

/** `{ body, head }` for a host page, read from the first widget on the tab's page once it has rendered. */
export async function staticTwin(tab) {
  const { html, css } = await tab.evaluate(() => {
    const root = document.querySelector('ks-valgloftet').shadowRoot;
    return {
      html: root.innerHTML.replace(/<!--[^>]*-->/g, ''),
      css: root.adoptedStyleSheets.map((sheet) => [...sheet.cssRules].map((r) => r.cssText).join('\n')).join('\n'),
    };
  });
  const hostCss = css.replace(/:host\((\[[^\]]*\])\)/g, '.ks-host$1').replace(/:host/g, '.ks-host');
  return { body: `<div class="ks-host">${html}</div>`, head: `<style>${hostCss}</style>` };
}
