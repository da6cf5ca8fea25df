// Loads ks-valgloftet.js from beside this file once the page has painted, for pages that carry the
// server-rendered markup (GET /api/markup); see the README, "Server-rendered markup".
(() => {
  const here = /** @type {HTMLScriptElement | null} */ (document.currentScript)?.src;
  if (!here) return;
  const widgets = [...document.querySelectorAll('ks-valgloftet')];
  /** @param {Element} widget */
  const join = (widget) => widget.shadowRoot?.querySelector('[part="join"]');
  // A press on the call to action before the script has come is kept, and made again once it has.
  /** @type {(Element & { updateComplete?: Promise<unknown> }) | undefined} */
  let pressed;
  for (const widget of widgets) {
    join(widget)
      ?.querySelector('button')
      ?.addEventListener('click', () => (pressed = widget), { once: true });
  }
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    import(new URL('ks-valgloftet.js', here).href)
      .then(async () => {
        if (!pressed) return;
        await pressed.updateComplete;
        join(pressed)?.querySelector('button')?.click();
      })
      .catch(() => {
        // No script, no form: the call to action goes rather than stay a button that does nothing.
        for (const widget of widgets) join(widget)?.setAttribute('hidden', '');
      });
  };
  // After the next painted frame; a hidden tab paints none, so a timer starts it there.
  requestAnimationFrame(() => setTimeout(start));
  setTimeout(start, 1000);
})();
