// Inlined at the end of the embed page (GET /embed; allowed by its CSP hash).
//
// Height: tells the page that frames it how tall the pledge is, whenever that changes. Every host
// gets `{ type: 'ks-valgloftet:height', height }` (contract/embed.js, HEIGHT_MESSAGE; /embed.js
// resizes the frame from it). In a WordPress embed, whose frame address ends in `#?secret=…`,
// wp-embed also gets its own `{ message: 'height', value, secret }`. A host that asks
// (`{ type: 'ks-valgloftet:ready' }`, or wp-embed's `{ message: 'ready' }`) is told again.
//
// Links: WordPress frames an embed with `sandbox="allow-scripts"`, where a link can neither open a
// tab nor leave the frame. wp-embed takes a link from the frame (`{ message: 'link' }`) and opens it
// in the reader's window, but only on the frame's own host, so the link goes by this service's
// /embed/go, which forwards to the widget's own links and nothing else.
(() => {
  if (window.parent === window) return;
  const secret = /[#?&]secret=([A-Za-z0-9]{1,64})(?:&|$)/.exec(location.hash)?.[1];
  let told = 0;
  /** @param {boolean} again */
  const tell = (again) => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === told && !again) return;
    told = height;
    window.parent.postMessage({ type: 'ks-valgloftet:height', height }, '*');
    if (secret) window.parent.postMessage({ message: 'height', value: height, secret }, '*');
  };
  // Told at once and at load too, not only by the observer: wp-embed keeps the frame clipped to a
  // pixel until it hears from it, and an engine may run no rendering, so no observer, in a frame
  // it does not show. Its 'ready' comes at the post's DOMContentLoaded, often before this frame is.
  tell(true);
  addEventListener('load', () => tell(true));
  new ResizeObserver(() => tell(false)).observe(document.body);
  addEventListener('message', (event) => {
    const data = event.data;
    if (event.source !== window.parent || !data || typeof data !== 'object') return;
    if (data.type === 'ks-valgloftet:ready' || data.message === 'ready') tell(true);
  });
  if (!secret) return;
  addEventListener('click', (event) => {
    const link = event
      .composedPath()
      .find(/** @returns {node is HTMLAnchorElement} */ (node) => node instanceof HTMLAnchorElement && !!node.href);
    if (!link || event.defaultPrevented || !/^https?:$/.test(link.protocol)) return;
    event.preventDefault();
    const go = new URL('embed/go', location.href);
    go.searchParams.set('to', link.href);
    window.parent.postMessage({ message: 'link', value: go.href, secret }, '*');
  });
})();
