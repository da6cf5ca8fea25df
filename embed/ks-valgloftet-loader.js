// Loads ks-valgloftet.js from beside this file once the page has painted, for pages that carry the
// server-rendered markup (GET /api/markup); see the README, "Server-rendered markup".
(() => {
  const here = document.currentScript?.src;
  if (!here) return;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    import(new URL('ks-valgloftet.js', here).href).catch(() => undefined); // the markup stays
  };
  // After the next painted frame; a hidden tab paints none, so a timer starts it there.
  requestAnimationFrame(() => setTimeout(start));
  setTimeout(start, 1000);
})();
