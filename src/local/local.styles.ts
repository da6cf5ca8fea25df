/**
 * The local lines' own styles, adopted when the module arrives. Until then the first script's
 * `.local` keeps a block of their size; from then on, `.wait` does while the count is on its way.
 * A plain string, tagged `css` only so the build minifies it.
 */
const css = String.raw;

export const localCss = css`
  .local {
    min-height: 0;
    margin-block: -0.25rem 1rem;
    padding: 0.75rem 1rem;
    border-inline-start: 4px solid var(--_accent);
  }
  .local p {
    margin: 0 0 0.5rem;
  }
  .local > :last-child {
    margin-block-end: 0;
  }
  /* The same height as the first script's reserve, padding included. */
  .wait {
    min-height: calc(max(7em, 15em - 16cqi) - 1.5rem);
  }
  .local .count {
    display: inline;
    font-size: 1.25em;
  }
  .decision {
    font-weight: 600;
  }
  details {
    margin-block: 0.5rem;
  }
  summary {
    cursor: pointer;
    color: var(--_accent);
    font-weight: 600;
  }
  summary:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  details ul {
    margin: 0.5rem 0;
    padding-inline-start: 1.25rem;
  }
  details .note {
    color: var(--_muted);
    font-size: 0.875em;
  }
`;
