// The optional host helper (GET /embed.js): resizes every `<iframe data-ks-valgloftet>` on the page
// to the height its embed page reports, so the pledge is never clipped and never leaves a gap. No
// dependencies, nothing inline, no eval: it runs under a strict Content-Security-Policy.
//   <iframe src="https://valgloftet.example.no/embed?lang=nb" data-ks-valgloftet …></iframe>
//   <script src="https://valgloftet.example.no/embed.js" async></script>
(() => {
  const frames = () =>
    /** @type {NodeListOf<HTMLIFrameElement>} */ (document.querySelectorAll('iframe[data-ks-valgloftet]'));
  addEventListener('message', (event) => {
    const data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'ks-valgloftet:height') return;
    const height = Math.round(Number(data.height));
    if (!(height >= 50 && height <= 20000)) return;
    for (const frame of frames()) {
      if (frame.contentWindow === event.source) frame.style.height = `${height}px`;
    }
  });
  // A frame that reported before this script came is asked again.
  const ask = () => {
    for (const frame of frames()) frame.contentWindow?.postMessage({ type: 'ks-valgloftet:ready' }, '*');
  };
  ask();
  if (document.readyState !== 'complete') addEventListener('load', ask, { once: true });
})();
