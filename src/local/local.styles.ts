/**
 * The local lines' own styles, adopted when the module arrives. The first script's `.local` keeps
 * the block's height from the first frame; `border-box` keeps it the same once padding comes, so
 * neither the module's arrival nor the count's moves anything. A plain string, tagged `css` only
 * so the build minifies it.
 */
const css = String.raw;

export const localCss = css`
  .local {
    box-sizing: border-box;
    margin-block: -0.25rem 1rem;
    padding: 0.75rem 1rem;
    border-inline-start: 4px solid var(--_accent);
  }
  /* Nothing to show (a wrong code, no answer): no empty box. */
  .local:empty {
    display: none;
  }
  .local p {
    margin: 0 0 0.5rem;
  }
  .local > :last-child {
    margin-block-end: 0;
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
