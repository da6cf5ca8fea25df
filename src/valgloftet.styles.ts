/*
 * Public theming API: --ks-valgloftet-* (documented on the element class). Private variables are
 * --_*. Colours follow the host's `color-scheme`, so the card is dark only where the host page is.
 * A plain string, tagged `css` only so the build minifies it; src/styles.ts makes the element's
 * sheet of it.
 */
const css = String.raw;

export const cardStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_accent: var(--ks-valgloftet-accent, light-dark(#0f5b8c, #8cc8f0));
    --_bg: var(--ks-valgloftet-background, light-dark(#f3f7fa, #16212b));
    --_fg: var(--ks-valgloftet-color, light-dark(#1c2329, #e9eef2));
    --_muted: color-mix(in srgb, var(--_fg) 78%, var(--_bg));
    /* Defaults a page's rules on the element itself (a reader's text-spacing styles) override. */
    line-height: 1.5;
    letter-spacing: normal;
    word-spacing: normal;
  }
  :host([hidden]) {
    display: none;
  }
  /*
   * A host page's styles reach in only through inheritance: all of it stops here, but the font and
   * the text spacing. Line height, letter and word spacing come from the element itself, so a
   * reader's own spacing (WCAG 1.4.12: a user style sheet, a bookmarklet, an extension, which set
   * them on every element) reaches the text; a page's rule for the element or for * does too.
   */
  article {
    all: initial;
    display: block;
    color-scheme: inherit;
    font-size: inherit;
    line-height: inherit;
    letter-spacing: inherit;
    word-spacing: inherit;
    box-sizing: border-box;
    padding: var(--ks-valgloftet-padding, clamp(1rem, 4cqi, 2rem));
    border: 1px solid color-mix(in srgb, var(--_accent) 35%, transparent);
    border-inline-start: 0.375rem solid var(--_accent);
    border-radius: var(--ks-valgloftet-radius, 0.5rem);
    background: var(--_bg);
    color: var(--_fg);
    font-family: var(--ks-valgloftet-font-family, inherit);
    overflow-wrap: break-word;
    hyphens: auto;
  }
  h2,
  h3 {
    margin: 0 0 0.5rem;
    color: var(--_accent);
    font-weight: 700;
  }
  h2 {
    font-size: 1.5em;
  }
  h3 {
    margin-block-start: 1.5rem;
    font-size: 1.15em;
  }
  p {
    margin: 0 0 0.75rem;
  }
  .lead {
    font-size: 1.1em;
  }
  a {
    color: var(--_accent);
    text-underline-offset: 0.15em;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }

  /* The counter: the figures and the note share one grid cell, so every state has one size. */
  .counter {
    display: grid;
    margin-block: 1rem;
    padding: 0.75rem 1rem;
    border-radius: calc(var(--ks-valgloftet-radius, 0.5rem) / 2);
    background: color-mix(in srgb, var(--_accent) 10%, var(--_bg));
  }
  .counter > * {
    grid-area: 1 / 1;
    margin: 0;
  }
  .figures {
    display: grid;
    gap: 0.5rem 1.5rem;
    align-content: center;
  }
  .figures p {
    margin: 0;
    transition: opacity 0.4s ease-out;
  }
  .counter:not([data-state='ok']) .figures p {
    visibility: hidden;
    opacity: 0;
  }
  .count {
    display: block;
    color: var(--_accent);
    font-size: 1.75em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .note {
    align-self: center;
    color: var(--_muted);
  }
  /*
   * A council's own lines (municipality): their place, kept from the first frame on (their module
   * keeps it too). Fitted to their height with a list of names, measured in Chromium in nb and nn
   * from 320 to 1280px: they grow the block by 0 to 9px (more for a long Sámi name on a phone).
   */
  .local {
    min-height: max(9em, 16em - 14cqi);
  }
  /* Another campaign's title and lead, while they are on their way (src/campaign/). */
  .wait {
    min-height: 9em;
  }

  .body {
    margin-block-end: 1rem;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    margin: 0 0 1rem;
    padding: 0;
    list-style: none;
    font-weight: 600;
  }
  .credit {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }

  @container (min-width: 30rem) {
    .figures {
      grid-template-columns: 1fr 1fr;
    }
  }
  @container (min-width: 48rem) {
    article {
      font-size: 1.0625em;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .figures p {
      transition: none;
    }
  }
  /* On paper: the pledge and the counter in light colours, each link with its address, no form. */
  @media print {
    article {
      color-scheme: light;
    }
    .join {
      display: none;
    }
    a[href]::after {
      content: ' (' attr(href) ')';
    }
  }
  @media (forced-colors: active) {
    article,
    .counter {
      border: 1px solid CanvasText;
    }
    h2,
    h3,
    .count {
      color: CanvasText;
    }
    a {
      color: LinkText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
